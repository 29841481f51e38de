import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '@roaauto/shared';
import type { Database } from './db';
import { pendingMigrations } from './migrate';
import { serverVersion } from '../version';

const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

const readySchema = z.object({
  status: z.literal('ready'),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

/**
 * Liveness (`/api/health`: the process answers and reaches its database; a container is restarted when
 * it fails) and readiness (`/api/ready`: the database answers a query and has every migration this
 * server knows; a proxy or load balancer sends traffic only while it passes). During a stop every new
 * request, these included, answers 503 (app.ts), so a balancer stops sending before the process exits.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['core'],
        summary: 'Liveness and database reachability',
        response: { 200: healthSchema },
      },
    },
    async () => {
      try {
        await database.ping();
      } catch (err) {
        app.log.error({ err }, 'health check: database unreachable');
        throw new DomainError('service_unavailable', 'Database unreachable');
      }
      return { status: 'ok' as const, db: database.engine, version: serverVersion };
    },
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['core'],
        summary: 'Readiness: the database answers and its migrations are current (503 with the reason otherwise)',
        response: { 200: readySchema },
      },
    },
    async (request) => {
      let pending: string[];
      try {
        await database.ping();
        pending = await pendingMigrations(database);
      } catch (err) {
        request.log.error({ err }, 'readiness: database unreachable');
        throw new DomainError('service_unavailable', 'Database unreachable', { reason: 'database_unreachable' });
      }
      if (pending.length) {
        throw new DomainError('service_unavailable', `The database lacks ${pending.length} migration(s): run npm run migrate`, {
          reason: 'migrations_pending',
          pending,
        });
      }
      return { status: 'ready' as const, db: database.engine, version: serverVersion };
    },
  );
};
