import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '@roaauto/shared';
import type { Database } from './db';
import { serverVersion } from '../version';

const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

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
};
