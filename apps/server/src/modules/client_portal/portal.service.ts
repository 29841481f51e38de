import { createHash } from 'node:crypto';
import {
  decidedLines, devizDocument, estimateChanges, estimateContent, hasModule, lineContent, orderTotals, sellerOrBlank,
  type DecidedLine, type DevizDocument, type EstimateChanges, type LineDecision, type OrderStatus,
} from '@roaauto/shared';
import type { Database } from '../../core/db';
import { entitlementsFromRow, findTenant } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import type { Row } from '../../sync/sync.store';
import { companyProfile } from '../core/documents';
import { noExtras, type PortalExtras } from './portal-extras';

/** A token as devices make them: at least 128 random bits in base64url (22 characters and up). */
const tokenShape = /^[A-Za-z0-9_-]{22,128}$/;

/** The SHA-256 of a link's token, in hex: what `portal_links` stores. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The estimate's version: the SHA-256 of its lines' content. */
export function estimateVersion(lines: readonly ({ id: string } & Record<string, unknown>)[]): string {
  return createHash('sha256').update(estimateContent(lines)).digest('hex');
}

/** What a valid token opens: one order of one company, through one link. */
export type PortalAccess = { tenantId: string; linkId: string; orderId: string; expiresAt: string; token: string };

/**
 * The link a token opens, or null for every reason it does not (malformed, unknown, revoked, expired,
 * the order gone, the module off for the company): the page answers all of them with the same 404.
 * The lookup by hash is the only query outside a company's scope; everything after it runs in it.
 */
export async function resolveToken(database: Database, token: string, now = new Date()): Promise<PortalAccess | null> {
  if (!tokenShape.test(token)) return null;
  const link = await database.db.selectFrom('portal_links')
    .select(['id', 'tenant_id', 'order_id', 'expira_la', 'revocat_la', 'deleted_at'])
    .where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!link || link.deleted_at !== null || link.revocat_la !== null || Date.parse(link.expira_la) <= now.getTime()) return null;
  const tenant = await findTenant(database.db, link.tenant_id);
  if (!tenant || !hasModule(entitlementsFromRow(tenant), 'client_portal', now)) return null;
  return { tenantId: link.tenant_id, linkId: link.id, orderId: link.order_id, expiresAt: link.expira_la, token };
}

export type PortalLine = {
  id: string;
  tip: 'manopera' | 'material';
  descriere: string;
  cantitate: string;
  um: string;
  pretUnitar: number;
  total: number;
  decizie: LineDecision | null;
};

/** Everything the customer's page shows (and `GET /api/portal/:token` answers). */
export type PortalView = {
  shop: { name: string; phone: string | null; address: string | null; hasLogo: boolean };
  order: {
    number: number | null;
    date: string;
    status: OrderStatus;
    vehicle: { plate: string | null; make: string | null; model: string | null; km: number | null };
    customer: string | null;
  };
  lines: PortalLine[];
  /** Totals of the lines that count (declined ones left out), VAT at the order date's rate. */
  totals: DevizDocument['totals'];
  version: string;
  /** The latest decision, and whether it is on the estimate as it is now. */
  decision: { name: string; decidedAt: string; current: boolean; approved: number; declined: number } | null;
  /** What changed since the latest decided version, when the estimate changed after it. */
  changes: { added: string[]; removed: string[]; changed: string[] } | null;
  /** The customer can decide: the order is not invoiced, has lines and this version has no decision yet. */
  canDecide: boolean;
  expiresAt: string;
} & PortalExtras;

type OrderRow = Awaited<ReturnType<typeof loadOrder>>;

async function loadOrder(tx: TenantTx, orderId: string) {
  const order = await tx.db.selectFrom('orders').selectAll().where('id', '=', orderId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!order) return null;
  const lines = await tx.db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).where('deleted_at', 'is', null)
    .orderBy('ordine').orderBy('created_at').execute();
  return { order, lines };
}

const labourFirst = <T extends { tip: string }>(lines: readonly T[]): T[] => [...lines.filter((l) => l.tip === 'manopera'), ...lines.filter((l) => l.tip !== 'manopera')];

/**
 * The page's data for a link, in the company's scope. `extras` are the order's photos and reception
 * sheet (portal-extras.ts). Null when the order is gone.
 */
export type ExtrasSource = (tx: TenantTx, orderId: string, token: string) => Promise<PortalExtras>;

