import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { loadConfig } from './config';

/** Starts one process that serves the API and the PWA; SIGTERM/SIGINT finish requests, then close the DB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({
    database: config.database,
    staticDir: config.staticDir,
    auth: config.auth,
    tombstoneRetentionDays: config.tombstoneRetentionDays,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error');
    else app.log.info({ signal }, 'shutting down: finishing requests');
    await app.close();
    app.log.info('server closed, database closed');
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { db: app.database.engine, url: `http://${config.host}:${config.port}` },
    'ROA AUTO is ready',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
