import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditCsv, auditQuery, type AuditLine } from '@/app/audit-trail';
import type { MessageTree } from '@/app/module-kit';
import { operatorMessages } from './messages';

const leaves = (tree: MessageTree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
const lookup = (tree: MessageTree, key: string) => key.split('.').reduce<string | MessageTree | undefined>((n, k) => (typeof n === 'object' ? n[k] : undefined), tree);

describe('operator console texts', () => {
  it('has the same keys in Romanian and English, none empty', () => {
    const ro = leaves(operatorMessages.ro).sort();
    expect(leaves(operatorMessages.en).sort()).toEqual(ro);
    for (const key of ro) for (const l of ['ro', 'en'] as const) expect(lookup(operatorMessages[l], key), key).toMatch(/\S/);
  });

  it('names only keys that exist (whole keys and the start of built ones)', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.vue') || (f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'messages.ts'));
    const missing: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/['"`]operator\.([\w.]*\w)['"`]/g)) {
        for (const l of ['ro', 'en'] as const) if (typeof lookup(operatorMessages[l], m[1] ?? '') !== 'string') missing.push(`${file}: ${m[1]} (${l})`);
      }
      for (const m of text.matchAll(/`operator\.([\w.]*)\.\$\{/g)) {
        for (const l of ['ro', 'en'] as const) if (typeof lookup(operatorMessages[l], m[1] ?? '') !== 'object') missing.push(`${file}: ${m[1]}.… (${l})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('audit trail CSV', () => {
  const t = (key: string, named?: Record<string, unknown>) => `${key}${named ? JSON.stringify(named) : ''}`;
  const line: AuditLine = {
    id: '1', at: '2026-12-06T10:00:00.000Z', action: 'document.storno', actorKind: 'user', actorId: 'u', actor: 'ana@șantier.ro',
    target: '=HYPERLINK("x"); "Factura" 7', ip: null, details: {},
  };

  it('starts with a UTF-8 byte order mark, quotes what needs it and keeps formulas as text', () => {
    const csv = auditCsv(t, () => false, [line], 'ro');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [, row] = csv.slice(1).split('\r\n');
    expect(row).toBe(`2026-12-06T10:00:00.000Z;ana@șantier.ro;document.storno;"'=HYPERLINK(""x""); ""Factura"" 7";;`);
    expect(auditCsv(t, () => false, [line], 'en').split('\r\n')[0]?.split(',')).toHaveLength(6);
  });

  it('sends only the filters that are set', () => {
    expect(auditQuery({ category: 'signin', actor: '', from: '2026-01-01', before: null, limit: 100 })).toBe('?category=signin&from=2026-01-01&limit=100');
    expect(auditQuery({}, { scope: 'platform' })).toBe('?scope=platform');
  });
});
