import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '@roaauto/shared';
import type { AuthConfig, DatabaseConfig } from './config';
import { adminRoutes } from './core/admin/admin.routes';
import { authRoutes } from './core/auth/auth.routes';
import { AuthService } from './core/auth/auth.service';
import { createGuards, type Guards } from './core/auth/guards';
import { loadSigningKeys } from './core/auth/keys';
import { ensureSuperAdmin } from './core/auth/super-admin';
import { TokenService } from './core/auth/tokens';
import { billingRoutes } from './core/billing/billing.routes';
import { usersRoutes } from './core/users/users.routes';
import compress from '@fastify/compress';
import { createLocalPokeBus, createPostgresPokeBus } from './sync/poke-bus';
import { purgeTombstones } from './sync/purge';
import { syncRoutes } from './sync/sync.routes';
import { accountingRoutes } from './modules/accounting/accounting.routes';
import { workshopRoutes } from './modules/workshop/workshop.routes';
import { SyncService } from './sync/sync.service';
import { openDatabase, type Database } from './core/db';
import { apiNotFound, registerErrorHandler } from './core/errors';
import { healthRoutes } from './core/health.routes';
import { migrateToLatest } from './core/migrate';
import { registerOpenApi } from './core/openapi';
import { registerStatic } from './core/static';

export type AppOptions = {
  database: DatabaseConfig;
  /** Folder of the built PWA; without it only the API is served. */
  staticDir?: string;
  logger?: FastifyServerOptions['logger'];
  auth?: Partial<AuthConfig>;
  /** Tombstones older than this many days are purged daily (devices further behind re-bootstrap). */
  tombstoneRetentionDays?: number;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  interface FastifyInstance {
    database: Database;
    /** Authentication, permission and module guards for every module's routes. */
    guards: Guards;
  }
}

/**
 * Shutdown without waiting on idle sockets: once closing has begun, answers carry
 * `Connection: close`, and when the last request in flight is answered every remaining (idle,
 * keep-alive or pre-opened) connection is closed, so the process stops as soon as its work is done.
 */
function drainOnShutdown(app: FastifyInstance): void {
  let closing = false;
  let inFlight = 0;
  const finished = new WeakSet<object>();
  const closeIfDrained = (): void => {
    if (closing && inFlight === 0) app.server.closeAllConnections();
  };
  const done = (request: object): void => {
    if (finished.has(request)) return;
    finished.add(request);
    inFlight--;
    closeIfDrained();
  };
  app.addHook('onRequest', async () => {
    inFlight++;
  });
  app.addHook('onResponse', async (request) => done(request));
  app.addHook('onRequestAbort', async (request) => done(request));
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('preClose', async () => {
    closing = true;
    // After server.close() has stopped accepting connections.
    setImmediate(closeIfDrained);
  });
}

function scheduleTombstonePurge(app: FastifyInstance, days: number): void {
  const run = () => {
    purgeTombstones(app.database, new Date(Date.now() - days * 86_400_000))
      .then((removed) => app.log.info({ removed, days }, 'sync tombstones purged'))
      .catch((err: unknown) => app.log.error({ err }, 'sync tombstone purge failed'));
  };
  const first = setTimeout(run, 60_000).unref();
  const daily = setInterval(run, 86_400_000).unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(daily);
  });
}

/**
 * Builds the whole application: migrations, core plugins, then every module's routes. Does not listen;
 * `listen()` or `inject()` make it ready.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Requests past this size answer 413 before any handler runs.
    bodyLimit: 1024 * 1024,
    // A proxy in front may set X-Forwarded-*; the server itself listens on loopback by default.
    trustProxy: true,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  drainOnShutdown(app);

  const database = openDatabase(options.database);
  app.decorate('database', database);
  app.addHook('onClose', async () => {
    await database.close();
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) app.log.info({ applied, engine: database.engine }, 'migrations applied');
  } catch (err) {
    await database.close();
    throw err;
  }

  const authConfig: AuthConfig = { rateLimitPerMinute: 20, ...options.auth };
  if (authConfig.superAdmin) {
    const result = await ensureSuperAdmin(database, authConfig.superAdmin.email, authConfig.superAdmin.password);
    app.log.info({ result }, 'super-admin account checked');
  }
  const tokens = new TokenService(await loadSigningKeys(database.db, authConfig.tokenKey));
  const auth = new AuthService(database, tokens);
  const guards = createGuards(database, tokens);
  app.decorate('guards', guards);
  app.decorateRequest('auth', null);
  app.decorateRequest('entitlements', null);

  await registerOpenApi(app);
  // Pull pages and other large JSON answers are gzip-compressed when the client accepts it.
  // Level 1: most of gzip's gain on repetitive JSON (~6x smaller pages) for a fraction of the default's CPU.
  await app.register(compress, { global: true, threshold: 2048, encodings: ['gzip', 'deflate'], zlibOptions: { level: 1 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', `Too many requests; try again in ${context.after}`),
  });
  await app.register(healthRoutes, { database });
  await app.register(authRoutes, { auth, guards, tokens, rateLimitPerMinute: authConfig.rateLimitPerMinute });
  await app.register(usersRoutes, { auth, guards });
  await app.register(adminRoutes, { guards });
  await app.register(billingRoutes, { secret: authConfig.billingSecret });

  const pokes = options.database.engine === 'postgres'
    ? await createPostgresPokeBus(options.database, (err) => app.log.error({ err }, 'poke listener failed'))
    : createLocalPokeBus();
  app.addHook('onClose', async () => pokes.close());
  const sync = new SyncService(database, pokes);
  await app.register(syncRoutes, { sync, pokes });
  await app.register(workshopRoutes, { guards, database });
  await app.register(accountingRoutes, { guards, sync });
  if (options.tombstoneRetentionDays) scheduleTombstonePurge(app, options.tombstoneRetentionDays);
  if (options.staticDir) await registerStatic(app, options.staticDir);
  else app.setNotFoundHandler(apiNotFound);

  return app;
}
