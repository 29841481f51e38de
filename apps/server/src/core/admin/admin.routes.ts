import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DomainError, applyEntitlementsChange, billingStatuses, catalogSeed, entitlementsForPlan, hasModule, isValidCui, newId, normalizeCui,
  planIds, storableText, trialEntitlements, type Entitlements, type EntitlementsChange,
} from '@roaauto/shared';
import type { FastifyRequest } from 'fastify';
import type { PokeBus } from '../../sync/poke-bus';
import type { SyncService } from '../../sync/sync.service';
import { seedSyncedRows } from '../../sync/seed';
import { audit } from '../audit';
import { initialCounters, type AuthService } from '../auth/auth.service';
import type { Guards } from '../auth/guards';
import { emailSchema, entitlementsChangeSchema, entitlementsSchema } from '../auth/schemas';
import { newRefreshToken } from '../auth/tokens';
import type { Database } from '../db';
import { entitlementsFromRow, entitlementsToRow, findTenant, saveEntitlements } from '../tenancy/entitlements.repository';
import { withTenant } from '../tenancy/tenant-scope';
import { auditLineSchema, auditQuerySchema, readPlatformTrail } from './trail';
import { jobAdminRoutes } from './jobs.routes';
import type { BackupTarget } from '../../ops/backup/target';
import { tenantStats } from './stats';

const usageSchema = z.object({ users: z.number().int(), activeUsers: z.number().int() });

const tenantSummary = z.object({
  id: z.string(),
  name: z.string(),
  cui: z.string().nullable(),
  plan: z.string(),
  billingStatus: z.string(),
  trialEndsAt: z.string().nullable(),
  syncActive: z.boolean(),
  usage: usageSchema,
  createdAt: z.string(),
  /** Documents issued this calendar month (UTC), from the documents' trail. */
  documentsThisMonth: z.number().int(),
  /** The newest sign-in, change or sync of the company; null when none yet. */
  lastActivityAt: z.string().nullable(),
  /** Rows the company keeps on the server (live rows of every synced table). */
  storageRows: z.number().int(),
});

/** How long an owner invitation made by the operator stays valid: a week (a company's first day may wait). */
const ownerInvitationTtlMs = 7 * 24 * 60 * 60_000;

/** Where the person opens an invitation: the token travels in the hash, so it never reaches server logs. */
export const invitationPath = (token: string) => `/account/join#${token}`;

const idParams = z.object({ id: z.string().min(1).max(64) });

export type AdminRoutesOptions = {
  guards: Guards; auth: AuthService; sync: SyncService; pokes: PokeBus;
  /** BACKUP_DIR, for the console's list of backups. */
  backupDir?: string | undefined;
  /** Where the backups are kept when not the folder BACKUP_DIR (an S3 bucket). */
  backupTarget?: BackupTarget | undefined;
};

/**
 * The platform operator's console: every company with its usage, creating a company with its owner's
 * invitation, entitlements (with suspend and reactivate), the audit trails and the billing inbox.
 * Every change is written to the audit trail with the operator's identity.
 */
