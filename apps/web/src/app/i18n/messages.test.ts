import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modules as moduleRegistry, type ModuleId } from '@roaauto/shared';
import { webModules } from '@/modules';
import { locales, type MessageTree } from '../module-kit';
import { shellMessages } from './shell';

/**
 * The app's texts: each module's under its id, the same keys in every language, and every key the
 * code names exists (a renamed or missing key would show the key itself to people).
 */
const src = fileURLToPath(new URL('../..', import.meta.url));
const namespaces: Record<string, Record<string, MessageTree>> = {
  shell: { ro: shellMessages.ro, en: shellMessages.en },
  ...Object.fromEntries(webModules.map((m) => [m.id, { ro: m.messages.ro, en: m.messages.en }])),
};
const messages = Object.fromEntries(locales.map((l) => [l, Object.fromEntries(Object.entries(namespaces).map(([ns, byLocale]) => [ns, byLocale[l]]))])) as Record<
  (typeof locales)[number],
  MessageTree
>;

/** Every leaf key of a tree, dotted. */
function leaves(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

function lookup(tree: MessageTree, key: string): string | MessageTree | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.test.ts') && e.name !== 'messages.ts' && !full.includes(`${path.sep}i18n${path.sep}`) ? [full] : [];
  });
}

/** Message keys written in the code: whole ones ('workshop.orders.title') and the fixed start of built ones (`workshop.orders.status.${s}`). */
function keysIn(text: string): { whole: string[]; prefixes: string[] } {
  const ns = Object.keys(namespaces).join('|');
  const whole = [...text.matchAll(new RegExp(`['"\`]((?:${ns})\\.[\\w.]*\\w)['"\`]`, 'g'))].map((m) => m[1] ?? '');
  const prefixes = [...text.matchAll(new RegExp(`\`((?:${ns})\\.[\\w.]*)\\.\\$\\{`, 'g'))].map((m) => m[1] ?? '');
  return { whole, prefixes };
}

/** The code without its comments (they may quote keys as examples). */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/<!--[\s\S]*?-->/g, '');
const files = sourceFiles(src).map((file) => ({ file: path.relative(src, file), text: withoutComments(fs.readFileSync(file, 'utf8')) }));

describe('messages', () => {
  it('every module and the shell have the same keys in every language, none empty', () => {
    for (const [ns, byLocale] of Object.entries(namespaces)) {
      const ro = leaves(byLocale.ro ?? {}).sort();
      expect(ro.length, ns).toBeGreaterThan(0);
      for (const locale of locales) {
        const tree = byLocale[locale] ?? {};
        expect(leaves(tree).sort(), `${ns} in ${locale}`).toEqual(ro);
        for (const key of ro) {
          const text = lookup(tree, key);
          expect(typeof text === 'string' && text.trim() !== '', `${locale}: ${ns}.${key}`).toBe(true);
        }
      }
    }
  });

  it('each module of the list has its messages under its own id', () => {
    expect(new Set(webModules.map((m) => m.id)).size).toBe(webModules.length);
    expect(Object.keys(namespaces)).toEqual(['shell', ...webModules.map((m) => m.id)]);
  });

  it('every key the code names exists in every language', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const { file, text } of files) {
      const { whole, prefixes } = keysIn(text);
      seen += whole.length + prefixes.length;
      for (const locale of locales) {
        const tree = messages[locale];
        for (const key of whole) if (typeof lookup(tree, key) !== 'string') missing.push(`${file}: ${key} (${locale})`);
        for (const key of prefixes) if (typeof lookup(tree, key) !== 'object') missing.push(`${file}: ${key}.… (${locale})`);
      }
    }
    expect(missing).toEqual([]);
    expect(seen).toBeGreaterThan(500);
  });

  it('navigation labels name existing keys', () => {
    for (const m of webModules) {
      for (const item of m.nav ?? []) expect(typeof lookup(messages.ro, item.labelKey), item.labelKey).toBe('string');
    }
  });

  it("a module's code uses the shell's texts, its own and those of the modules it depends on, never another module's", () => {
    const dependsOn = (id: ModuleId): Set<string> => {
      const def = moduleRegistry[id] as { requires: readonly ModuleId[]; uses?: readonly ModuleId[] };
      return new Set([id, ...def.requires.flatMap((r) => [...dependsOn(r)]), ...(def.uses ?? [])]);
    };
    const wrong: string[] = [];
    for (const m of webModules) {
      const allowed = new Set(['shell', ...dependsOn(m.id)]);
      for (const { file, text } of files.filter((f) => f.file.startsWith(`modules${path.sep}${m.id}${path.sep}`))) {
        const { whole, prefixes } = keysIn(text);
        for (const key of [...whole, ...prefixes]) if (!allowed.has(key.split('.')[0] ?? '')) wrong.push(`${file}: ${key}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the shell names only its own texts', () => {
    const shellFiles = files.filter((f) => !f.file.startsWith(`modules${path.sep}`));
    expect(shellFiles.length).toBeGreaterThan(5);
    const wrong = shellFiles.flatMap(({ file, text }) => {
      const { whole, prefixes } = keysIn(text);
      return [...whole, ...prefixes].filter((k) => !k.startsWith('shell.')).map((k) => `${file}: ${k}`);
    });
    expect(wrong).toEqual([]);
  });
});
