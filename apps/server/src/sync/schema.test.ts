import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTables } from '@roaauto/shared';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';

/** The server's migrations and the shared table declarations must describe the same tables. */
describe(`synced tables match their shared declarations on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('has every declared column, with its nullability, and only the server columns besides', async () => {
    const tables = await t.app.database.db.introspection.getTables();
    for (const def of syncTables) {
      const table = tables.find((x) => x.name === def.name);
      expect(table, def.name).toBeDefined();
      const actual = Object.fromEntries((table?.columns ?? []).map((c) => [c.name, c.isNullable]));
      const expected: Record<string, boolean> = {
        id: testEngine() === 'sqlite', // SQLite reports a TEXT primary key as nullable; PostgreSQL does not
        tenant_id: false,
        created_at: false,
        updated_at: false,
        deleted_at: true,
        version: false,
        last_client_id: true,
        ...Object.fromEntries(Object.entries(def.columns).map(([k, c]) => [k, c.nullable])),
      };
      expect(actual, def.name).toEqual(expected);
    }
  });

  it('declares no integer range wider than the server column holds', async () => {
    const tables = await t.app.database.db.introspection.getTables();
    for (const def of syncTables) {
      const types = new Map((tables.find((x) => x.name === def.name)?.columns ?? []).map((c) => [c.name, c.dataType.toLowerCase()]));
      for (const [name, c] of Object.entries(def.columns)) {
        if (c.kind !== 'integer' && c.kind !== 'money' && c.kind !== 'boolean') continue;
        const range = c.kind === 'integer' ? { min: c.min, max: c.max } : c.kind === 'money' ? safeInteger : { min: 0, max: 1 };
        const held = storedRange(types.get(name) ?? 'missing');
        expect(held, `${def.name}.${name} is ${types.get(name) ?? 'missing'}`).not.toBeNull();
        expect(range.min, `${def.name}.${name} min`).toBeGreaterThanOrEqual(held?.min ?? 0);
        expect(range.max, `${def.name}.${name} max`).toBeLessThanOrEqual(held?.max ?? 0);
      }
    }
  });
});

const safeInteger = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

/** The integers a server column type stores exactly (as JavaScript numbers), or null for a non-integer type. */
function storedRange(type: string): { min: number; max: number } | null {
  if (testEngine() === 'sqlite') return /int/.test(type) ? safeInteger : null;
  if (type === 'int4' || type === 'integer') return { min: -2_147_483_648, max: 2_147_483_647 };
  if (type === 'int8' || type === 'bigint') return safeInteger;
  if (type === 'int2' || type === 'smallint') return { min: -32_768, max: 32_767 };
  return null;
}