export async function portalView(database: Database, access: PortalAccess, extras: ExtrasSource = noExtras): Promise<PortalView | null> {
  return withTenant(database, access.tenantId, async (tx) => {
    const loaded = await loadOrder(tx, access.orderId);
    if (!loaded) return null;
    const { order, lines } = loaded;
    const profile = await companyProfile(tx);
    const seller = sellerOrBlank(profile);
    const doc = devizDocument(order, lines, seller);
    const version = estimateVersion(lines);
    const last = await tx.db.selectFrom('portal_decisions').selectAll().where('order_id', '=', order.id).where('deleted_at', 'is', null)
      .orderBy('decis_la', 'desc').executeTakeFirst();
    const current = last?.versiune === version;
    let changes: PortalView['changes'] = null;
    if (last && !current) {
      const diff: EstimateChanges<(typeof lines)[number]> = estimateChanges(decidedLines(last.linii), lines);
      changes = { added: diff.added.map((l) => l.descriere), removed: diff.removed.map((l) => l.descriere), changed: diff.changed.map((c) => c.after.descriere) };
    }
    return {
      shop: { name: seller.nume || 'Service auto', phone: profile?.telefon ?? null, address: [seller.adresa, seller.localitate].filter(Boolean).join(', ') || null, hasLogo: Boolean(profile?.logo) },
      order: {
        number: order.nr_comanda, date: order.data_comanda, status: order.status,
        vehicle: { plate: order.nr_auto, make: order.marca_denumire, model: order.model_denumire, km: order.km_intrare },
        customer: order.client_nume,
      },
      lines: labourFirst(lines).map((l) => ({
        id: l.id, tip: l.tip, descriere: l.descriere,
        cantitate: (l.tip === 'manopera' ? l.ore : l.cantitate) ?? '0',
        um: l.tip === 'manopera' ? 'ore' : (l.um ?? 'buc'),
        pretUnitar: (l.tip === 'manopera' ? l.pret_ora : l.pret_unitar) ?? 0,
        total: l.total, decizie: l.decizie_client,
      })),
      totals: doc.totals,
      version,
      decision: last ? { name: last.nume_client, decidedAt: last.decis_la, current, approved: last.aprobate, declined: last.respinse } : null,
      changes,
      canDecide: order.status !== 'FACTURAT' && lines.length > 0 && !current,
      expiresAt: access.expiresAt,
      ...(await extras(tx, order.id, access.token)),
    };
  }, { snapshot: true });
}

/** The company's logo (a data URL in the profile) as bytes, or null. */
export async function portalLogo(database: Database, access: PortalAccess): Promise<{ type: string; bytes: Buffer } | null> {
  const logo = await withTenant(database, access.tenantId, async (tx) => (await companyProfile(tx))?.logo ?? null);
  const m = logo ? /^data:(image\/(?:png|jpeg|webp|svg\+xml));base64,([A-Za-z0-9+/=]+)$/.exec(logo) : null;
  return m?.[1] && m[2] ? { type: m[1], bytes: Buffer.from(m[2], 'base64') } : null;
}

/** The order's estimate for the PDF, recording the download in the documents' audit trail (by the customer). */
export async function portalDeviz(sync: SyncService, access: PortalAccess): Promise<{ doc: DevizDocument; logo: string | null } | null> {
  return sync.serverWrite(access.tenantId, async ({ tx }) => {
    const loaded: OrderRow = await loadOrder(tx, access.orderId);
    if (!loaded) return { rows: [], result: null };
    const profile = await companyProfile(tx);
    const doc = devizDocument(loaded.order, loaded.lines, sellerOrBlank(profile));
    const title = `${loaded.order.nr_comanda === null ? 'Deviz' : `Deviz ${loaded.order.nr_comanda}`} (portalul clientului)`;
    const event = {
      table: 'document_events', isNew: true,
      row: { id: crypto.randomUUID(), document: 'deviz', document_id: loaded.order.id, actiune: 'descarcare', descriere: title, user_id: null, client_id: null },
    };
    return { rows: [event], result: { doc, logo: profile?.logo ?? null } };
  });
}

/** The customer's answer: each line's decision by id (every line of the version), their name and where from. */
export type DecisionInput = { version: string; name: string; decisions: ReadonlyMap<string, LineDecision>; ip: string | null };

/**
 * How a submitted decision ended: recorded; the same as the one already recorded for this version
 * (a double submit: nothing new); refused because this version has another decision (final); refused
 * because the estimate changed since the page was loaded (`stale`), the order is invoiced (`closed`) or
 * a line has no answer (`incomplete`).
 */
