import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localTableDdl, portalLinksTable, type SqlValue } from '@roaauto/shared';
import { createPortalLink, ensurePortalLink, expiryFrom, hashToken, knownToken, linkState, makeToken, portalUrl, revokePortalLink, type TokenStore } from './links';

/** The links' writes and queries on SQLite with the device's own table (no sync engine: rows as written). */
let sqlite: Database.Database;
const db = {
  create: async (table: string, data: Record<string, unknown>) => {
    const row = { created_at: new Date().toISOString(), updated_at: new Date().toISOString(), ...data };
    const cols = Object.keys(row);
    sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
    return row;
  },
  update: async (table: string, id: string, patch: Record<string, unknown>) => {
    const cols = Object.keys(patch);
    sqlite.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
    return { id, ...patch };
  },
  query: async <T>(sql: string, params: readonly SqlValue[] = []) => sqlite.prepare(sql).all(...params) as T[],
};

function memoryStore(): TokenStore & { size(): number } {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k), size: () => map.size };
}

beforeEach(() => {
  sqlite = new Database(':memory:');
  for (const sql of localTableDdl(portalLinksTable)) sqlite.exec(sql);
});
afterEach(() => sqlite.close());

const origin = 'https://app.roaauto.ro';

describe('portal link tokens', () => {
  it('makes 256-bit base64url tokens, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, makeToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });

  it('hashes a token as the server does (SHA-256, hex)', async () => {
    const t = makeToken();
    expect(await hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
  });

  it('says a link is revoked, expired, not synced yet or active', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    const later = '2026-12-20T10:00:00.000Z';
    expect(linkState({ expira_la: later, revocat_la: '2026-12-05T10:00:00Z', _version: 4 }, now)).toBe('revoked');
    expect(linkState({ expira_la: '2026-12-06T09:59:59Z', revocat_la: null, _version: 4 }, now)).toBe('expired');
    expect(linkState({ expira_la: later, revocat_la: null, _version: null }, now)).toBe('pending');
    expect(linkState({ expira_la: later, revocat_la: null, _version: 7 }, now)).toBe('active');
    expect(expiryFrom(now)).toBe('2027-01-05T10:00:00.000Z');
    expect(portalUrl(`${origin}/`, 'abc')).toBe(`${origin}/p/abc`);
  });
});

describe('portal links on the device', () => {
  it('stores only the hash and keeps the plain token on this device', async () => {
    const store = memoryStore();
    const { url, linkId } = await createPortalLink(db, 'order-1', { store, origin, now: new Date('2026-12-06T10:00:00Z') });
    const token = knownToken(store, linkId);
    expect(url).toBe(`${origin}/p/${token}`);
    const [row] = sqlite.prepare('SELECT * FROM portal_links').all() as Record<string, unknown>[];
    expect(row).toMatchObject({ id: linkId, order_id: 'order-1', token_hash: await hashToken(String(token)), expira_la: '2027-01-05T10:00:00.000Z', revocat_la: null });
    expect(JSON.stringify(row)).not.toContain(String(token));
  });

  it('gives the same working link again, and a new one once it is revoked, expiring or unknown here', async () => {
    const store = memoryStore();
    const now = new Date('2026-12-06T10:00:00Z');
    const first = await ensurePortalLink(db, 'order-1', { store, origin, now });
    expect(await ensurePortalLink(db, 'order-1', { store, origin, now })).toEqual(first);
    // Another order gets its own.
    expect((await ensurePortalLink(db, 'order-2', { store, origin, now })).linkId).not.toBe(first.linkId);
    // Revoked: a new one (and the old token is forgotten).
    await revokePortalLink(db, first.linkId, { store, now });
    expect(knownToken(store, first.linkId)).toBeNull();
    const second = await ensurePortalLink(db, 'order-1', { store, origin, now });
    expect(second.linkId).not.toBe(first.linkId);
    // Less than a day left: a new one.
    const nearlyExpired = new Date(Date.parse(expiryFrom(now)) - 3_600_000);
    expect((await ensurePortalLink(db, 'order-1', { store, origin, now: nearlyExpired })).linkId).not.toBe(second.linkId);
    // Made on another device (no token here): a new one.
    const elsewhere = memoryStore();
    expect((await ensurePortalLink(db, 'order-2', { store: elsewhere, origin, now })).linkId).not.toBe(first.linkId);
    expect(elsewhere.size()).toBe(1);
  });
});
