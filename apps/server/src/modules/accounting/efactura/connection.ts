import { randomBytes } from 'node:crypto';
import { can, DomainError, type CompanyRole } from '@roaauto/shared';
import type { Database } from '../../../core/db';
import { withTenant } from '../../../core/tenancy/tenant-scope';
import { AnafHttpError, type EfacturaApi, type TokenSet } from './anaf-api';
import type { Sealer } from './sealed';

/** A token is refreshed when it has less than this left. */
export const refreshMarginMs = 24 * 3_600_000;
/** How long an authorization started in the app may take to come back. */
export const stateTtlMs = 15 * 60_000;

export type EfacturaStatus = {
  connected: boolean;
  connectedAt: string | null;
  expiresAt: string | null;
  autoSend: boolean;
};

type StatePayload = { t: string; u: string; n: string; e: number };

/** Thrown when the company has not connected (or disconnected) the SPV. */
export class NotConnected extends Error {
  constructor() {
    super('This company has not connected ANAF\'s SPV');
    this.name = 'NotConnected';
  }
}

/**
 * A company's connection to ANAF's SPV: the OAuth2 `state` of an authorization, the tokens sealed at
 * rest (the sealing's context names the company and the token kind), refreshed before they expire, and
 * one forced refresh when ANAF answers 401.
 */
/** The refresh running per company in this process (all workers and routes of the process share it). */
const refreshing = new Map<string, Promise<string>>();

export class EfacturaConnections {
  constructor(private readonly database: Database, private readonly api: EfacturaApi, private readonly sealer: Sealer) {}

  private ctx(tenantId: string, kind: 'access' | 'refresh'): string {
    return `efactura:${kind}:${tenantId}`;
  }

  /** A `state` bound to the company and the user (and a nonce the browser keeps in a cookie). */
  newState(tenantId: string, userId: string, now = Date.now()): { state: string; nonce: string } {
    const nonce = randomBytes(16).toString('base64url');
    const payload: StatePayload = { t: tenantId, u: userId, n: nonce, e: now + stateTtlMs };
    return { state: this.sealer.seal(JSON.stringify(payload), 'efactura:state'), nonce };
  }

  /** The company and user a returning `state` was made for; refused when altered, expired or not this browser's. */
  async checkState(state: string, nonce: string | undefined, now = Date.now()): Promise<{ tenantId: string; userId: string }> {
    const opened = this.sealer.open(state, 'efactura:state');
    const payload = opened ? (JSON.parse(opened) as StatePayload) : null;
    if (!payload || payload.e < now || !nonce || payload.n !== nonce) throw new DomainError('forbidden', 'This authorization was not started here or has expired; start it again from the settings');
    const user = await this.database.db.selectFrom('users').select(['role', 'active']).where('id', '=', payload.u).where('tenant_id', '=', payload.t).executeTakeFirst();
    if (!user || !user.active || !can(user.role as CompanyRole, 'company.update')) throw new DomainError('forbidden', 'Only the company\'s owner connects the SPV');
    return { tenantId: payload.t, userId: payload.u };
  }