export type DecisionOutcome = 'recorded' | 'same' | 'conflict' | 'stale' | 'closed' | 'incomplete' | 'gone';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const sameDecision = (stored: readonly DecidedLine[], wanted: ReadonlyMap<string, LineDecision>) =>
  stored.length === wanted.size && stored.every((l) => wanted.get(l.id) === l.decizie);

async function existingOutcome(database: Database, access: PortalAccess, input: DecisionInput): Promise<DecisionOutcome | null> {
  const stored = await withTenant(database, access.tenantId, (tx) => tx.db.selectFrom('portal_decisions').select('linii')
    .where('order_id', '=', access.orderId).where('versiune', '=', input.version).executeTakeFirst());
  if (!stored) return null;
  return sameDecision(decidedLines(stored.linii), input.decisions) ? 'same' : 'conflict';
}

/**
 * Records the customer's decision on the estimate's current version, in one server write: the
 * decision row, each line's mark and the order's totals without the declined lines. The version's
 * unique index makes a concurrent double submit store one decision: the loser reads the winner's.
 */
export async function recordDecision(sync: SyncService, database: Database, access: PortalAccess, input: DecisionInput): Promise<DecisionOutcome> {
  const before = await existingOutcome(database, access, input);
  if (before) return before;
  try {
    return await sync.serverWrite(access.tenantId, async ({ load, children, now }) => {
      const [order] = await load('orders', [access.orderId]);
      if (!order || order.deleted_at) return { rows: [], result: 'gone' as const };
      if (order.status === 'FACTURAT') return { rows: [], result: 'closed' as const };
      const lines = (await children('order_lines', 'order_id', [access.orderId])).filter((l) => !l.deleted_at);
      if (estimateVersion(lines) !== input.version) return { rows: [], result: 'stale' as const };
      if (!lines.length || lines.some((l) => !input.decisions.has(l.id)) || input.decisions.size !== lines.length) {
        return { rows: [], result: 'incomplete' as const };
      }
      const decided: DecidedLine[] = labourFirst(lines.map((l) => ({
        id: l.id, tip: l.tip === 'manopera' ? 'manopera' as const : 'material' as const, descriere: String(l.descriere),
        cantitate: (l.tip === 'manopera' ? text(l.ore) : text(l.cantitate)) ?? '0',
        pret_unitar: Number((l.tip === 'manopera' ? l.pret_ora : l.pret_unitar) ?? 0),
        total: Number(l.total), continut: lineContent(l), decizie: input.decisions.get(l.id) ?? 'aprobat',
      })));
      const marked: Row[] = lines.map((l) => ({ ...l, decizie_client: input.decisions.get(l.id) ?? null }));
      const rows: { table: string; row: Record<string, unknown>; isNew: boolean }[] = [{
        table: 'portal_decisions', isNew: true,
        row: {
          id: crypto.randomUUID(), order_id: access.orderId, link_id: access.linkId, versiune: input.version, nume_client: input.name,
          ip: input.ip?.slice(0, 64) ?? null, decis_la: now,
          aprobate: decided.filter((l) => l.decizie === 'aprobat').length, respinse: decided.filter((l) => l.decizie === 'respins').length,
          linii: JSON.stringify(decided),
        },
      }];
      for (const l of marked) if (l.decizie_client !== (lines.find((x) => x.id === l.id)?.decizie_client ?? null)) rows.push({ table: 'order_lines', row: l, isNew: false });
      const totals = orderTotals(marked.map((l) => ({
        tip: l.tip === 'manopera' ? 'manopera' as const : 'material' as const,
        ore: typeof l.ore === 'string' ? l.ore : null, pret_ora: typeof l.pret_ora === 'number' ? l.pret_ora : null,
        cantitate: typeof l.cantitate === 'string' ? l.cantitate : null, pret_unitar: typeof l.pret_unitar === 'number' ? l.pret_unitar : null,
        decizie_client: input.decisions.get(l.id) ?? null,
      })));
      if (totals.total_general !== order.total_general || totals.total_manopera !== order.total_manopera || totals.total_materiale !== order.total_materiale) {
        rows.push({ table: 'orders', row: { ...order, ...totals }, isNew: false });
      }
      return { rows, result: 'recorded' as const };
    });
  } catch (err) {
    // The other of two simultaneous submits won the version's unique index: answer as it decided.
    const after = await existingOutcome(database, access, input);
    if (after) return after;
    throw err;
  }
}
