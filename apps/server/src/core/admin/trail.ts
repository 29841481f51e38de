import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../db-schema';

/** The kinds of lines a person filters the trail by. `documents` are the documents' own trail (document_events). */
export const auditCategories = ['signin', 'users', 'plan', 'documents'] as const;
export type AuditCategory = (typeof auditCategories)[number];

const day = /^\d{4}-\d{2}-\d{2}$/;

export const auditQuerySchema = z.object({
  category: z.enum(auditCategories).optional(),
  /** One exact action, e.g. `auth.login_failed` or `document.storno`. */
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/).max(60).optional(),
  /** The id of the person (user or operator) who acted. */
  actor: z.string().min(1).max(64).optional(),
  /** First and last day, inclusive (UTC). */
  from: z.string().regex(day).optional(),
  to: z.string().regex(day).optional(),
  /** The `next` of the previous page. */
  before: z.string().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditLineSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  /** The person's email (or name), when known. */
  actor: z.string().nullable(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditLine = z.infer<typeof auditLineSchema>;

const prefixes: Record<Exclude<AuditCategory, 'documents'>, string[]> = {
  signin: ['auth.'],
  users: ['user.'],
  plan: ['entitlements.', 'tenant.'],
};

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();
}

/** `created_at|id` of the last line of a page; the next page starts strictly after it. */
function cursor(before: string | undefined): { at: string; id: string } | null {
  if (!before) return null;
  const cut = before.lastIndexOf('|');
  return cut > 0 ? { at: before.slice(0, cut), id: before.slice(cut + 1) } : null;
}

/** The filters shared by the platform's and a company's trail, over audit_log. */
function filterAuditLog<O>(q: SelectQueryBuilder<DatabaseSchema, 'audit_log', O>, f: AuditQuery): SelectQueryBuilder<DatabaseSchema, 'audit_log', O> {
  let query = q;
  if (f.category && f.category !== 'documents') {
    const list = prefixes[f.category];
    query = query.where((eb) => eb.or(list.map((p) => eb('audit_log.action', 'like', `${p}%`))));
  }
  if (f.action) query = query.where('audit_log.action', '=', f.action);
  if (f.actor) query = query.where('audit_log.actor_id', '=', f.actor);
  if (f.from) query = query.where('audit_log.created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) query = query.where('audit_log.created_at', '<', nextDay(f.to));
  const c = cursor(f.before);
  if (c) query = query.where((eb) => eb.or([eb('audit_log.created_at', '<', c.at), eb.and([eb('audit_log.created_at', '=', c.at), eb('audit_log.id', '<', c.id)])]));
  return query;
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The platform's trail for the operator: every company's lines (or one company's, or only the
 * platform's own: sign-ins of operators and lines without a company), with the acting person's email.
 */
export async function readPlatformTrail(
  db: Db,
  f: AuditQuery & { tenantId?: string | undefined; scope?: 'all' | 'platform' },
): Promise<{ lines: (AuditLine & { tenantId: string | null; tenantName: string | null })[]; next: string | null }> {
  if (f.category === 'documents') return { lines: [], next: null };
  let query = filterAuditLog(db.selectFrom('audit_log').leftJoin('tenants', 'tenants.id', 'audit_log.tenant_id')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('platform_admins', 'platform_admins.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.tenant_id', 'tenants.name as tenant_name', 'audit_log.actor_kind', 'audit_log.actor_id', 'audit_log.action',
      'audit_log.target', 'audit_log.details', 'audit_log.ip', 'audit_log.created_at', 'users.email as user_email', 'platform_admins.email as admin_email']), f);
  if (f.tenantId) query = query.where('audit_log.tenant_id', '=', f.tenantId);
  else if (f.scope === 'platform') query = query.where('audit_log.tenant_id', 'is', null);
  const rows = await query.orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    lines: page.map((r) => ({
      id: r.id, at: r.created_at, action: r.action, actorKind: r.actor_kind, actorId: r.actor_id,
      actor: r.actor_kind === 'platform_admin' ? r.admin_email : r.actor_kind === 'user' ? r.user_email : null,
      target: r.target, ip: r.ip, details: parseDetails(r.details), tenantId: r.tenant_id, tenantName: r.tenant_name,
    })),
    next: rows.length > f.limit && last ? `${last.created_at}|${last.id}` : null,
  };
}

/**
 * One company's trail, for its owner: the server's audit_log (sign-ins, user changes, plan changes) and
 * the documents' trail (document_events: issue, credit note, print, download, share, as synced from the
 * devices), merged newest first. `db` must be the company-scoped builder of withTenant().
 */
export async function readCompanyTrail(db: Db, tenantId: string, f: AuditQuery): Promise<{ lines: AuditLine[]; next: string | null }> {
  const fetch = f.limit + 1;
  const fromLog = f.category === 'documents' || f.action?.startsWith('document.')
    ? []
    : await filterAuditLog(db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id')
        .select(['audit_log.id', 'audit_log.actor_kind', 'audit_log.actor_id', 'audit_log.action', 'audit_log.target', 'audit_log.details',
          'audit_log.ip', 'audit_log.created_at', 'users.email as user_email', 'users.name as user_name']), f)
        .where('audit_log.tenant_id', '=', tenantId)
        .orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(fetch).execute();

  const wantDocuments = (!f.category || f.category === 'documents') && (!f.action || f.action.startsWith('document.'));
  let fromDocs: AuditLine[] = [];
  if (wantDocuments) {
    let q = db.selectFrom('document_events').leftJoin('users', 'users.id', 'document_events.user_id')
      .select(['document_events.id', 'document_events.document', 'document_events.document_id', 'document_events.actiune', 'document_events.descriere',
        'document_events.user_id', 'document_events.client_id', 'document_events.created_at', 'users.email as user_email', 'users.name as user_name'])
      .where('document_events.tenant_id', '=', tenantId).where('document_events.deleted_at', 'is', null);
    if (f.action) q = q.where('document_events.actiune', '=', f.action.slice('document.'.length) as never);
    if (f.actor) q = q.where('document_events.user_id', '=', f.actor);
    if (f.from) q = q.where('document_events.created_at', '>=', `${f.from}T00:00:00.000Z`);
    if (f.to) q = q.where('document_events.created_at', '<', nextDay(f.to));
    const c = cursor(f.before);
    if (c) q = q.where((eb) => eb.or([eb('document_events.created_at', '<', c.at), eb.and([eb('document_events.created_at', '=', c.at), eb('document_events.id', '<', c.id)])]));
    const rows = await q.orderBy('document_events.created_at', 'desc').orderBy('document_events.id', 'desc').limit(fetch).execute();
    fromDocs = rows.map((r) => ({
      id: r.id, at: r.created_at, action: `document.${r.actiune}`, actorKind: r.user_id ? 'user' : 'system', actorId: r.user_id,
      actor: r.user_email ?? null, target: r.descriere, ip: null, details: { document: r.document, documentId: r.document_id, device: r.client_id },
    }));
  }
  const merged = [
    ...fromLog.map((r): AuditLine => ({
      id: r.id, at: r.created_at, action: r.action, actorKind: r.actor_kind, actorId: r.actor_kind === 'platform_admin' ? null : r.actor_id,
      // The platform operator is named by role, not by address.
      actor: r.actor_kind === 'user' ? r.user_email : null, target: r.target === tenantId ? null : r.target, ip: r.ip, details: companyDetails(r.action, parseDetails(r.details)),
    })),
    ...fromDocs,
  ].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const page = merged.slice(0, f.limit);
  const last = page.at(-1);
  return { lines: page, next: merged.length > f.limit && last ? `${last.at}|${last.id}` : null };
}

/** What an owner sees of a line's details: the plan's before and after, never the platform's internals. */
function companyDetails(action: string, d: Record<string, unknown>): Record<string, unknown> {
  if (action.startsWith('entitlements.') || action.startsWith('tenant.')) {
    const pick = (e: unknown) => (typeof e === 'object' && e !== null ? { plan: (e as { plan?: unknown }).plan, billingStatus: (e as { billingStatus?: unknown }).billingStatus } : undefined);
    return { before: pick(d.before), after: pick(d.after) };
  }
  return Object.fromEntries(['role', 'from', 'to'].filter((k) => typeof d[k] === 'string').map((k) => [k, d[k]]));
}
