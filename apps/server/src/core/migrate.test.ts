import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations as platformMigrations } from '../../migrations';
import { isPostgres } from '../../migrations/lib';
import { allMigrations } from '../module-kit';
import { serverModules } from '../modules';
import { createTestDatabase, testEngine } from '../test/test-db';
import { openDatabase } from './db';

/**
 * Migrations that change rows a database already holds, run on rows written before them: the
 * database is brought up to the migration before, given its rows, then to the latest.
 */
describe(`migration 0010 on ${testEngine()}`, () => {
  it("gives the vehicles a server already holds the catalog's names of their make and model, within their own company", async () => {
    const target = await createTestDatabase();
    const database = openDatabase(target.config);
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    try {
      let migrationTableSchema: string | undefined;
      if (isPostgres(db)) migrationTableSchema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
      const all: Record<string, Migration> = allMigrations(platformMigrations, serverModules);
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(all) }, migrationTableSchema });
      const before = Object.keys(all).sort().filter((n) => n < '0010_');
      const to = before.at(-1);
      if (!to) throw new Error('no migration before 0010');
      expect((await migrator.migrateTo(to)).error).toBeUndefined();

      const now = '2026-01-01T00:00:00.000Z';
      const synced = { created_at: now, updated_at: now, version: 1 };
      for (const tenant of ['t1', 't2']) {
        await db.insertInto('tenants').values({
          id: tenant, name: tenant, plan: 'free', modules: '[]', limits: '{}', billing_status: 'active', entitlements_version: 1, created_at: now, updated_at: now,
        }).execute();
      }
      await db.insertInto('catalog_marci').values({ id: 'dacia', tenant_id: 't1', denumire: 'Dacia', activ: 1, ...synced }).execute();
      await db.insertInto('catalog_modele').values({ id: 'logan', tenant_id: 't1', marca_id: 'dacia', denumire: 'Logan', activ: 1, ...synced }).execute();
      await db.insertInto('vehicles').values([
        { id: 'v1', tenant_id: 't1', nr_inmatriculare: 'B 1 ABC', marca_id: 'dacia', model_id: 'logan', ...synced },
        { id: 'v2', tenant_id: 't1', nr_inmatriculare: 'B 2 ABC', ...synced },
        // An id of another company's catalog names nothing here.
        { id: 'v3', tenant_id: 't2', nr_inmatriculare: 'B 3 ABC', marca_id: 'dacia', ...synced },
      ]).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await db.selectFrom('vehicles').select(['id', 'marca', 'model', 'version']).orderBy('id').execute();
      expect(rows.map((r) => ({ ...r, version: Number(r.version) }))).toEqual([
        { id: 'v1', marca: 'Dacia', model: 'Logan', version: 1 },
        { id: 'v2', marca: null, model: null, version: 1 },
        { id: 'v3', marca: null, model: null, version: 1 },
      ]);
    } finally {
      await database.close();
      await target.drop();
    }
  });
});

describe(`migration 0016 on ${testEngine()}`, () => {
  it("gives the orders a server already holds their vehicle's customer, within their own company, their versions unchanged", async () => {
    const target = await createTestDatabase();
    const database = openDatabase(target.config);
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    try {
      let migrationTableSchema: string | undefined;
      if (isPostgres(db)) migrationTableSchema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
      const all: Record<string, Migration> = allMigrations(platformMigrations, serverModules);
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(all) }, migrationTableSchema });
      const to = Object.keys(all).sort().filter((n) => n < '0016_').at(-1);
      if (!to) throw new Error('no migration before 0016');
      expect((await migrator.migrateTo(to)).error).toBeUndefined();

      const now = '2026-01-01T00:00:00.000Z';
      const synced = { created_at: now, updated_at: now, version: 1 };
      for (const tenant of ['t1', 't2']) {
        await db.insertInto('tenants').values({
          id: tenant, name: tenant, plan: 'free', modules: '[]', limits: '{}', billing_status: 'active', entitlements_version: 1, created_at: now, updated_at: now,
        }).execute();
      }
      await db.insertInto('clients').values({ id: 'c1', tenant_id: 't1', tip: 'pf', nume: 'Ion', ...synced }).execute();
      await db.insertInto('vehicles').values([
        { id: 'v1', tenant_id: 't1', nr_inmatriculare: 'B 1 ABC', client_id: 'c1', ...synced },
        { id: 'v2', tenant_id: 't1', nr_inmatriculare: 'B 2 ABC', ...synced },
      ]).execute();
      const order = { data_comanda: '2026-01-01', status: 'DRAFT', total_manopera: 0, total_materiale: 0, total_general: 0, ...synced };
      await db.insertInto('orders').values([
        { id: 'o1', tenant_id: 't1', vehicle_id: 'v1', ...order },
        { id: 'o2', tenant_id: 't1', vehicle_id: 'v2', ...order },
        // Another company's order naming this vehicle's id gets nothing from it.
        { id: 'o3', tenant_id: 't2', vehicle_id: 'v1', ...order },
      ]).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await db.selectFrom('orders').select(['id', 'client_id', 'version']).orderBy('id').execute();
      expect(rows.map((r) => ({ ...r, version: Number(r.version) }))).toEqual([
        { id: 'o1', client_id: 'c1', version: 1 },
        { id: 'o2', client_id: null, version: 1 },
        { id: 'o3', client_id: null, version: 1 },
      ]);
    } finally {
      await database.close();
      await target.drop();
    }
  });
});
