// The module kit's boundary rule (see docs/modules.md): within each package, kernel code (everything
// outside src/modules/) imports no module folder, only the list file; a module folder imports the kernel,
// its own files, and the folders of the modules its shared definition declares in `requires` or `uses`
// (core, required by all, always). A relative import never leaves its package (workspace packages are
// imported by name). The declarations are read from packages/shared, so this rule has no list of its own.
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * @param {{ root: string, packages: string[], declarations: Record<string, { requires: readonly string[], uses: readonly string[] }>,
 *   aliases?: Record<string, string>, allow?: { files: RegExp, reason: string }[] }} options
 * `aliases`: import prefixes resolved like a path (`'@/'` → `'apps/web/src/'`); `allow`: files the rule skips.
 */
export function moduleBoundaries({ root, packages, declarations, aliases = {}, allow = [] }) {
  const packageOf = (file) => packages.find((p) => file === resolve(root, p) || file.startsWith(resolve(root, p) + sep));

  /** 'kernel', 'list' (a file directly in src/modules/, like the list file) or a module id. */
  function placeOf(pkg, file) {
    const modulesDir = resolve(root, pkg, 'src', 'modules');
    if (!file.startsWith(modulesDir + sep)) return 'kernel';
    const [first, ...rest] = relative(modulesDir, file).split(sep);
    if (rest.length > 0) return first;
    // `../accounting` names a folder (its index.ts); `./index`, `../modules` the list file.
    const asDir = resolve(modulesDir, first);
    return existsSync(asDir) && statSync(asDir).isDirectory() ? first : 'list';
  }

  const allowed = (from, to) => from === to || to === 'core' || (declarations[from]?.requires ?? []).includes(to) || (declarations[from]?.uses ?? []).includes(to);

  return {
    meta: {
      type: 'problem',
      docs: { description: 'Kernel code imports no module folder; a module imports only the modules it declares.' },
      messages: {
        leavesPackage: 'Import workspace packages by name: {{spec}} leaves {{pkg}}.',
        kernelImportsModule: 'Kernel code imports no module folder ({{to}}): loop over the list file (src/modules/index.ts) instead.',
        moduleImportsList: 'A module imports no list file: its own folder, the kernel and the modules it declares only.',
        undeclared: 'Module "{{from}}" imports module "{{to}}", which its shared definition neither `requires` nor `uses`.',
        unknownModule: 'Folder src/modules/{{id}} is not a module of the shared list.',
      },
      schema: [],
    },
    create(context) {
      const file = resolve(context.filename);
      const pkg = packageOf(file);
      if (!pkg || allow.some((a) => a.files.test(relative(root, file).split(sep).join('/')))) return {};
      const from = placeOf(pkg, file);
      const check = (node, spec) => {
        if (typeof spec !== 'string') return;
        const alias = Object.keys(aliases).find((a) => spec.startsWith(a));
        if (!alias && !spec.startsWith('.')) return;
        const target = alias ? resolve(root, aliases[alias], spec.slice(alias.length)) : resolve(dirname(file), spec);
        if (packageOf(target) !== pkg) {
          context.report({ node, messageId: 'leavesPackage', data: { spec, pkg } });
          return;
        }
        const to = placeOf(pkg, target);
        if (to === from || to === 'kernel' || from === 'list') return;
        if (to !== 'list' && !(to in declarations)) context.report({ node, messageId: 'unknownModule', data: { id: to } });
        else if (from === 'kernel') {
          if (to !== 'list') context.report({ node, messageId: 'kernelImportsModule', data: { to } });
        } else if (to === 'list') context.report({ node, messageId: 'moduleImportsList' });
        else if (!allowed(from, to)) context.report({ node, messageId: 'undeclared', data: { from, to } });
      };
      const source = (node) => check(node, node.source?.value);
      return {
        ImportDeclaration: source,
        ExportAllDeclaration: source,
        ExportNamedDeclaration: (node) => node.source && source(node),
        ImportExpression: source,
        TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value),
      };
    },
  };
}
