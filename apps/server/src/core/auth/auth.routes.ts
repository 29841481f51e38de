import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, activeModules } from '@roaauto/shared';
import { entitlementsFromRow, findTenant } from '../tenancy/entitlements.repository';
import { withTenant } from '../tenancy/tenant-scope';
import type { AuthService } from './auth.service';
import { userOf, type Guards } from './guards';
import { emailSchema, entitlementsSchema, moduleFlagsSchema, passwordInput, sessionSchema } from './schemas';
import type { TokenService } from './tokens';

export type AuthRoutesOptions = {
  auth: AuthService;
  guards: Guards;
  tokens: TokenService;
  /** Requests per minute per IP on the sign-in endpoints. */
  rateLimitPerMinute: number;
};

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { auth, guards, tokens, rateLimitPerMinute }) => {
  const rateLimit = { max: rateLimitPerMinute, timeWindow: '1 minute' };
  const tags = ['auth'];

  app.post('/api/auth/register', {
    config: { rateLimit },
    bodyLimit: 8 * 1024,
    schema: {
      tags,
      summary: 'Create a company with its owner and a 30-day Basic trial',
      body: z.object({
        email: emailSchema,
        password: passwordInput,
        name: z.string().trim().max(120).optional(),
        company: z.object({ name: z.string().trim().min(1).max(200), cui: z.string().max(20).optional() }),
        /** false when the device uploads its own data next (its catalog included): no starter catalog then. */
        seedCatalog: z.boolean().optional(),
      }),
      response: { 201: sessionSchema },
    },
  }, async (request, reply) => reply.status(201).send(await auth.register(request.body, request.ip, request.headers['user-agent'])));

  app.post('/api/auth/login', {
    config: { rateLimit },
    bodyLimit: 4 * 1024,
    schema: {
      tags,
      summary: 'Sign in (company users and the platform operator)',
      body: z.object({ email: emailSchema, password: passwordInput }),
      response: { 200: sessionSchema },
    },
  }, async (request, reply) => {
    try {
      return await auth.login(request.body, request.ip, request.headers['user-agent']);
    } catch (err) {
      // The wait is machine-readable too, as for the per-IP limit.
      if (err instanceof DomainError && err.code === 'rate_limited' && typeof err.details.retryAfter === 'number') {
        void reply.header('retry-after', String(err.details.retryAfter));
      }
      throw err;
    }
  });

  app.post('/api/auth/refresh', {
    config: { rateLimit },
    bodyLimit: 1024,
    schema: {
      tags,
      summary: 'Exchange a refresh token for a new pair; the old one stops working',
      body: z.object({ refreshToken: z.string().min(1).max(200) }),
      response: { 200: sessionSchema },
    },
  }, async (request) => auth.refresh(request.body.refreshToken, request.ip, request.headers['user-agent']));

  app.post('/api/auth/logout', {
    bodyLimit: 1024,
    schema: {
      tags,
      summary: 'End this sign-in: every token of its family stops working',
      body: z.object({ refreshToken: z.string().min(1).max(200) }),
    },
  }, async (request, reply) => {
    await auth.logout(request.body.refreshToken);
    return reply.status(204).send();
  });

  app.post('/api/auth/password', {
    onRequest: guards.user,
    config: { rateLimit },
    bodyLimit: 4 * 1024,
    schema: {
      tags,
      summary: 'Change the password; every other session ends, and this one too unless keepThisSession (the default)',
      body: z.object({ currentPassword: passwordInput, newPassword: passwordInput, keepThisSession: z.boolean().optional() }),
      response: { 200: sessionSchema, 204: z.null().describe('This session ended too') },
    },
  }, async (request, reply) => {
    const me = userOf(request);
    const session = await auth.changePassword(me.userId, request.body.currentPassword, request.body.newPassword, request.ip, {
      keepThisSession: request.body.keepThisSession, userAgent: request.headers['user-agent'],
    });
    if (!session) return reply.status(204).send(null);
    return reply.status(200).send(session);
  });

  app.get('/api/auth/sessions', {
    onRequest: guards.user,
    schema: {
      tags,
      summary: "The signed-in user's live sessions (device, start, last use), newest use first",
      response: {
        200: z.object({
          sessions: z.array(z.object({ id: z.string(), device: z.string().nullable(), createdAt: z.string(), lastUsedAt: z.string(), current: z.boolean() })),
        }),
      },
    },
  }, async (request) => {
    const me = userOf(request);
    return { sessions: await auth.listSessions(me.userId, me.sessionId ?? '') };
  });

  app.delete('/api/auth/sessions/:id', {
    onRequest: guards.user,
    schema: { tags, summary: 'End one of your sessions (its device must sign in again)', params: z.object({ id: z.string().min(1).max(64) }) },
  }, async (request, reply) => {
    const me = userOf(request);
    if (!(await auth.revokeSession(me.userId, request.params.id, request.ip, me.tenantId))) throw new DomainError('not_found', 'Session not found');
    return reply.status(204).send();
  });

  app.post('/api/auth/sessions/sign-out-everywhere', {
    onRequest: guards.user,
    bodyLimit: 1024,
    schema: {
      tags,
      summary: 'End every session of yours; this one stays only with keepThisSession',
      body: z.object({ keepThisSession: z.boolean().optional() }),
      response: { 200: z.object({ ended: z.number().int() }) },
    },
  }, async (request) => {
    const me = userOf(request);
    const ended = await auth.signOutEverywhere(me.userId, request.body.keepThisSession ? me.sessionId ?? null : null, request.ip, me.tenantId);
    return { ended };
  });

  app.post('/api/auth/password-reset/request', {
    config: { rateLimit },
    bodyLimit: 4 * 1024,
    schema: {
      tags,
      summary: 'Forgotten password: mails a reset link if the address has an account (the answer is the same either way)',
      body: z.object({ email: emailSchema, locale: z.enum(['ro', 'en']).optional() }),
      response: { 202: z.object({ accepted: z.literal(true) }) },
    },
  }, async (request, reply) => {
    try {
      await auth.requestPasswordReset(request.body.email, request.ip, request.body.locale ?? 'ro');
    } catch (err) {
      if (err instanceof DomainError && err.code === 'rate_limited' && typeof err.details.retryAfter === 'number') {
        void reply.header('retry-after', String(err.details.retryAfter));
      }
      throw err;
    }
    return reply.status(202).send({ accepted: true });
  });

  app.post('/api/auth/password-reset', {
    config: { rateLimit },
    bodyLimit: 4 * 1024,
    schema: {
      tags,
      summary: "Set a new password with a reset link's token (works once, for an hour); every session ends",
      body: z.object({ token: z.string().min(1).max(200), password: passwordInput }),
    },
  }, async (request, reply) => {
    await auth.resetPassword(request.body.token, request.body.password, request.ip);
    return reply.status(204).send();
  });

  app.get('/api/auth/lease-key', {
    schema: { tags, summary: 'Public key (JWK) that verifies offline leases' },
  }, async () => ({ keys: [tokens.publicJwk] }));

  app.get('/api/me', {
    onRequest: guards.user,
    schema: {
      tags: ['core'],
      summary: 'The signed-in user, the company and what its plan allows now',
      response: {
        200: z.object({
          user: z.object({ id: z.string(), email: z.string(), role: z.string(), name: z.string().nullable() }),
          tenant: z.object({ id: z.string(), name: z.string(), cui: z.string().nullable() }),
          entitlements: entitlementsSchema,
          modules: moduleFlagsSchema,
        }),
      },
    },
  }, async (request) => {
    const me = userOf(request);
    const { user, tenant } = await withTenant(app.database, me.tenantId, async (tx) => ({
      user: await tx.db.selectFrom('users').select(['id', 'email', 'role', 'name'])
        .where('tenant_id', '=', tx.tenantId).where('id', '=', me.userId).executeTakeFirstOrThrow(),
      tenant: await findTenant(tx.db, tx.tenantId),
    }));
    if (!tenant) throw new Error('tenant of a signed-in user is missing');
    const entitlements = entitlementsFromRow(tenant);
    return {
      user,
      tenant: { id: tenant.id, name: tenant.name, cui: tenant.cui },
      entitlements,
      modules: activeModules(entitlements, new Date()),
    };
  });
};
