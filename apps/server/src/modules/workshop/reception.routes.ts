import { z } from 'zod';
import { receptionDefinition } from '@roaauto/shared/pdf';
import { renderPdf } from '@roaauto/shared/pdf/node';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import { receptionForPrint } from './reception';

/** The vehicle reception sheet as PDF (its data itself travels by sync). */
export const receptionRoutes: ModuleRoutes = async (app, { guards, sync }) => {
  app.get('/api/orders/:id/pdf/receptie', {
    onRequest: [guards.permission('documents.print'), guards.module('workshop')],
    schema: { tags: ['workshop'], summary: 'The order\'s vehicle reception sheet (proces-verbal de predare-primire) as PDF (A4)', params: z.object({ id: z.uuid() }) },
  }, async (request, reply) => {
    const { doc, logo } = await receptionForPrint(sync, userOf(request), request.params.id);
    const pdf = await renderPdf(receptionDefinition(doc, { logo }));
    const name = doc.comanda.numar === null ? 'Receptie.pdf' : `Receptie-${doc.comanda.numar}.pdf`;
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(Buffer.from(pdf));
  });
};
