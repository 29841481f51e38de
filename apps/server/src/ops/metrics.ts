import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
// The route's OpenAPI fields (`tags`, `summary`) are the swagger plugin's additions to Fastify's schema type.
import type {} from '@fastify/swagger';
import { DomainError } from '@roaauto/shared';

/**
 * The process's Prometheus metrics: one registry for the whole process (every app built in it records
 * into the same metrics; tests read differences). Other parts of the server (the job system) add their
 * own metrics to `metricsRegistry` with prom-client's `registers: [metricsRegistry]` option.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Latencies in seconds, from a quick health check to a large bootstrap page. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequests = new Counter({
  name: 'roaauto_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'roaauto_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status (event streams excluded)',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: latencyBuckets,
  registers: [metricsRegistry],
});

export const syncPushes = new Counter({
  name: 'roaauto_sync_pushes_total',
  help: 'Sync pushes answered, by outcome (ok or error)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const syncPushMutations = new Counter({
  name: 'roaauto_sync_push_mutations_total',
  help: 'Mutations (rows) received in sync pushes that were answered',
  registers: [metricsRegistry],
});

export const syncPushDuration = new Histogram({
  name: 'roaauto_sync_push_duration_seconds',
  help: 'Time to apply and answer a sync push',
  buckets: latencyBuckets,
  registers: [metricsRegistry],
});

export const syncPulls = new Counter({
  name: 'roaauto_sync_pulls_total',
  help: 'Sync pulls answered, by outcome (ok or error)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const syncPullBytes = new Counter({
  name: 'roaauto_sync_pull_bytes_total',
  help: 'Bytes of sync pull pages sent (after compression)',
  registers: [metricsRegistry],
});

export const syncPullDuration = new Histogram({
  name: 'roaauto_sync_pull_duration_seconds',
  help: 'Time to build and answer a sync pull page',
  buckets: latencyBuckets,
  registers: [metricsRegistry],
});

export const sseClients = new Gauge({
  name: 'roaauto_sse_clients',
  help: 'Event streams (sync pokes) open in this process',
  registers: [metricsRegistry],
});

export type PoolStats = { total: number; idle: number; waiting: number };
const pools = new Set<() => PoolStats>();

/** PostgreSQL pool connections of this process: total, idle, and clients waiting for one. */
export const dbPoolConnections = new Gauge({
  name: 'roaauto_db_pool_connections',
  help: 'PostgreSQL pool: connections open (total), idle, and queries waiting for a connection (waiting)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    if (!pools.size) return;
    const sum: PoolStats = { total: 0, idle: 0, waiting: 0 };
    for (const stats of pools) {
      const s = stats();
      sum.total += s.total;
      sum.idle += s.idle;
      sum.waiting += s.waiting;
    }
    for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, sum[state]);
  },
});

/** Counts `stats` in the pool gauge until the returned function is called. */
export function watchPool(stats: () => PoolStats): () => void {
  pools.add(stats);
  return () => pools.delete(stats);
}

/** Background jobs' runs in this process, by job name and how the run ended. */
export const jobRuns = new Counter({
  name: 'roaauto_job_runs_total',
  help: 'Background job runs in this process, by job and outcome (done, retry: failed and queued again, dead: failed its last attempt, lease_lost)',
  labelNames: ['job', 'outcome'] as const,
  registers: [metricsRegistry],
});

const jobCounts = new Set<() => Promise<Record<string, number>>>();

/** The jobs table by state (shared by every process on the database): queue depth and dead letters. */
export const jobsByState = new Gauge({
  name: 'roaauto_jobs',
  help: 'Background jobs in the database by state (queued, running, done, dead, discarded)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const counts of jobCounts) {
      for (const [state, n] of Object.entries(await counts())) this.set({ state }, n);
    }
  },
});

/** Counts the jobs by state (read at each scrape) until the returned function is called. */
export function watchJobs(counts: () => Promise<Record<string, number>>): () => void {
  jobCounts.add(counts);
  return () => jobCounts.delete(counts);
}

/** Records a sync push or pull: `run` is the handler's work; the outcome and time are counted either way. */
export async function timedSync<T>(kind: 'push' | 'pull', run: () => Promise<T>, size: (result: T) => number): Promise<T> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await run();
    if (kind === 'push') {
      syncPushes.inc({ outcome: 'ok' });
      syncPushMutations.inc(size(result));
      syncPushDuration.observe(seconds());
    } else {
      syncPulls.inc({ outcome: 'ok' });
      syncPullBytes.inc(size(result));
      syncPullDuration.observe(seconds());
    }
    return result;
  } catch (err) {
    (kind === 'push' ? syncPushes : syncPulls).inc({ outcome: 'error' });
    throw err;
  }
}

/** The route pattern a request matched (never its raw address: ids would make endless series). */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(unmatched)';
}

const loopback = (address: string | undefined) => {
  if (!address || !isIP(address)) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: with METRICS_TOKEN, a request carrying `Authorization: Bearer <token>`;
 * without it, only a direct connection from this machine (the socket's own address, and no
 * forwarding header: a reverse proxy on the same machine relays the public's requests from loopback).
 */
export function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') && sameSecret(header.slice(7), token);
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined
    || request.headers['x-real-ip'] !== undefined;
  return !forwarded && loopback(request.socket.remoteAddress);
}

/** Counts every answer by route pattern and status (registered first, so that it sees every route). */
export async function registerMetrics(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const labels = { method: request.method, route: routeOf(request), status: String(reply.statusCode) };
    httpRequests.inc(labels);
    // An event stream stays open for hours: its duration says nothing about latency.
    if (!String(reply.getHeader('content-type') ?? reply.raw.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
      httpDuration.observe(labels, reply.elapsedTime / 1000);
    }
  });
}

/** GET /metrics, to whom `metricsAllowed` lets in (registered after the OpenAPI document, which lists it). */
export async function metricsRoute(app: FastifyInstance, options: { token?: string | undefined }): Promise<void> {
  app.get('/metrics', {
    schema: {
      tags: ['core'],
      summary: 'Prometheus metrics of this process (METRICS_TOKEN as a bearer token, or only from this machine)',
    },
  }, async (request, reply) => {
    if (!metricsAllowed(request, options.token)) {
      throw options.token
        ? new DomainError('unauthorized', 'The metrics need the METRICS_TOKEN as a bearer token')
        : new DomainError('forbidden', 'The metrics are served only to this machine (set METRICS_TOKEN to read them from elsewhere)');
    }
    return reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
}
