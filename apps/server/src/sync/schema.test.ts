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
});
