import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DatabaseConfig } from './config';
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
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  interface FastifyInstance {
    database: Database;
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

  await registerOpenApi(app);
  await app.register(healthRoutes, { database });
  if (options.staticDir) await registerStatic(app, options.staticDir);
  else app.setNotFoundHandler(apiNotFound);

  return app;
}
