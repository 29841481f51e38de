import cluster, { type Worker } from 'node:cluster';
import type { ServerConfig } from '../config';
import { openDatabase } from '../core/db';
import { migrateToLatest } from '../core/migrate';

/** Why `workers` processes cannot serve `config`'s database, or null when they can. */
export function clusterProblem(config: Pick<ServerConfig, 'workers' | 'database'>): string | null {
  if (config.workers <= 1 || config.database.engine === 'postgres') return null;
  return `WORKERS=${config.workers} needs PostgreSQL (DATABASE_URL): on SQLite the sync pokes reach only the `
    + 'devices connected to the same process, and one process already uses the single writer SQLite allows. '
    + 'Run one process (WORKERS=1) on SQLite, or move to PostgreSQL (docs/deploy.md)';
}

/** A worker that dies this soon after it started is not restarted (it would only die again). */
const minUptimeMs = 5_000;

type Log = (line: string) => void;

/**
 * The primary process of `npm start` with WORKERS>1: applies the migrations once (the workers then find
 * none pending), forks the workers, which share the listening port (Node's cluster hands connections out
 * in turn), restarts a worker that dies, and on SIGTERM/SIGINT passes the stop on to every worker and
 * exits once they have all finished their requests and closed.
 */
export async function runPrimary(config: ServerConfig, log: Log = (line) => console.log(line)): Promise<void> {
  if (config.migrateOnStart) {
    const database = openDatabase(config.database);
    try {
      const applied = await migrateToLatest(database);
      log(applied.length ? `primary: applied ${applied.length} migration(s)` : 'primary: the database is up to date');
    } finally {
      await database.close();
    }
  }

  let stopping = false;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(), Date.now());
  cluster.on('exit', (worker, code, signal) => {
    const since = started.get(worker) ?? 0;
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) {
        log('primary: every worker has stopped');
        process.exit(process.exitCode ?? 0);
      }
      return;
    }
    log(`primary: worker ${worker.process.pid} exited (code ${code}, signal ${signal})`);
    if (Date.now() - since < minUptimeMs) {
      log('primary: the worker failed right after it started; stopping (see the lines above)');
      stopping = true;
      for (const w of started.keys()) w.process.kill('SIGTERM');
      if (started.size === 0) process.exit(1);
      process.exitCode = 1;
      return;
    }
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`primary: ${signal}, stopping ${started.size} worker(s)`);
    for (const w of started.keys()) w.process.kill('SIGTERM');
    if (started.size === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < config.workers; i++) fork();
  log(`primary ${process.pid}: started ${config.workers} workers`);
}
