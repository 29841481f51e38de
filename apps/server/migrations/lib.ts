import { PostgresAdapter, sql, type Kysely } from 'kysely';

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * PostgreSQL only: row-level security for company tables. Company requests run as the non-owner role
 * roaauto_app with app.tenant_id set (see src/core/tenancy/tenant-scope.ts); the role that owns the
 * schema (the one migrations run as) keeps a policy of its own for the platform's work.
 */
export async function enableTenantRls(db: Kysely<unknown>, tables: readonly string[], keyOf: (table: string) => string = () => 'tenant_id'): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'roaauto_app') THEN
      CREATE ROLE roaauto_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
    END IF;
  END $$`.execute(db);
  await sql`DO $$ BEGIN
    IF NOT pg_has_role(current_user, 'roaauto_app', 'MEMBER') THEN
      EXECUTE format('GRANT roaauto_app TO %I', current_user);
    END IF;
  END $$`.execute(db);
  await sql`DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO roaauto_app', current_schema()); END $$`.execute(db);
  const setting = sql`current_setting('app.tenant_id', true)`;
  for (const table of tables) {
    const t = sql.table(table);
    const key = sql.ref(keyOf(table));
    await sql`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`CREATE POLICY tenant_isolation ON ${t} TO roaauto_app USING (${key} = ${setting}) WITH CHECK (${key} = ${setting})`.execute(db);
    await sql`CREATE POLICY platform_access ON ${t} TO CURRENT_USER USING (true) WITH CHECK (true)`.execute(db);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO roaauto_app`.execute(db);
  }
}

/**
 * A synced table on the server: the shared declaration's columns plus tenant_id, the server-assigned
 * change version, the soft-delete marker and the client that made the last change.
 */
export function createSyncedTable(db: Kysely<unknown>, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('last_client_id', 'text');
}

export async function indexSyncedTable(db: Kysely<unknown>, name: string): Promise<void> {
  await db.schema.createIndex(`${name}_tenant_version_idx`).on(name).columns(['tenant_id', 'version']).execute();
}
