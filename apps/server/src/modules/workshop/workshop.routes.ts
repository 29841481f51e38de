import { z } from 'zod';
import { documentFileName } from '@roaauto/shared';
import { devizDefinition } from '@roaauto/shared/pdf';
import { renderPdf } from '@roaauto/shared/pdf/node';
import { userOf } from '../../core/auth/guards';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';
import { devizForPrint } from './deviz';
import { takeOrderNumbers } from './order-numbers';

/** The workshop's own endpoints (its data itself travels by sync): order numbers, the deviz as PDF. */
export const workshopRoutes: ModuleRoutes = async (app, { guards, database, sync }) => {
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

  app.get('/api/orders/:id/pdf/deviz', {
    onRequest: [guards.permission('documents.print'), guards.module('workshop')],
    schema: { tags: ['workshop'], summary: 'The repair order\'s estimate (deviz) as PDF (A4); recorded in the audit trail', params: z.object({ id: z.uuid() }) },
  }, async (request, reply) => {
    const { doc, logo } = await devizForPrint(sync, userOf(request), request.params.id);
    const pdf = await renderPdf(devizDefinition(doc, { logo }));
    return reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="${documentFileName('Deviz', null, doc.numar, 'pdf')}"`)
      .send(Buffer.from(pdf));
  });
};
