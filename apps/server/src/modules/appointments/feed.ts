import { createHash, randomBytes } from 'node:crypto';
import {
  addDays, DomainError, hasModule, icsCalendar, newId, shopDate, type AppointmentStatus, type IcsEvent,
} from '@roaauto/shared';
import type { Database } from '../../core/db';
import { entitlementsFromRow, findTenant } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';

/**
 * The shop's calendar feed (docs/appointments-feed.md): a secret `.ics` address per shop or per
 * mechanic that Google Calendar or Outlook subscribes to. The token is the only key; the server keeps
 * its SHA-256 only, so the address is shown once, when it is made, and can be rotated or revoked.
 */

/** The days before today and after it a feed lists. */
export const feedDaysBack = 30;
export const feedDaysAhead = 180;

/** 32 random bytes, base64url: 43 characters. */
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A feed as the shop's pages list it (never its token). */
export type CalendarFeed = { id: string; mecanicId: string | null; createdAt: string };

/** What a valid token opens: one company's feed, for the shop or one mechanic. */
export type FeedAccess = { feedId: string; tenantId: string; mecanicId: string | null };

const notFound = () => new DomainError('not_found', 'No such calendar feed');

/** The company's feeds in use. */
export async function listFeeds(database: Database, tenantId: string): Promise<CalendarFeed[]> {
  return withTenant(database, tenantId, async (tx) => {
    const rows = await tx.db.selectFrom('calendar_feeds').select(['id', 'mecanic_id', 'created_at'])
      .where('tenant_id', '=', tx.tenantId).where('revoked_at', 'is', null).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, mecanicId: r.mecanic_id, createdAt: r.created_at }));
  });
}

/** A new feed row with a new token; the feed in use for the same shop or mechanic (if any) stops answering. */
async function issue(tx: TenantTx, mecanicId: string | null, now: string): Promise<CalendarFeed & { token: string }> {
  let stale = tx.db.updateTable('calendar_feeds').set({ revoked_at: now }).where('tenant_id', '=', tx.tenantId).where('revoked_at', 'is', null);
  stale = mecanicId === null ? stale.where('mecanic_id', 'is', null) : stale.where('mecanic_id', '=', mecanicId);
  await stale.execute();
  const token = newFeedToken();
  const id = newId();
  await tx.db.insertInto('calendar_feeds').values({
    id, tenant_id: tx.tenantId, hash: feedTokenHash(token), mecanic_id: mecanicId, created_at: now, revoked_at: null,
  }).execute();
  return { id, mecanicId, createdAt: now, token };
}

/**
 * Makes the feed of the shop (`mecanicId` null) or of one of its mechanics: its token, shown once. One
 * feed is in use per shop or mechanic: making another replaces it (the old address answers 404).
 */
export async function createFeed(database: Database, tenantId: string, mecanicId: string | null, now = new Date()): Promise<CalendarFeed & { token: string }> {
  return withTenant(database, tenantId, async (tx) => {
    if (mecanicId !== null) {
      const mechanic = await tx.db.selectFrom('mecanici').select('id').where('id', '=', mecanicId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!mechanic) throw new DomainError('not_found', 'No such mechanic');
    }
    return issue(tx, mecanicId, now.toISOString());
  });
}

/** A new token for a feed in use: the old address answers 404 from now on. */
export async function rotateFeed(database: Database, tenantId: string, feedId: string, now = new Date()): Promise<CalendarFeed & { token: string }> {
  return withTenant(database, tenantId, async (tx) => {
    const feed = await tx.db.selectFrom('calendar_feeds').select(['mecanic_id']).where('id', '=', feedId)
      .where('tenant_id', '=', tx.tenantId).where('revoked_at', 'is', null).executeTakeFirst();
    if (!feed) throw notFound();
    return issue(tx, feed.mecanic_id, now.toISOString());
  });
}

