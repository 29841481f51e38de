import cluster from 'node:cluster';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { loadConfig } from './config';
import { backupTarget, scheduleBackups } from './ops/backup/schedule';
import { clusterProblem, runPrimary } from './ops/cluster';

/**
 * A stop answers what it received for up to `shutdownGraceMs` (new requests meanwhile get 503 with
 * Retry-After), then cuts what is left; close-with-grace kills the process only if closing the database
 * after that still hangs.
 */
const shutdownGraceMs = 8_000;
const killAfterMs = 10_000;

/**
 * Starts one process that serves the API and the PWA; SIGTERM/SIGINT finish requests, then close the DB.
 * With WORKERS>1 (PostgreSQL only) this process becomes the cluster's primary (ops/cluster.ts) and each
 * worker it forks runs this same file as one server process.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const problem = clusterProblem(config);
  if (problem) throw new Error(problem);
  if (config.workers > 1 && cluster.isPrimary) {
    await runPrimary(config);
    return;
  }
  const app = await buildApp({
    database: config.database,
    staticDir: config.staticDir,
    auth: config.auth,
    tombstoneRetentionDays: config.tombstoneRetentionDays,
    syncPageCacheMb: config.syncPageCacheMb,
    shutdownGraceMs,
    trustProxy: config.trustProxy,
    billing: config.billing,
    retentionSweep: true,
    mail: config.mail,
    anaf: config.anaf,
    sms: config.sms,
    logistics: config.logistics,
    efactura: config.efactura,
    storage: { dir: config.storageDir },
    backupDir: config.backup.dir,
    backupTarget: config.backup.dir && config.backup.s3 ? backupTarget({ dir: config.backup.dir, s3: config.backup.s3 }) : undefined,
    migrateOnStart: config.migrateOnStart,
    metricsToken: config.metricsToken,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });

  if (config.database.engine === 'sqlite') {
    scheduleBackups(app, app.database, config.backup, { databaseFile: config.database.file, storageDir: config.storageDir });
  } else if (config.backup.dir) {
    app.log.warn('BACKUP_DIR is set but the database is PostgreSQL: back it up with scripts/pg-backup.sh (docs/backups.md)');
  }

  // A worker of WORKERS>1 may be told to stop twice (a Ctrl-C reaches the whole process group, and the
  // primary passes every stop on): close-with-grace would take the second signal as "exit now" and cut
  // the requests being finished, so in a worker the signals only start the one graceful close.
  const worker = cluster.isWorker;
  const closer = closeWithGrace({ delay: killAfterMs, ...(worker ? { skip: ['SIGINT', 'SIGTERM'] } : {}) }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error');
    else app.log.info({ signal }, 'shutting down: finishing requests');
    await app.close();
    app.log.info('server closed, database closed');
  });
  if (worker) {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, 'worker stopping');
      closer.close();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }

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
