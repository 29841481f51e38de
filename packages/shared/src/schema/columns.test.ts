import { describe, expect, it } from 'vitest';
import * as shared from '../index';
import { col, columnSchema, type ColumnDef } from './columns';
import { syncTables } from './registry';
import { rowSchemas } from './table';

const ok = (c: ColumnDef, v: unknown) => columnSchema(c).safeParse(v).success;
const storable = (shared as Record<string, unknown>).storableText;

describe('column values both server engines store as given', () => {
  it('refuses text with NUL or a lone UTF-16 surrogate, keeps every other character', () => {
    const c = col.text(50);
    for (const v of ['Ștefan Ionescu', 'Țară ăâîșț', 'emoji 🚗 ok', 'tab\tnewline\n', '']) expect(ok(c, v), JSON.stringify(v)).toBe(true);
    for (const v of ['Ana\u0000', '\u0000', 'half \uD83D pair', 'low \uDE97 first', 'reversed \uDE97\uD83D']) expect(ok(c, v), JSON.stringify(v)).toBe(false);
    expect(ok(col.text(50, { nullable: true }), 'x\u0000y')).toBe(false);
  });

  it('exports one storable-text validator for HTTP schemas, with a length limit', () => {
    expect(typeof storable).toBe('function');
    const s = shared.storableText(10);
    expect(s.safeParse('Ștefan 🚗').success).toBe(true);
    expect(s.safeParse('a\u0000b').success).toBe(false);
    expect(s.safeParse('a\uD800b').success).toBe(false);
    expect(s.safeParse('x'.repeat(11)).success).toBe(false);
    expect(shared.isStorableText('ok 🚗')).toBe(true);
    expect(shared.isStorableText('no\u0000')).toBe(false);
  });

  it('keeps a plain integer to PostgreSQL integer (int4) and a bigint column to exact JavaScript integers', () => {
    const int = col.integer({ nullable: true });
    expect(int).toMatchObject({ min: -2_147_483_648, max: 2_147_483_647 });
    expect(ok(int, 2_147_483_647)).toBe(true);
    expect(ok(int, 2_147_483_648)).toBe(false);
    expect(ok(int, -2_147_483_649)).toBe(false);
    const big = col.bigint({ nullable: true });
    expect(big).toMatchObject({ kind: 'integer', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    expect(ok(big, 3_000_000_000)).toBe(true);
    expect(ok(big, Number.MAX_SAFE_INTEGER + 1)).toBe(false);
  });

  it('takes only real calendar dates and timestamps', () => {
    const d = col.date();
    for (const v of ['2026-02-28', '2000-02-29', '2024-02-29', '2026-12-31']) expect(ok(d, v), v).toBe(true);
    for (const v of ['2026-02-30', '1900-02-29', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '28.02.2026']) expect(ok(d, v), v).toBe(false);
    const ts = col.timestamp();
    expect(ok(ts, '2000-02-29T10:00:00.000Z')).toBe(true);
    for (const v of ['2026-02-30T10:00:00Z', '2026-02-28T24:00:00Z', '2026-02-28T10:61:00Z']) expect(ok(ts, v), v).toBe(false);
  });

  it('applies the same rules to whole rows of the synced tables', () => {
    const vehicles = syncTables.find((t) => t.name === 'vehicles');
    const lines = syncTables.find((t) => t.name === 'order_lines');
    if (!vehicles || !lines) throw new Error('tables');
    expect(rowSchemas(vehicles).patch.safeParse({ oracle_id: 3_000_000_000 }).success).toBe(false);
    expect(rowSchemas(vehicles).patch.safeParse({ client_nume: 'Ana\u0000' }).success).toBe(false);
    expect(rowSchemas(lines).patch.safeParse({ ordine: 2_147_483_648 }).success).toBe(false);
  });
});

describe('references between synced rows', () => {
  const targets = new Set([...syncTables.map((t) => t.name), 'users', 'devices']);

  it('are declared on every id column, each naming tables that exist', () => {
    for (const def of syncTables) {
      for (const [name, c] of Object.entries(def.columns)) {
        if (c.kind !== 'id') continue;
        expect(c.references?.length, `${def.name}.${name}`).toBeGreaterThan(0);
        for (const t of c.references ?? []) expect(targets.has(t), `${def.name}.${name} -> ${t}`).toBe(true);
      }
    }
  });

  it('name what the rows mean', () => {
    const refs = (table: string, column: string) => {
      const c = syncTables.find((t) => t.name === table)?.columns[column];
      return c?.kind === 'id' ? c.references : undefined;
    };
    expect(refs('orders', 'factura_id')).toEqual(['invoices']);
    expect(refs('orders', 'vehicle_id')).toEqual(['vehicles']);
    expect(refs('order_lines', 'order_id')).toEqual(['orders']);
    expect(refs('invoices', 'emis_de')).toEqual(['users']);
    expect(refs('invoice_series', 'client_id')).toEqual(['devices']);
    expect(refs('document_events', 'document_id')).toEqual(['invoices', 'orders']);
  });
});