/** Stops a feed: its address answers 404 from now on. */
export async function revokeFeed(database: Database, tenantId: string, feedId: string, now = new Date()): Promise<void> {
  await withTenant(database, tenantId, async (tx) => {
    const done = await tx.db.updateTable('calendar_feeds').set({ revoked_at: now.toISOString() }).where('id', '=', feedId)
      .where('tenant_id', '=', tx.tenantId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw notFound();
  });
}

/** The feed a token opens: null for a malformed, unknown or revoked token, or a company without the module. */
export async function resolveFeed(database: Database, token: string, now = new Date()): Promise<FeedAccess | null> {
  if (!tokenShape.test(token)) return null;
  const feed = await database.db.selectFrom('calendar_feeds').select(['id', 'tenant_id', 'mecanic_id', 'revoked_at'])
    .where('hash', '=', feedTokenHash(token)).executeTakeFirst();
  if (!feed || feed.revoked_at !== null) return null;
  const tenant = await findTenant(database.db, feed.tenant_id);
  if (!tenant || !hasModule(entitlementsFromRow(tenant), 'appointments', now)) return null;
  return { feedId: feed.id, tenantId: feed.tenant_id, mecanicId: feed.mecanic_id };
}

/**
 * The feed's entity tag: the company's sync version (every change of an appointment, a service, a bay,
 * a mechanic or the company's name moves it), the shop's day (the window moves with it) and the address
 * the links point to. Equal tags, equal bodies, so a calendar asking again gets 304 without the work.
 */
export async function feedEtag(database: Database, access: FeedAccess, base: string, now = new Date()): Promise<string> {
  const version = await withTenant(database, access.tenantId, async (tx) => {
    const row = await tx.db.selectFrom('sync_tenant_state').select('version').where('tenant_id', '=', tx.tenantId).executeTakeFirst();
    return row?.version ?? 0;
  });
  const key = `${access.feedId}|${access.mecanicId ?? ''}|${version}|${shopDate(now)}|${base}`;
  return `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
}

/** Whether a request's If-None-Match names `etag` (a list, weak tags, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');
}

const statusLabel: Readonly<Record<AppointmentStatus, string>> = {
  booked: 'de confirmat', confirmed: 'confirmată', arrived: 'sosit', no_show: 'neprezentat', cancelled: 'anulată', done: 'finalizată',
};

const icsStatus = (s: AppointmentStatus): IcsEvent['status'] => (s === 'cancelled' ? 'CANCELLED' : s === 'booked' ? 'TENTATIVE' : 'CONFIRMED');

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/** Ids per query: well under either engine's limit of parameters. */
const chunk = 500;

async function named<T extends { id: string }>(ids: readonly (string | null)[], read: (ids: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += chunk) out.push(...(await read(unique.slice(i, i + chunk))));
  return byId(out);
}

/**
 * The feed's calendar: the company's (or the mechanic's) appointments from `feedDaysBack` days ago to
 * `feedDaysAhead` days ahead (the shop's days), cancelled ones as STATUS:CANCELLED so subscribers drop
 * them, each with its service, customer, plate, bay and mechanic, and a link to it in the app (`base`).
 */
export async function feedCalendar(database: Database, access: FeedAccess, base: string, now = new Date()): Promise<string> {
  const today = shopDate(now);
  return withTenant(database, access.tenantId, async (tx) => {
    let query = tx.db.selectFrom('appointments')
      .select(['id', 'inceput', 'sfarsit', 'post_id', 'mecanic_id', 'service_id', 'client_id', 'client_nume', 'client_telefon', 'nr_auto', 'observatii', 'status', 'updated_at'])
      .where('deleted_at', 'is', null).where('data', '>=', addDays(today, -feedDaysBack)).where('data', '<=', addDays(today, feedDaysAhead));
    if (access.mecanicId !== null) query = query.where('mecanic_id', '=', access.mecanicId);
    const rows = await query.orderBy('inceput').orderBy('id').execute();

    const services = await named(rows.map((r) => r.service_id), (ids) => tx.db.selectFrom('appointment_services').select(['id', 'nume']).where('id', 'in', ids).execute());
    const bays = await named(rows.map((r) => r.post_id), (ids) => tx.db.selectFrom('appointment_bays').select(['id', 'nume']).where('id', 'in', ids).execute());
    const mechanics = await named([...rows.map((r) => r.mecanic_id), access.mecanicId],
      (ids) => tx.db.selectFrom('mecanici').select(['id', 'nume', 'prenume']).where('id', 'in', ids).execute());
    const clients = await named(rows.map((r) => r.client_id), (ids) => tx.db.selectFrom('clients').select(['id', 'nume', 'telefon']).where('id', 'in', ids).execute());
    const company = await tx.db.selectFrom('company_profile').select('nume').where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').executeTakeFirst();

    const mechanicName = (id: string | null) => {
      const m = id === null ? undefined : mechanics.get(id);
      return m ? [m.prenume, m.nume].filter(Boolean).join(' ') : null;
    };
    const events: IcsEvent[] = rows.map((r) => {
      const client = r.client_id === null ? undefined : clients.get(r.client_id);
      const customer = r.client_nume ?? client?.nume ?? null;
      const phone = r.client_telefon ?? client?.telefon ?? null;
      const service = r.service_id === null ? null : services.get(r.service_id)?.nume ?? null;
      const bay = r.post_id === null ? null : bays.get(r.post_id)?.nume ?? null;
      const mechanic = mechanicName(r.mecanic_id);
      const description = [
        customer && `Client: ${customer}`, phone && `Telefon: ${phone}`, r.nr_auto && `Nr. auto: ${r.nr_auto}`, service && `Serviciu: ${service}`,
        bay && `Post: ${bay}`, mechanic && `Mecanic: ${mechanic}`, `Stare: ${statusLabel[r.status]}`, r.observatii && `Observații: ${r.observatii}`,
      ].filter(Boolean).join('\n');
      return {
        uid: `${r.id}@roaauto`,
        start: r.inceput,
        end: r.sfarsit,
        summary: [service ?? 'Programare', r.nr_auto, customer].filter(Boolean).join(' · '),
        description,
        location: bay,
        updated: r.updated_at,
        status: icsStatus(r.status),
        url: `${base}/appointments/${r.id}`,
      };
    });
    const shop = company?.nume ?? 'Programări';
    const forMechanic = access.mecanicId === null ? null : mechanicName(access.mecanicId);
    return icsCalendar(events, { name: forMechanic ? `${shop} · ${forMechanic}` : `${shop} · Programări` });
  });
}
