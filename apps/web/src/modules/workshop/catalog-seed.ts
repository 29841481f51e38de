import { catalogSeed, newId, type WriteOp } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';

/** The `_sync_meta` key that says this database got its starter catalog (never sent to the server). */
const seededKey = 'catalog_seeded';

/** The tables the seed writes to: a database with rows in any of them already has a catalog. */
const seedTables = ['catalog_marci', 'catalog_modele', 'catalog_ansamble', 'catalog_norme', 'catalog_preturi', 'catalog_tipuri_deviz', 'catalog_tipuri_motoare'] as const;

/**
 * Gives the database of a browser used without an account the starter catalog, once: all rows in one
 * batch, then a marker, so items deleted or deactivated later never come back. A database that
 * already has catalog rows (a restored backup, or a seed whose marker was not written because the tab
 * closed in between) only gets the marker. Run it in the leader tab, which is alone in writing.
 * An account's database gets its catalog from the server instead.
 */
export async function seedCatalogOnce(db: LocalDatabase): Promise<boolean> {
  const [marker] = await db.query(`SELECT value FROM _sync_meta WHERE key = ?`, [seededKey]);
  if (marker) return false;
  const counts = seedTables.map((t) => `(SELECT COUNT(*) FROM "${t}")`).join(' + ');
  const [existing] = await db.query<{ n: number }>(`SELECT ${counts} AS n`);
  const seeding = (existing?.n ?? 0) === 0;
  if (seeding) {
    const ops: WriteOp[] = catalogSeed(newId).map(({ table, data }) => ({ op: 'create', table, data }));
    await db.write(ops);
  }
  await db.query(`INSERT INTO _sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, [seededKey, new Date().toISOString()]);
  return seeding;
}
