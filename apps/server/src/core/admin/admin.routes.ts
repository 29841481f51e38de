import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, applyEntitlementsChange, hasModule } from '@roaauto/shared';
import { audit } from '../audit';
import type { Guards } from '../auth/guards';
import { entitlementsChangeSchema, entitlementsSchema } from '../auth/schemas';
import { entitlementsFromRow, findTenant, saveEntitlements } from '../tenancy/entitlements.repository';

const tenantSummary = z.object({
  id: z.string(),
  name: z.string(),
  cui: z.string().nullable(),
  plan: z.string(),
  billingStatus: z.string(),
  trialEndsAt: z.string().nullable(),
  syncActive: z.boolean(),
  usage: z.object({ users: z.number().int(), activeUsers: z.number().int() }),
  createdAt: z.string(),
});

/** The platform operator's panel: every company, and the only way (with billing) to change entitlements. */
export const adminRoutes: FastifyPluginAsyncZod<{ guards: Guards }> = async (app, { guards }) => {
  const db = app.database.db;
  const tags = ['admin'];
  app.addHook('onRequest', guards.superAdmin);

  async function usage(tenantIds: string[]) {
    if (!tenantIds.length) return new Map<string, { users: number; activeUsers: number }>();
    const rows = await db.selectFrom('users')
      .select((eb) => ['tenant_id', eb.fn.countAll<string | number>().as('users'), eb.fn.sum<string | number>('active').as('active')])
      .where('tenant_id', 'in', tenantIds).groupBy('tenant_id').execute();
    return new Map(rows.map((r) => [r.tenant_id, { users: Number(r.users), activeUsers: Number(r.active) }]));
  }

  function summary(row: NonNullable<Awaited<ReturnType<typeof findTenant>>>, u: { users: number; activeUsers: number } | undefined) {
    const e = entitlementsFromRow(row);
    return {
      id: row.id, name: row.name, cui: row.cui, plan: e.plan, billingStatus: e.billingStatus, trialEndsAt: e.trialEndsAt,
      syncActive: hasModule(e, 'cloud_sync', new Date()), usage: u ?? { users: 0, activeUsers: 0 }, createdAt: row.created_at,
    };
  }

  app.get('/api/admin/tenants', {
    schema: {
      tags, summary: 'Every company with plan, billing status and usage',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }),
      response: { 200: z.object({ tenants: z.array(tenantSummary), total: z.number().int() }) },
    },
  }, async (request) => {
    const rows = await db.selectFrom('tenants').selectAll().orderBy('created_at', 'desc')
      .limit(request.query.limit).offset(request.query.offset).execute();
    const total = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    const u = await usage(rows.map((r) => r.id));
    return { tenants: rows.map((r) => summary(r, u.get(r.id))), total: Number(total.n) };
  });

  app.get('/api/admin/tenants/:id', {
    schema: {
      tags, summary: 'One company with its entitlements',
      params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: tenantSummary.extend({ entitlements: entitlementsSchema }) },
    },
  }, async (request) => {
    const row = await findTenant(db, request.params.id);
    if (!row) throw new DomainError('not_found', 'Company not found');
    const u = await usage([row.id]);
    return { ...summary(row, u.get(row.id)), entitlements: entitlementsFromRow(row) };
  });

  app.patch('/api/admin/tenants/:id/entitlements', {
    bodyLimit: 8 * 1024,
    schema: {
      tags, summary: "Change a company's plan, modules, limits or billing status",
      params: z.object({ id: z.string().min(1).max(64) }),
      body: entitlementsChangeSchema,
      response: { 200: entitlementsSchema },
    },
  }, async (request) => {
    const admin = request.auth;
    return db.transaction().execute(async (trx) => {
      const row = await findTenant(trx, request.params.id);
      if (!row) throw new DomainError('not_found', 'Company not found');
      const before = entitlementsFromRow(row);
      const after = applyEntitlementsChange(before, request.body, new Date());
      if (!(await saveEntitlements(trx, row.id, after, before.version))) {
        throw new DomainError('conflict', 'The entitlements changed meanwhile; reload and try again');
      }
      await audit(trx, {
        tenantId: row.id, actorKind: 'platform_admin', actorId: admin?.kind === 'platform_admin' ? admin.adminId : null,
        action: 'entitlements.changed', target: row.id, details: { change: request.body, before, after }, ip: request.ip,
      });
      return after;
    });
  });
};
