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
 * Answers still in flight at shutdown ask the client to close its keep-alive connection, so the
 * server can stop as soon as they are sent instead of waiting for idle connections to time out.
 */
function closeKeepAliveOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
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
  closeKeepAliveOnShutdown(app);

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
