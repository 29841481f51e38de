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

  it('refuses a database written by a newer app', async () => {
    const db = sqliteExecutor();
    await db.run('PRAGMA user_version = 500');
    await expect(db.transaction((tx) => migrateLocal(tx, syncTables))).rejects.toThrow(/newer version/);
    db.close();
  });
});
