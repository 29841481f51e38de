import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, can, hasModule, type CompanyRole, type Entitlements, type ModuleId, type Permission } from '@roaauto/shared';
import { expressionBuilder } from 'kysely';
import type { Database } from '../db';
import type { DatabaseSchema } from '../db-schema';
import { prepared } from '../prepared';
import { entitlementsFromRow, findTenant } from '../tenancy/entitlements.repository';
import type { TokenService } from './tokens';

/** `sessionId`: the refresh-token family of the sign-in the access token belongs to. */
export type UserAuth = { kind: 'user'; userId: string; tenantId: string; role: CompanyRole; email: string; sessionId?: string };
export type AdminAuth = { kind: 'platform_admin'; adminId: string; email: string };
export type AuthContext = UserAuth | AdminAuth;

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  interface FastifyRequest {
    auth: AuthContext | null;
    entitlements: Entitlements | null;
  }
}

export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export type Guards = {
  /** Any signed-in company user. */
  user: PreHandler;
  /** The platform operator only. */
  superAdmin: PreHandler;
  permission(p: Permission): PreHandler;
  /** The company's entitlements allow the module right now (checked on every request). */
  module(id: ModuleId): PreHandler;
};

const unauthorized = () => new DomainError('unauthorized', 'Sign in again: missing, expired or invalid access token');

/**
 * Authentication and the service layer of entitlement enforcement. The subject and the token's session
 * are re-read on every request (one query), so a deactivated user, a changed password, a sign-out or a
 * revoked refresh family stops access at once, not only at refresh.
 */
export function createGuards(database: Database, tokens: TokenService): Guards {
  const db = database.db;

  /** True when the session (refresh family) still has a token that was not revoked: one index probe. */
  const sessionAlive = (sid: string, subjectId: string) => {
    const eb = expressionBuilder<DatabaseSchema>();
    return eb.exists(eb.selectFrom('refresh_tokens').select('refresh_tokens.id')
      .where('refresh_tokens.family_id', '=', sid).where('refresh_tokens.revoked_at', 'is', null)
      .where('refresh_tokens.subject_id', '=', subjectId)).as('session_alive');
  };

  /**
   * The user, whether the token's session is alive, and the company's entitlements (for the module
   * guard), in one query compiled once: every request of a signed-in user begins with it.
   */
  const userQuery = prepared(db, ['sub', 'sid'], (p) => db.selectFrom('users').innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .select([
      'users.id', 'users.tenant_id', 'users.email', 'users.role', 'users.active', 'users.token_version', sessionAlive(p.sid, p.sub),
      'tenants.plan', 'tenants.modules', 'tenants.limits', 'tenants.billing_status', 'tenants.trial_ends_at', 'tenants.grace_ends_at',
      'tenants.entitlements_version',
    ])
    .where('users.id', '=', p.sub));

  /** The company's row read with the user, for the module guard of the same request. */
  const tenantRows = new WeakMap<FastifyRequest, Parameters<typeof entitlementsFromRow>[0]>();

  async function authenticate(request: FastifyRequest): Promise<AuthContext> {
    if (request.auth) return request.auth;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const claims = token ? await tokens.verifyAccess(token) : null;
    if (!claims) throw unauthorized();
    if (claims.kind === 'platform_admin') {
      const admin = await db.selectFrom('platform_admins').select(['id', 'email', 'token_version', sessionAlive(claims.sid, claims.sub)])
        .where('id', '=', claims.sub).executeTakeFirst();
      if (!admin?.session_alive || admin.token_version !== claims.tv) throw unauthorized();
      request.auth = { kind: 'platform_admin', adminId: admin.id, email: admin.email };
      return request.auth;
    }
    const [user] = await userQuery({ sub: claims.sub, sid: claims.sid });
    if (!user?.session_alive || user.active !== 1 || user.token_version !== claims.tv || user.tenant_id !== claims.tid) {
      throw unauthorized();
    }
    request.auth = { kind: 'user', userId: user.id, tenantId: user.tenant_id, role: user.role as CompanyRole, email: user.email, sessionId: claims.sid };
    tenantRows.set(request, { ...user, id: user.tenant_id });
    return request.auth;
  }

  async function requireUser(request: FastifyRequest): Promise<UserAuth> {
    const auth = await authenticate(request);
    if (auth.kind !== 'user') throw new DomainError('forbidden', 'This needs a company account');
    return auth;
  }

  async function loadEntitlements(request: FastifyRequest, tenantId: string): Promise<Entitlements> {
    if (request.entitlements) return request.entitlements;
    const tenant = tenantRows.get(request) ?? await findTenant(db, tenantId);
    if (!tenant) throw unauthorized();
    request.entitlements = entitlementsFromRow(tenant);
    return request.entitlements;
  }

  return {
    user: async (request) => {
      await requireUser(request);
    },
    superAdmin: async (request) => {
      const auth = await authenticate(request);
      if (auth.kind !== 'platform_admin') throw new DomainError('forbidden', 'Only the platform operator may do this');
    },
    permission: (p) => async (request) => {
      const auth = await requireUser(request);
      if (!can(auth.role, p)) throw new DomainError('forbidden', `Your role (${auth.role}) may not do this`, { permission: p });
    },
    module: (id) => async (request) => {
      const auth = await requireUser(request);
      const e = await loadEntitlements(request, auth.tenantId);
      if (!hasModule(e, id, new Date())) {
        throw new DomainError('module_not_entitled', `The "${id}" module is not available in your plan`, { module: id });
      }
    },
  };
}

/** The signed-in company user of a request that passed a user guard. */
export function userOf(request: FastifyRequest): UserAuth {
  if (request.auth?.kind !== 'user') throw unauthorized();
  return request.auth;
}