  /** Stores a new authorization's tokens (replacing an earlier one), sealed. */
  async save(tenantId: string, userId: string, tokens: TokenSet): Promise<void> {
    const now = new Date().toISOString();
    const sealed = {
      access_token: this.sealer.seal(tokens.accessToken, this.ctx(tenantId, 'access')),
      refresh_token: this.sealer.seal(tokens.refreshToken, this.ctx(tenantId, 'refresh')),
      expires_at: tokens.expiresAt.toISOString(),
    };
    await withTenant(this.database, tenantId, async (tx) => {
      await tx.db.insertInto('efactura_connections').values({
        tenant_id: tenantId, ...sealed, auto_send: 0, auto_send_since: null, received_until: null, connected_by: userId, connected_at: now, updated_at: now,
      }).onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...sealed, connected_by: userId, connected_at: now, updated_at: now })).execute();
    });
  }

  async status(tenantId: string): Promise<EfacturaStatus> {
    const row = await withTenant(this.database, tenantId, (tx) => tx.db.selectFrom('efactura_connections')
      .select(['connected_at', 'expires_at', 'auto_send']).executeTakeFirst());
    return { connected: Boolean(row), connectedAt: row?.connected_at ?? null, expiresAt: row?.expires_at ?? null, autoSend: Boolean(row?.auto_send) };
  }

  async setAutoSend(tenantId: string, on: boolean): Promise<void> {
    const now = new Date().toISOString();
    const updated = await withTenant(this.database, tenantId, (tx) => tx.db.updateTable('efactura_connections')
      .set({ auto_send: on ? 1 : 0, auto_send_since: on ? now : null, updated_at: now }).executeTakeFirst());
    if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('conflict', 'Connect the SPV first');
  }

  /** Revokes the refresh token at ANAF (best effort) and forgets both tokens. */
  async disconnect(tenantId: string): Promise<void> {
    const row = await withTenant(this.database, tenantId, (tx) => tx.db.selectFrom('efactura_connections').select('refresh_token').executeTakeFirst());
    if (!row) return;
    const refresh = this.sealer.open(row.refresh_token, this.ctx(tenantId, 'refresh'));
    if (refresh) await this.api.revoke(refresh).catch(() => undefined);
    await withTenant(this.database, tenantId, (tx) => tx.db.deleteFrom('efactura_connections').execute());
  }

  /** A valid access token: the stored one, or a refreshed one when it is near its end (or `force`). */
  async accessToken(tenantId: string, force = false): Promise<string> {
    const row = await withTenant(this.database, tenantId, (tx) => tx.db.selectFrom('efactura_connections')
      .select(['access_token', 'refresh_token', 'expires_at']).executeTakeFirst());
    if (!row) throw new NotConnected();
    const access = this.sealer.open(row.access_token, this.ctx(tenantId, 'access'));
    if (access && !force && Date.parse(row.expires_at) - Date.now() > refreshMarginMs) return access;
    // One refresh at a time per company: ANAF turns down a refresh token once it was used, so two workers
    // refreshing together would leave one of them without a token. In this process the others wait for it.
    const running = refreshing.get(tenantId);
    if (running) return running;
    const refreshed = this.refresh(tenantId, row.refresh_token).finally(() => refreshing.delete(tenantId));
    refreshing.set(tenantId, refreshed);
    return refreshed;
  }

  /**
   * Refreshes the tokens read as `seen`. On PostgreSQL the connection's row stays locked meanwhile, so
   * processes refresh one at a time and one that waited uses the tokens the other stored. (SQLite is one
   * process, which the map above already serialises; no write transaction is held over the network there.)
   */
  private async refresh(tenantId: string, seen: string): Promise<string> {
    if (this.database.engine === 'postgres') {
      return withTenant(this.database, tenantId, async (tx) => {
        const row = await tx.db.selectFrom('efactura_connections').select(['access_token', 'refresh_token']).forUpdate().executeTakeFirst();
        if (!row) throw new NotConnected();
        if (row.refresh_token !== seen) {
          const other = this.sealer.open(row.access_token, this.ctx(tenantId, 'access'));
          if (other) return other;
        }
        const refresh = this.sealer.open(row.refresh_token, this.ctx(tenantId, 'refresh'));
        if (!refresh) throw new NotConnected();
        const tokens = await this.api.refresh(refresh);
        await tx.db.updateTable('efactura_connections').set(this.sealedTokens(tenantId, tokens)).execute();
        return tokens.accessToken;
      });
    }
    const refresh = this.sealer.open(seen, this.ctx(tenantId, 'refresh'));
    if (!refresh) throw new NotConnected();
    let tokens: TokenSet;
    try {
      tokens = await this.api.refresh(refresh);
    } catch (err) {
      // Another process may have refreshed meanwhile: its stored tokens are the ones to use.
      const again = await withTenant(this.database, tenantId, (tx) => tx.db.selectFrom('efactura_connections').select(['access_token', 'refresh_token']).executeTakeFirst());
      const other = again && again.refresh_token !== seen ? this.sealer.open(again.access_token, this.ctx(tenantId, 'access')) : null;
      if (other) return other;
      throw err;
    }
    await withTenant(this.database, tenantId, (tx) => tx.db.updateTable('efactura_connections').set(this.sealedTokens(tenantId, tokens))
      .where('refresh_token', '=', seen).execute());
    return tokens.accessToken;
  }

  private sealedTokens(tenantId: string, tokens: TokenSet) {
    return {
      access_token: this.sealer.seal(tokens.accessToken, this.ctx(tenantId, 'access')),
      refresh_token: this.sealer.seal(tokens.refreshToken, this.ctx(tenantId, 'refresh')),
      expires_at: tokens.expiresAt.toISOString(),
      updated_at: new Date().toISOString(),
    };
  }

  /** Runs `call` with the company's access token; a 401 refreshes the token once and tries again. */
  async withToken<T>(tenantId: string, call: (accessToken: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.accessToken(tenantId));
    } catch (err) {
      if (!(err instanceof AnafHttpError) || !err.unauthorized) throw err;
      return call(await this.accessToken(tenantId, true));
    }
  }
}
