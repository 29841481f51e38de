import { z } from 'zod';
import { documentFileName } from '@roaauto/shared';
import { devizDefinition } from '@roaauto/shared/pdf';
import { renderPdf } from '@roaauto/shared/pdf/node';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import { devizForPrint } from './deviz';

/** The workshop's own endpoint (its data itself travels by sync): the deviz as PDF. */
export const workshopRoutes: ModuleRoutes = async (app, { guards, sync }) => {
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
