// The file and SaxonJS side of official-validation.ts, for tests only. Kept in plain JavaScript with
// official-artefacts.d.ts beside it, so the shared package's program never loads @types/node.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SaxonJS from 'saxon-js';

/** The monorepo's root: the nearest folder above this file whose package.json declares the workspaces. */
function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('No package.json with "workspaces" above the e-Factura tests');
    dir = parent;
  }
}

let artefacts;

export function artefactsDir() {
  if (artefacts === undefined) {
    const dir = resolve(repoRoot(), '..', 'shared', 'efactura');
    // A missing folder must fail the run: skipping would let unvalidated XML pass as validated.
    if (!existsSync(join(dir, 'README.md'))) {
      throw new Error(`The official e-Factura artefacts are not at ${dir} (the folder beside the repository, see its README.md)`);
    }
    artefacts = dir;
  }
  return artefacts;
}

export function readArtefact(path) {
  return readFileSync(join(artefactsDir(), path), 'utf8');
}

export function artefactFiles(folder, extension) {
  const root = join(artefactsDir(), folder);
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(`.${extension}`)) files.push({ path: relative(root, path).split('\\').join('/'), contents: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}

let ciusRo;

export function ciusRoSvrl(xml) {
  // Parsing the 7.7 MB SEF costs more than a whole transformation, and SaxonJS prepares the parsed
  // stylesheet on its first run: one parsed copy serves every document.
  ciusRo ??= JSON.parse(readArtefact('cius-ro-1.0.9/cius-ro.sef.json'));
  return SaxonJS.transform({ stylesheetInternal: ciusRo, sourceText: xml, destination: 'serialized' }).principalResult;
}
