import { linkLifetimeDays, newId } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';

/** A link row as this device has it (`_version` null: made here and not synced yet). */
export type PortalLinkRow = {
  id: string;
  order_id: string;
  token_hash: string;
  expira_la: string;
  revocat_la: string | null;
  created_at: string;
  _version: number | null;
};

export type LinkState = 'active' | 'pending' | 'expired' | 'revoked';

/** Where this device keeps the plain tokens of the links it made (the synced row has only their hash). */
export type TokenStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (linkId: string) => `roaauto.portal.${linkId}`;

/** The browser's localStorage, or a store that keeps nothing where there is none. */
export function browserTokens(): TokenStore {
  if (typeof localStorage !== 'undefined') return localStorage;
  return { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
}

/** A new token: 32 random bytes (256 bits) in base64url, 43 characters. */
export function makeToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The SHA-256 of a token in hex, as the server looks it up. */
export async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A link's state for the order page: revoked and expired first, then whether the server has it yet. */
export function linkState(link: Pick<PortalLinkRow, 'expira_la' | 'revocat_la' | '_version'>, now: Date): LinkState {
  if (link.revocat_la) return 'revoked';
  if (Date.parse(link.expira_la) <= now.getTime()) return 'expired';
  return link._version === null ? 'pending' : 'active';
}

/** The page's address for a token. */
export function portalUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/p/${token}`;
}

/** The link's plain token, when this device made it. */
export function knownToken(store: TokenStore, linkId: string): string | null {
  return store.getItem(key(linkId));
}

/** The expiry of a link made now: 30 days. */
export function expiryFrom(now: Date): string {
  return new Date(now.getTime() + linkLifetimeDays * 86_400_000).toISOString();
}

type Db = Pick<LocalDatabase, 'create' | 'update' | 'query'>;

/** Makes a link for the order, also offline (it opens once the row reached the server), and keeps its token here. */
export async function createPortalLink(
  db: Db, orderId: string, opts: { store?: TokenStore; now?: Date; origin?: string; userId?: string | null } = {},
): Promise<{ url: string; linkId: string }> {
  const store = opts.store ?? browserTokens();
  const token = makeToken();
  const id = newId();
  // The token is kept before the row exists: a row whose token this device lost could never be shown again.
  store.setItem(key(id), token);
  await db.create('portal_links', { id, order_id: orderId, token_hash: await hashToken(token), expira_la: expiryFrom(opts.now ?? new Date()), revocat_la: null, created_by: opts.userId ?? null });
  return { url: portalUrl(opts.origin ?? location.origin, token), linkId: id };
}

/** Revokes a link: its page answers "not available" from the moment the change reaches the server. */
export async function revokePortalLink(db: Db, linkId: string, opts: { store?: TokenStore; now?: Date } = {}): Promise<void> {
  await db.update('portal_links', linkId, { revocat_la: (opts.now ?? new Date()).toISOString() });
  (opts.store ?? browserTokens()).removeItem(key(linkId));
}

/**
 * A link to the order's page for a message ("your estimate is ready"): the newest link of this device
 * that still works (revoked and expired ones aside; one not synced yet works once it is), or a new one.
 */
export async function ensurePortalLink(
  db: LocalDatabase | Db, orderId: string, opts: { store?: TokenStore; now?: Date; origin?: string } = {},
): Promise<{ url: string; linkId: string }> {
  const store = opts.store ?? browserTokens();
  const now = opts.now ?? new Date();
  const links = await db.query<PortalLinkRow>(`SELECT * FROM portal_links WHERE order_id = ? ORDER BY created_at DESC, id`, [orderId]);
  for (const link of links) {
    const token = knownToken(store, link.id);
    const state = linkState(link, now);
    // A day left at least: a message should not send a link that dies tomorrow.
    if (token && (state === 'active' || state === 'pending') && Date.parse(link.expira_la) - now.getTime() > 86_400_000) {
      return { url: portalUrl(opts.origin ?? location.origin, token), linkId: link.id };
    }
  }
  return createPortalLink(db, orderId, { ...opts, store, now });
}

/** The text sent with the link (WhatsApp, the share sheet). */
export function shareText(t: (key: string, values: Record<string, unknown>) => string, company: string, orderNumber: number | null, url: string): string {
  return t('client_portal.links.shareText', { company, n: orderNumber ?? '', url });
}
