import { describe, expect, it } from 'vitest';
import { DomainError, SyncEngine, localMigrations, migrateLocal, syncTables, type LocalMigration } from '@roaauto/shared';
import { sqliteExecutor } from '../test/sqlite-executor';

describe('local database migrations (client side, no server)', () => {
  it('creates everything at version 1, then an update keeps the pending changes', async () => {
    const db = sqliteExecutor();
    const engine = new SyncEngine(db, null);
    await engine.init();
    expect((await db.all<{ user_version: number }>('PRAGMA user_version'))[0]?.user_version).toBe(localMigrations.at(-1)?.version);
    await engine.create('clients', { tip: 'pf', nume: 'Offline înainte de actualizare' });
    expect(await engine.pendingCount()).toBe(1);

    // A later version adds a column to an existing table; the queue must come through untouched.
    const next: LocalMigration[] = [
      ...localMigrations,
      { version: 99, description: 'test: new column', up: async (tx) => tx.run('ALTER TABLE clients ADD COLUMN porecla TEXT') },
    ];
    const result = await db.transaction((tx) => migrateLocal(tx, syncTables, next));
    expect(result).toEqual({ from: localMigrations.at(-1)?.version, to: 99 });
    expect(await engine.pendingCount()).toBe(1);
    const [row] = await db.all('SELECT nume, porecla FROM clients');
    expect(row).toEqual({ nume: 'Offline înainte de actualizare', porecla: null });
    // Running again is a no-op.
    expect(await db.transaction((tx) => migrateLocal(tx, syncTables, next))).toEqual({ from: 99, to: 99 });
    db.close();
  });

  it('adds the columns a declaration gained since the table was made, before the indexes that name them, the rows kept', async () => {
    const db = sqliteExecutor();
    await db.transaction((tx) => migrateLocal(tx, syncTables));
    // A device whose tables predate two columns: one plain, one indexed.
    db.raw.exec('ALTER TABLE order_lines DROP COLUMN decizie_client');
    db.raw.exec('DROP INDEX vehicles_itp_expira_idx');
    db.raw.exec('ALTER TABLE vehicles DROP COLUMN itp_expira');
    db.raw.exec("INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare) VALUES ('v1', '2026-01-01', '2026-01-01', 'B 1 ABC')");
    const version = localMigrations.at(-1)?.version;
    expect(await db.transaction((tx) => migrateLocal(tx, syncTables))).toEqual({ from: version, to: version });
    expect(await db.all('SELECT id, itp_expira FROM vehicles')).toEqual([{ id: 'v1', itp_expira: null }]);
    expect((await db.all<{ name: string }>("SELECT name FROM pragma_table_info('order_lines')")).map((c) => c.name)).toContain('decizie_client');
    expect(await db.all("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'vehicles_itp_expira_idx'")).toHaveLength(1);
    db.close();
  });

  it("refuses a device's own write of a value its table does not hold, saying which field and what limit", async () => {
    const db = sqliteExecutor();
    const engine = new SyncEngine(db, null);
    await engine.init();
    const err: unknown = await engine.create('clients', { tip: 'pf', nume: 'x'.repeat(500) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('validation_failed');
    expect((err as DomainError).details.issues).toEqual([{ path: 'nume', problem: 'too_long', limit: 200, message: expect.any(String) as string }]);
    expect(await engine.pendingCount()).toBe(0);
    db.close();
  });

  it('an update to version 7 gives each vehicle its make and model as text, from the catalog, and makes customers searchable', async () => {
    const db = sqliteExecutor();
    // A database as version 6 left it: vehicles without the text columns, customers without a search text.
    await db.transaction((tx) => migrateLocal(tx, syncTables, localMigrations.filter((m) => m.version <= 6)));
    db.raw.exec('ALTER TABLE vehicles DROP COLUMN marca');
    db.raw.exec('ALTER TABLE vehicles DROP COLUMN model');
    db.raw.exec('DROP INDEX clients__search_idx');
    db.raw.exec('ALTER TABLE clients DROP COLUMN _search');
    const stamp = "'2026-01-01', '2026-01-01'";
    db.raw.exec(`INSERT INTO catalog_marci (id, created_at, updated_at, denumire, activ) VALUES ('dacia', ${stamp}, 'Dacia', 1)`);
    db.raw.exec(`INSERT INTO catalog_modele (id, created_at, updated_at, marca_id, denumire, activ) VALUES ('logan', ${stamp}, 'dacia', 'Logan', 1)`);
    db.raw.exec(`INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare, client_nume, marca_id, model_id, _search) VALUES ('v1', ${stamp}, 'B 1 ABC', 'Ion', 'dacia', 'logan', 'b 1 abc b1abc ion')`);
    db.raw.exec(`INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare, client_nume, _search) VALUES ('v2', ${stamp}, 'B 2 ABC', 'Ana', 'b 2 abc b2abc ana')`);
    db.raw.exec(`INSERT INTO clients (id, created_at, updated_at, tip, nume, telefon) VALUES ('c1', ${stamp}, 'pf', 'Ștefan Pop', '0722 123 456')`);

    expect(await db.transaction((tx) => migrateLocal(tx, syncTables))).toEqual({ from: 6, to: localMigrations.at(-1)?.version });
    expect(await db.all('SELECT id, marca, model, marca_id, _search FROM vehicles ORDER BY id')).toEqual([
      { id: 'v1', marca: 'Dacia', model: 'Logan', marca_id: 'dacia', _search: 'b 1 abc b1abc ion dacia logan' },
      { id: 'v2', marca: null, model: null, marca_id: null, _search: 'b 2 abc b2abc ana' },
    ]);
    expect(await db.all('SELECT _search FROM clients')).toEqual([{ _search: 'stefan pop 0722 123 456 0722123456' }]);
    db.close();
  });

  it('an update to version 8 gives vehicles their due dates and order types their service interval, the rows kept', async () => {
    const db = sqliteExecutor();
    // A database as version 7 left it: vehicles and order types without the new columns.
    await db.transaction((tx) => migrateLocal(tx, syncTables, localMigrations.filter((m) => m.version <= 7)));
    for (const column of ['itp_expira', 'rca_expira', 'revizie_data']) db.raw.exec(`DROP INDEX vehicles_${column}_idx`);
    for (const column of ['itp_expira', 'rca_expira', 'revizie_data', 'revizie_km', 'itp_anuntat', 'rca_anuntat', 'revizie_anuntat']) db.raw.exec(`ALTER TABLE vehicles DROP COLUMN ${column}`);
    for (const column of ['interval_luni', 'interval_km']) db.raw.exec(`ALTER TABLE catalog_tipuri_deviz DROP COLUMN ${column}`);
    const stamp = "'2026-01-01', '2026-01-01'";
    db.raw.exec(`INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare) VALUES ('v1', ${stamp}, 'B 1 ABC')`);
    db.raw.exec(`INSERT INTO catalog_tipuri_deviz (id, created_at, updated_at, denumire, activ) VALUES ('t1', ${stamp}, 'Revizie', 1)`);

    expect(await db.transaction((tx) => migrateLocal(tx, syncTables))).toEqual({ from: 7, to: localMigrations.at(-1)?.version });
    expect(await db.all('SELECT id, itp_expira, rca_expira, revizie_data, revizie_km, itp_anuntat, rca_anuntat, revizie_anuntat FROM vehicles')).toEqual([
      { id: 'v1', itp_expira: null, rca_expira: null, revizie_data: null, revizie_km: null, itp_anuntat: null, rca_anuntat: null, revizie_anuntat: null },
    ]);
    expect(await db.all('SELECT id, interval_luni, interval_km FROM catalog_tipuri_deviz')).toEqual([{ id: 't1', interval_luni: null, interval_km: null }]);
    expect(await db.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'vehicles_itp_expira_idx'`)).toHaveLength(1);
    db.close();
  });

  it("an update to version 9 gives customers their new columns and each order its vehicle's customer", async () => {
    const db = sqliteExecutor();
    // A database as version 8 left it: customers without the new columns, orders without their customer.
    await db.transaction((tx) => migrateLocal(tx, syncTables, localMigrations.filter((m) => m.version <= 8)));
    db.raw.exec('DROP INDEX orders_client_id_idx');
    db.raw.exec('ALTER TABLE orders DROP COLUMN client_id');
    db.raw.exec('DROP INDEX clients_cod_fiscal_idx');
    for (const c of ['cnp', 'reg_com', 'platitor_tva', 'localitate', 'sector', 'marketing_canal', 'marketing_data']) db.raw.exec(`ALTER TABLE clients DROP COLUMN ${c}`);
    const stamp = "'2026-01-01', '2026-01-01'";
    db.raw.exec(`INSERT INTO clients (id, created_at, updated_at, tip, nume) VALUES ('c1', ${stamp}, 'pf', 'Ion')`);
    db.raw.exec(`INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare, client_id) VALUES ('v1', ${stamp}, 'B 1 ABC', 'c1')`);
    db.raw.exec(`INSERT INTO vehicles (id, created_at, updated_at, nr_inmatriculare) VALUES ('v2', ${stamp}, 'B 2 ABC')`);
    for (const [id, vehicle] of [['o1', 'v1'], ['o2', 'v2']]) {
      db.raw.exec(`INSERT INTO orders (id, created_at, updated_at, data_comanda, vehicle_id, status, total_manopera, total_materiale, total_general) VALUES ('${id}', ${stamp}, '2026-01-01', '${vehicle}', 'DRAFT', 0, 0, 0)`);
    }

    expect(await db.transaction((tx) => migrateLocal(tx, syncTables))).toEqual({ from: 8, to: localMigrations.at(-1)?.version });
    expect(await db.all('SELECT id, client_id FROM orders ORDER BY id')).toEqual([{ id: 'o1', client_id: 'c1' }, { id: 'o2', client_id: null }]);
    expect(await db.all('SELECT nume, cnp, reg_com, platitor_tva, localitate, sector, marketing_canal, marketing_data FROM clients')).toEqual([
      { nume: 'Ion', cnp: null, reg_com: null, platitor_tva: null, localitate: null, sector: null, marketing_canal: null, marketing_data: null },
    ]);
    db.close();
  });

  it('an update to version 6 drops the blocks of order numbers a device held (the server numbers orders now)', async () => {
    const db = sqliteExecutor();
    await db.transaction((tx) => migrateLocal(tx, syncTables, localMigrations.filter((m) => m.version <= 5)));
    db.raw.exec(`INSERT INTO _number_blocks (kind, first, last, next) VALUES ('order', 51, 100, 52)`);
    await db.transaction((tx) => migrateLocal(tx, syncTables));
    expect(await db.all(`SELECT name FROM sqlite_master WHERE name = '_number_blocks'`)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer app', async () => {
    const db = sqliteExecutor();
    await db.run('PRAGMA user_version = 500');
    await expect(db.transaction((tx) => migrateLocal(tx, syncTables))).rejects.toThrow(/newer version/);
    db.close();
  });
});
