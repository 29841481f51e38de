import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf, type Guards } from '../../core/auth/guards';
import type { Database } from '../../core/db';
import { withTenant } from '../../core/tenancy/tenant-scope';
import { takeOrderNumbers } from './order-numbers';

/** The workshop's own endpoints (its data itself travels by sync). */
export const workshopRoutes: FastifyPluginAsyncZod<{ guards: Guards; database: Database }> = async (app, { guards, database }) => {
  app.post('/api/workshop/order-numbers', {
    onRequest: [guards.permission('orders.write'), guards.module('workshop')],
    bodyLimit: 1024,
    schema: {
      tags: ['workshop'],
      summary: 'Reserve a block of order numbers for this device (it numbers its orders from it, also offline)',
      body: z.object({ count: z.number().int().min(1).max(200) }).strict(),
      response: { 200: z.object({ first: z.number().int(), last: z.number().int() }) },
    },
  }, async (request) => {
    const auth = userOf(request);
    return withTenant(database, auth.tenantId, (tx) => takeOrderNumbers(tx, request.body.count, new Date().toISOString()));
  });
};
