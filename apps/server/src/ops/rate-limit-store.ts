import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../core/db-schema';

/** Expired rows are deleted by a process at most this often (ms). */
const sweepEveryMs = 60_000;

type RouteParams = { routeInfo?: { method?: string | string[]; url?: string } };

/**
 * @fastify/rate-limit's counts in the `rate_limits` table, so that every server process (and host) on one
 * PostgreSQL database counts against the same limit. As the plugin's memory store does, a window begins
 * at a client's first request: one statement inserts the (route, client) row or adds one to it, starting
 * a new window when the last one has ended, and returns the count: atomic under concurrent requests from
 * any number of processes.
 */
export function databaseRateLimitStore(db: Kysely<DatabaseSchema>, onError: (err: unknown) => void): FastifyRateLimitStoreCtor {
  let lastSweep = 0;
  const sweep = (now: number) => {
    if (now - lastSweep < sweepEveryMs) return;
    lastSweep = now;
    db.deleteFrom('rate_limits').where('expires_at', '<', now).execute().catch(onError);
  };

  class DatabaseStore implements FastifyRateLimitStore {
    private readonly route: string;

    constructor(options: FastifyRateLimitOptions & RouteParams) {
      const info = options.routeInfo;
      this.route = info?.url === undefined ? '' : `${String(info.method)} ${info.url}`;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      db.insertInto('rate_limits')
        .values({ key: `${this.route}|${key}`, expires_at: now + timeWindow, hits: 1 })
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => {
          const alive = eb('rate_limits.expires_at', '>', eb.val(now));
          return {
            hits: eb.case().when(alive).then(eb('rate_limits.hits', '+', eb.lit(1))).else(eb.lit(1)).end(),
            expires_at: eb.case().when(alive).then(eb.ref('rate_limits.expires_at')).else(eb.ref('excluded.expires_at')).end(),
          };
        }))
        .returning(['hits', 'expires_at'])
        .executeTakeFirstOrThrow()
        .then((row) => {
          callback(null, { current: row.hits, ttl: Math.max(0, row.expires_at - now) });
          sweep(now);
        }, (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      return new DatabaseStore(routeOptions);
    }
  }
  return DatabaseStore;
}
