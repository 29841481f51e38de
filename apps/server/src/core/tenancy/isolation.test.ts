import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Session } from '../auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { withTenant } from './tenant-scope';
import { TenantScopeViolation } from './tenant-scope.plugin';
import { tenantTables } from './tenant-tables';

/**
 * Two companies, A and B. Every endpoint that takes an id, called by A with B's ids, answers 404 and
 * changes nothing; every list A sees holds only A's rows.
 */
describe(`tenant isolation on ${testEngine()}`, () => {
  let t: TestApp;
  let a: Session;
  let b: Session;
  let bMechanicId: string;
  let bInvitationId: string;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin } });
    a = await registerCompany(t.app);
    b = await registerCompany(t.app);
    const op = await login(t.app, superAdmin.email, superAdmin.password);
    for (const s of [a, b]) {
      await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op), payload: { limits: { maxUsers: 5 } } });
    }
    const inv = (await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(b), payload: { email: 'b-mech@b.ro', role: 'mechanic' } })).json<{ token: string }>();
    bMechanicId = (await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.token, password: 'Cheie-Franceza-12' } })).json<Session>().user.id;
    bInvitationId = (await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(b), payload: { email: 'b-open@b.ro', role: 'driver' } })).json<{ id: string }>().id;
    await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(a), payload: { email: 'a-open@a.ro', role: 'mechanic' } });
  });
  afterAll(async () => t.close());

  it('answers 404 to A for every id of B and changes nothing of B', async () => {
    const before = await t.app.database.db.selectFrom('users').selectAll().where('tenant_id', '=', b.tenant?.id ?? '').orderBy('id').execute();
    const calls = [
      { method: 'PATCH' as const, url: `/api/users/${bMechanicId}`, payload: { active: false } },
      { method: 'PATCH' as const, url: `/api/users/${bMechanicId}`, payload: { role: 'driver' } },
      { method: 'PATCH' as const, url: `/api/users/${b.user.id}`, payload: { role: 'mechanic' } },
      { method: 'DELETE' as const, url: `/api/users/invitations/${bInvitationId}` },
    ];
    for (const c of calls) {
      const r = await t.app.inject({ ...c, headers: bearer(a) });
      expect(r.statusCode, `${c.method} ${c.url}`).toBe(404);
    }
    const after = await t.app.database.db.selectFrom('users').selectAll().where('tenant_id', '=', b.tenant?.id ?? '').orderBy('id').execute();
    expect(after).toEqual(before);
    const inv = await t.app.database.db.selectFrom('invitations').select('revoked_at').where('id', '=', bInvitationId).executeTakeFirstOrThrow();
    expect(inv.revoked_at).toBeNull();
  });

  it('lists only A rows to A', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(a) })).json<{ users: { email: string }[]; invitations: { email: string }[] }>();
    expect(list.users.map((u) => u.email)).toEqual([a.user.email]);
    expect(list.invitations.map((i) => i.email)).toEqual(['a-open@a.ro']);
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(a) })).json<{ tenant: { id: string } }>();
    expect(me.tenant.id).toBe(a.tenant?.id);
  });

  it('keeps the platform endpoints away from company users', async () => {
    for (const url of ['/api/admin/tenants', `/api/admin/tenants/${b.tenant?.id}`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: bearer(a) })).statusCode).toBe(403);
    }
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(a), payload: { plan: 'full' } });
    expect(patch.statusCode).toBe(403);
  });

  it('scopes the data layer itself: a tenant transaction cannot read or write another company', async () => {
    const aId = a.tenant?.id ?? '';
    const bId = b.tenant?.id ?? '';
    const bUsersBefore = await t.app.database.db.selectFrom('users').selectAll().where('tenant_id', '=', bId).execute();
    await withTenant(t.app.database, aId, async (tx) => {
      // No company filter in any of these queries: the scope adds it.
      const users = await tx.db.selectFrom('users').select('tenant_id').execute();
      expect(new Set(users.map((u) => u.tenant_id))).toEqual(new Set([aId]));
      expect((await tx.db.selectFrom('tenants').select('id').execute()).map((r) => r.id)).toEqual([aId]);
      const joined = await tx.db.selectFrom('audit_log as l').innerJoin('users as u', 'u.id', 'l.actor_id').select('u.tenant_id').execute();
      expect(joined.every((r) => r.tenant_id === aId)).toBe(true);
      const nested = await tx.db.selectFrom('tenants').select('id')
        .where('id', 'in', (eb) => eb.selectFrom('users').select('tenant_id')).execute();
      expect(nested.map((r) => r.id)).toEqual([aId]);
      const byId = await tx.db.selectFrom('users').select('id').where('id', '=', b.user.id).execute();
      expect(byId).toEqual([]);
      const updated = await tx.db.updateTable('users').set({ name: 'changed' }).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(1n);
      const deleted = await tx.db.deleteFrom('invitations').where('email', '=', 'b-open@b.ro').executeTakeFirst();
      expect(deleted.numDeletedRows).toBe(0n);
    });
    const refusals: [string, (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<unknown>][] = [
      ['insert for another company', (tx) => tx.db.insertInto('audit_log').values({ id: 'x1', tenant_id: bId, actor_kind: 'system', actor_id: null, action: 'probe', target: null, details: '{}', ip: null, created_at: new Date().toISOString() }).execute()],
      ['insert without tenant_id', (tx) => tx.db.insertInto('document_counters').values({ doc_type: 'x', series: 'X', next_number: 1, updated_at: '' } as never).execute()],
      ['moving a row to another company', (tx) => tx.db.updateTable('users').set({ tenant_id: bId }).execute()],
      ['raw SQL', (tx) => sql`select * from users`.execute(tx.db)],
    ];
    for (const [what, attempt] of refusals) {
      await expect(withTenant(t.app.database, aId, attempt), what).rejects.toBeInstanceOf(TenantScopeViolation);
    }
    const bUsersAfter = await t.app.database.db.selectFrom('users').selectAll().where('tenant_id', '=', bId).execute();
    expect(bUsersAfter).toEqual(bUsersBefore);
  });

  it('declares every table that has a tenant_id column as a tenant table', async () => {
    const tables = await t.app.database.db.introspection.getTables();
    const withTenantId = tables.filter((tb) => tb.columns.some((c) => c.name === 'tenant_id')).map((tb) => tb.name).sort();
    expect(withTenantId.length).toBeGreaterThan(0);
    for (const name of withTenantId) expect(tenantTables, name).toHaveProperty(name, 'tenant_id');
  });

  it.runIf(testEngine() === 'postgres')('runs withTenant as the app role for the company, and notifies only when it commits', async () => {
    const listener = new pg.Client({ connectionString: inject('postgresUrl') });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query('LISTEN isolation_probe');
    try {
      const who = sql<{ role: string; tenant: string }>`select current_user as role, current_setting('app.tenant_id', true) as tenant`;
      // A company id that cannot be written as a plain literal takes the parameterised way.
      for (const [i, tenantId] of [a.tenant?.id ?? '', "it's-not-a-uuid"].entries()) {
        const seen = await withTenant(t.app.database, tenantId, async (tx) => {
          const inside = (await who.execute(tx.db.withoutPlugins())).rows[0];
          // A platform transaction started meanwhile is not the company's.
          const platform = await t.app.database.db.transaction().execute(async (trx) => (await who.execute(trx)).rows[0]);
          await tx.notify('isolation_probe', `committed-${i}`);
          return { inside, platform };
        });
        expect(seen.inside).toEqual({ role: 'roaauto_app', tenant: tenantId });
        expect(seen.platform?.role).not.toBe('roaauto_app');
        await expect(withTenant(t.app.database, tenantId, async (tx) => {
          await tx.notify('isolation_probe', 'rolled-back');
          throw new Error('undo');
        })).rejects.toThrow('undo');
      }
      // Notifications arrive in commit order, later on a loaded machine: wait for both, then for any stray one.
      for (let n = 0; n < 100 && heard.length < 2; n++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      expect(heard).toEqual(['committed-0', 'committed-1']);
    } finally {
      await listener.end();
    }
  });

  it.runIf(testEngine() === 'postgres')('lets row-level security alone hide other companies from the app role', async () => {
    const aId = a.tenant?.id ?? '';
    const bId = b.tenant?.id ?? '';
    await t.app.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE roaauto_app`.execute(trx);
      await sql`SELECT set_config('app.tenant_id', ${aId}, true)`.execute(trx);
      const users = await sql<{ tenant_id: string }>`select tenant_id from users`.execute(trx);
      expect(new Set(users.rows.map((u) => u.tenant_id))).toEqual(new Set([aId]));
      const changed = await sql`update users set name = 'x' where tenant_id = ${bId}`.execute(trx);
      expect(changed.numAffectedRows).toBe(0n);
      await expect(sql`insert into audit_log (id, tenant_id, actor_kind, action, details, created_at) values ('r1', ${bId}, 'system', 'probe', '{}', '')`.execute(trx))
        .rejects.toThrow(/row-level security/);
    });
  });
});

describe('PostgreSQL row-level security, checked as the app role', () => {
  it.runIf(testEngine() === 'postgres')('has RLS enabled and forced on every table with tenant_id, and the app role cannot bypass it', async () => {
    const t = await createTestApp();
    try {
      await t.app.database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE roaauto_app`.execute(trx);
        const role = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>`
          select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(trx);
        expect(role.rows).toEqual([{ rolname: 'roaauto_app', rolsuper: false, rolbypassrls: false }]);
        const tables = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; owner: string }>`
          select c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) as owner
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind = 'r'
            and (exists (select 1 from information_schema.columns col
                         where col.table_schema = n.nspname and col.table_name = c.relname and col.column_name = 'tenant_id')
                 or c.relname = 'tenants')`.execute(trx);
        expect(tables.rows.length).toBeGreaterThanOrEqual(6);
        for (const row of tables.rows) {
          expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
          expect(row.owner, `${row.relname} must not be owned by the app role`).not.toBe('roaauto_app');
        }
        // Without app.tenant_id the app role sees no company at all.
        const visible = await sql<{ n: string }>`select count(*)::text as n from tenants`.execute(trx);
        expect(visible.rows[0]?.n).toBe('0');
      });
    } finally {
      await t.close();
    }
  });
});