export const adminRoutes: FastifyPluginAsyncZod<AdminRoutesOptions> = async (app, { guards, auth, sync, pokes, backupDir, backupTarget }) => {
  const database: Database = app.database;
  const db = database.db;
  const tags = ['admin'];
  app.addHook('onRequest', guards.superAdmin);
  await app.register(jobAdminRoutes, { backupDir, backupTarget });

  const operatorId = (request: FastifyRequest) => (request.auth?.kind === 'platform_admin' ? request.auth.adminId : null);

  /** The company's open devices hear at once that something changed: their next sync brings the new entitlements. */
  async function poke(tenantId: string): Promise<void> {
    try {
      const version = await sync.currentVersion(tenantId);
      await withTenant(database, tenantId, (tx) => pokes.publish(tx, version));
      pokes.flush(tenantId, version);
    } catch (err) {
      app.log.warn({ err, tenantId }, 'could not poke the company after an entitlements change');
    }
  }

  async function usage(tenantIds: string[]) {
    if (!tenantIds.length) return new Map<string, { users: number; activeUsers: number }>();
    const rows = await db.selectFrom('users')
      .select((eb) => ['tenant_id', eb.fn.countAll<string | number>().as('users'), eb.fn.sum<string | number>('active').as('active')])
      .where('tenant_id', 'in', tenantIds).groupBy('tenant_id').execute();
    return new Map(rows.map((r) => [r.tenant_id, { users: Number(r.users), activeUsers: Number(r.active) }]));
  }

  type TenantRow = NonNullable<Awaited<ReturnType<typeof findTenant>>>;

  async function summaries(rows: TenantRow[]) {
    const ids = rows.map((r) => r.id);
    const [u, stats] = await Promise.all([usage(ids), tenantStats(db, ids, new Date())]);
    return rows.map((row) => {
      const e = entitlementsFromRow(row);
      const s = stats.get(row.id);
      return {
        id: row.id, name: row.name, cui: row.cui, plan: e.plan, billingStatus: e.billingStatus, trialEndsAt: e.trialEndsAt,
        syncActive: hasModule(e, 'cloud_sync', new Date()), usage: u.get(row.id) ?? { users: 0, activeUsers: 0 }, createdAt: row.created_at,
        documentsThisMonth: s?.documentsThisMonth ?? 0, lastActivityAt: s?.lastActivityAt ?? null, storageRows: s?.storageRows ?? 0,
      };
    });
  }

  app.get('/api/admin/tenants', {
    schema: {
      tags, summary: 'Every company with plan, billing status and usage; search by name, CUI, id or a user\'s email',
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).default(0),
        q: storableText(100).trim().optional(),
        status: z.enum(billingStatuses).optional(),
        plan: z.enum(planIds).optional(),
      }),
      response: { 200: z.object({ tenants: z.array(tenantSummary), total: z.number().int() }) },
    },
  }, async (request) => {
    const { limit, offset, status, plan } = request.query;
    // LIKE's wildcards typed by the operator are searched as plain text: they are dropped.
    const q = request.query.q?.replace(/[%_\\]/g, '').toLowerCase();
    let query = db.selectFrom('tenants');
    if (q) {
      const pattern = `%${q}%`;
      query = query.where((eb) => eb.or([
        eb(eb.fn('lower', ['tenants.name']), 'like', pattern),
        eb(eb.fn('lower', ['tenants.cui']), 'like', pattern),
        eb('tenants.id', '=', q),
        eb('tenants.id', 'in', eb.selectFrom('users').select('users.tenant_id').where('users.email', 'like', pattern)),
      ]));
    }
    if (status) query = query.where('tenants.billing_status', '=', status);
    if (plan) query = query.where('tenants.plan', '=', plan);
    const rows = await query.selectAll('tenants').orderBy('tenants.created_at', 'desc').orderBy('tenants.id').limit(limit).offset(offset).execute();
    const total = await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    return { tenants: await summaries(rows), total: Number(total.n) };
  });

  const changeLine = z.object({
    at: z.string(), actorKind: z.string(), actor: z.string().nullable(), version: z.number().int().nullable(), summary: z.array(z.string()),
  });

  /** What changed between two entitlements, as short machine-readable phrases the console translates. */
  function describeChange(before: Entitlements | undefined, after: Entitlements | undefined): string[] {
    if (!before || !after) return [];
    const out: string[] = [];
    if (before.plan !== after.plan) out.push(`plan:${before.plan}>${after.plan}`);
    if (before.billingStatus !== after.billingStatus) out.push(`billingStatus:${before.billingStatus}>${after.billingStatus}`);
    for (const id of Object.keys(after.modules) as (keyof Entitlements['modules'])[]) {
      if (before.plan === after.plan && before.modules[id] !== after.modules[id]) out.push(`module:${id}:${after.modules[id] ? 'on' : 'off'}`);
    }
    for (const k of Object.keys(after.limits) as (keyof Entitlements['limits'])[]) {
      if (before.plan === after.plan && before.limits[k] !== after.limits[k]) out.push(`limit:${k}:${after.limits[k] ?? 'none'}`);
    }
    if (before.trialEndsAt !== after.trialEndsAt && after.billingStatus === 'trial') out.push(`trialEndsAt:${after.trialEndsAt ?? 'none'}`);
    return out;
  }

  app.get('/api/admin/tenants/:id', {
    schema: {
      tags, summary: 'One company with its entitlements, its owner(s) and who changed its entitlements',
      params: idParams,
      response: {
        200: tenantSummary.extend({
          entitlements: entitlementsSchema,
          owners: z.array(z.object({ email: z.string(), name: z.string().nullable(), active: z.boolean(), lastLoginAt: z.string().nullable() })),
          pendingOwnerInvitations: z.array(z.object({ email: z.string(), expiresAt: z.string() })),
          changes: z.array(changeLine),
        }),
      },
    },
  }, async (request) => {
    const row = await findTenant(db, request.params.id);
    if (!row) throw new DomainError('not_found', 'Company not found');
    const [summary] = await summaries([row]);
    const owners = await db.selectFrom('users').select(['email', 'name', 'active', 'last_login_at'])
      .where('tenant_id', '=', row.id).where('role', '=', 'owner').orderBy('created_at').execute();
    const invites = await db.selectFrom('invitations').select(['email', 'expires_at'])
      .where('tenant_id', '=', row.id).where('role', '=', 'owner').where('accepted_at', 'is', null).where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString()).orderBy('created_at').execute();
    const trail = await readPlatformTrail(db, { tenantId: row.id, category: 'plan', limit: 50 });
    return {
      ...(summary as NonNullable<typeof summary>),
      entitlements: entitlementsFromRow(row),
      owners: owners.map((o) => ({ email: o.email, name: o.name, active: o.active === 1, lastLoginAt: o.last_login_at })),
      pendingOwnerInvitations: invites.map((i) => ({ email: i.email, expiresAt: i.expires_at })),
      changes: trail.lines.map((l) => {
        const d = l.details as { before?: Entitlements; after?: Entitlements };
        return { at: l.at, actorKind: l.actorKind, actor: l.actor, version: d.after?.version ?? null, summary: describeChange(d.before, d.after) };
      }),
    };
  });

  app.post('/api/admin/tenants', {
    bodyLimit: 8 * 1024,
    schema: {
      tags, summary: 'Create a company and invite its owner by e-mail (the answer also carries the invitation link, valid 7 days)',
      body: z.object({
        name: storableText(200).trim().min(1),
        cui: z.string().max(20).optional(),
        ownerEmail: emailSchema,
        plan: z.enum(planIds).optional(),
        billingStatus: z.enum(billingStatuses).optional(),
      }).strict(),
      response: {
        201: z.object({
          tenant: z.object({ id: z.string(), name: z.string(), entitlements: entitlementsSchema }),
          invitation: z.object({ email: z.string(), expiresAt: z.string(), token: z.string(), path: z.string() }),
        }),
      },
    },
  }, async (request, reply) => {
    const body = request.body;
    let cui: string | null = null;
    if (body.cui?.trim()) {
      if (!isValidCui(body.cui)) throw new DomainError('validation_failed', 'The CUI is not valid (check digit)', { field: 'cui' });
      cui = normalizeCui(body.cui);
    }
    const email = body.ownerEmail.trim().toLowerCase();
    await auth.assertEmailFree(email);
    const now = new Date();
    const iso = now.toISOString();
    const tenantId = newId();
    const entitlements = body.plan
      ? entitlementsForPlan(body.plan, body.billingStatus ?? (body.plan === 'free' ? 'active' : 'trial'), now)
      : body.billingStatus && body.billingStatus !== 'trial' ? { ...trialEntitlements(now), billingStatus: body.billingStatus, trialEndsAt: null } : trialEntitlements(now);
    const { token, hash } = newRefreshToken();
    const expiresAt = new Date(now.getTime() + ownerInvitationTtlMs).toISOString();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('tenants').values({
        id: tenantId, name: body.name, cui, ...entitlementsToRow(entitlements), billing_event_at: null, created_at: iso, updated_at: iso,
      }).execute();
      await trx.insertInto('document_counters').values(
        initialCounters.map((c) => ({ tenant_id: tenantId, doc_type: c.docType, series: c.series, next_number: 1, updated_at: iso })),
      ).execute();
      // The owner's first device has no data of its own: the server gives the company its starter catalog.
      await seedSyncedRows(trx, tenantId, catalogSeed(newId), iso);
      await trx.insertInto('invitations').values({
        id: newId(), tenant_id: tenantId, email, role: 'owner', token_hash: hash, expires_at: expiresAt,
        accepted_at: null, revoked_at: null, created_by: operatorId(request) ?? 'platform', created_at: iso,
      }).execute();
      const actor = { tenantId, actorKind: 'platform_admin' as const, actorId: operatorId(request), ip: request.ip };
      await audit(trx, { ...actor, action: 'tenant.created', target: tenantId, details: { name: body.name, cui, plan: entitlements.plan, billingStatus: entitlements.billingStatus, after: entitlements } });
      await audit(trx, { ...actor, action: 'user.invited', target: email, details: { role: 'owner' } });
    });
    auth.mailInvitation({ to: email, tenantId, role: 'owner', token, expiresAt, locale: 'ro' });
    return reply.status(201).send({
      tenant: { id: tenantId, name: body.name, entitlements },
      invitation: { email, expiresAt, token, path: invitationPath(token) },
    });
  });

  /** Applies a change under the version the operator read (when given), audits it and pokes the company. */
  async function change(request: FastifyRequest, tenantId: string, body: EntitlementsChange, action: string, expectedVersion?: number, extra: Record<string, unknown> = {}) {
    const after = await db.transaction().execute(async (trx) => {
      const row = await findTenant(trx, tenantId);
      if (!row) throw new DomainError('not_found', 'Company not found');
      const before = entitlementsFromRow(row);
      if (expectedVersion !== undefined && expectedVersion !== before.version) {
        throw new DomainError('conflict', `The entitlements changed meanwhile (version ${before.version}, you read ${expectedVersion}); reload and try again`, { version: before.version });
      }
      const next = applyEntitlementsChange(before, body, new Date());
      if (!(await saveEntitlements(trx, row.id, next, before.version))) {
        throw new DomainError('conflict', 'The entitlements changed meanwhile; reload and try again');
      }
      await audit(trx, {
        tenantId: row.id, actorKind: 'platform_admin', actorId: operatorId(request),
        action, target: row.id, details: { ...extra, change: body, before, after: next }, ip: request.ip,
      });
      return next;
    });
    await poke(tenantId);
    return after;
  }

  app.patch('/api/admin/tenants/:id/entitlements', {
    bodyLimit: 8 * 1024,
    schema: {
      tags, summary: "Change a company's plan, modules, limits or billing status (?version= refuses a stale edit with 409)",
      params: idParams,
      querystring: z.object({ version: z.coerce.number().int().min(0).optional() }),
      body: entitlementsChangeSchema,
      response: { 200: entitlementsSchema },
    },
  }, async (request) => change(request, request.params.id, request.body, 'entitlements.changed', request.query.version));

  const reasonBody = z.object({ reason: storableText(500).trim().optional() }).strict();

  app.post('/api/admin/tenants/:id/suspend', {
    bodyLimit: 4 * 1024,
    schema: {
      tags, summary: 'Suspend a company: billing "blocked" (every paid module off at its next request; the free ones keep working)',
      params: idParams, body: reasonBody.nullish(), response: { 200: entitlementsSchema },
    },
  }, async (request) => change(request, request.params.id, { billingStatus: 'blocked' }, 'tenant.suspended', undefined, { reason: request.body?.reason ?? null }));

  app.post('/api/admin/tenants/:id/reactivate', {
    bodyLimit: 4 * 1024,
    schema: {
      tags, summary: 'Reactivate a suspended company: billing "active" again',
      params: idParams, body: reasonBody.nullish(), response: { 200: entitlementsSchema },
    },
  }, async (request) => change(request, request.params.id, { billingStatus: 'active' }, 'tenant.reactivated', undefined, { reason: request.body?.reason ?? null }));

  app.get('/api/admin/audit', {
    schema: {
      tags, summary: 'The audit trail: one company\'s (tenantId), the platform\'s own (scope=platform) or everything, newest first',
      querystring: auditQuerySchema.extend({
        tenantId: z.string().min(1).max(64).optional(),
        scope: z.enum(['all', 'platform']).default('all'),
      }),
      response: { 200: z.object({ lines: z.array(auditLineSchema.extend({ tenantId: z.string().nullable(), tenantName: z.string().nullable() })), next: z.string().nullable() }) },
    },
  }, async (request) => readPlatformTrail(db, request.query));

  app.get('/api/admin/billing-events', {
    schema: {
      tags, summary: 'Billing events received, newest first, with their outcome (applied, stale) and repeated deliveries',
      querystring: z.object({
        tenantId: z.string().min(1).max(64).optional(),
        outcome: z.enum(['applied', 'stale', 'duplicate']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: {
        200: z.object({
          events: z.array(z.object({
            id: z.string(), tenantId: z.string(), tenantName: z.string().nullable(), type: z.string(), occurredAt: z.string(), receivedAt: z.string(),
            outcome: z.enum(['applied', 'stale']), duplicates: z.number().int(), plan: z.string().nullable(), billingStatus: z.string().nullable(),
          })),
        }),
      },
    },
  }, async (request) => {
    const { tenantId, outcome, limit } = request.query;
    let query = db.selectFrom('billing_events').leftJoin('tenants', 'tenants.id', 'billing_events.tenant_id')
      .select(['billing_events.id', 'billing_events.tenant_id', 'tenants.name', 'billing_events.type', 'billing_events.occurred_at',
        'billing_events.received_at', 'billing_events.applied', 'billing_events.duplicates', 'billing_events.payload']);
    if (tenantId) query = query.where('billing_events.tenant_id', '=', tenantId);
    if (outcome === 'applied') query = query.where('billing_events.applied', '=', 1);
    if (outcome === 'stale') query = query.where('billing_events.applied', '=', 0);
    if (outcome === 'duplicate') query = query.where('billing_events.duplicates', '>', 0);
    const rows = await query.orderBy('billing_events.received_at', 'desc').orderBy('billing_events.id').limit(limit).execute();
    return {
      events: rows.map((r) => {
        let payload: { plan?: unknown; billingStatus?: unknown } = {};
        try {
          payload = JSON.parse(r.payload) as typeof payload;
        } catch {
          // stored only after it parsed; nothing to show otherwise
        }
        return {
          id: r.id, tenantId: r.tenant_id, tenantName: r.name, type: r.type, occurredAt: r.occurred_at, receivedAt: r.received_at,
          outcome: r.applied === 1 ? 'applied' as const : 'stale' as const, duplicates: r.duplicates,
          plan: typeof payload.plan === 'string' ? payload.plan : null,
          billingStatus: typeof payload.billingStatus === 'string' ? payload.billingStatus : null,
        };
      }),
    };
  });
};
