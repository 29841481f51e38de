import { z } from 'zod';
import { documentFileName } from '@roaauto/shared';
import { devizDefinition } from '@roaauto/shared/pdf';
import { renderPdf } from '@roaauto/shared/pdf/node';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import { documentMailBody, documentMailSent, sendDocumentMail } from '../core/documents';
import { devizForPrint, devizToSend } from './deviz';

/** The workshop's own endpoints (its data itself travels by sync): the deviz as PDF, and sent by e-mail. */
export const workshopRoutes: ModuleRoutes = async (app, { guards, sync, database, mailer }) => {
  const idParams = z.object({ id: z.uuid() });

  app.get('/api/orders/:id/pdf/deviz', {
    onRequest: [guards.permission('documents.print'), guards.module('workshop')],
    schema: { tags: ['workshop'], summary: 'The repair order\'s estimate (deviz) as PDF (A4); recorded in the audit trail', params: idParams },
  }, async (request, reply) => {
    const { doc, logo } = await devizForPrint(sync, userOf(request), request.params.id);
    const pdf = await renderPdf(devizDefinition(doc, { logo }));
    return reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="${documentFileName('Deviz', null, doc.numar, 'pdf')}"`)
      .send(Buffer.from(pdf));
  });

  app.post('/api/orders/:id/email', {
    onRequest: [guards.permission('documents.print'), guards.module('workshop')],
    bodyLimit: 16 * 1024,
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['workshop'],
      summary: 'Send the repair order\'s estimate (deviz) by e-mail, its PDF attached; recorded in the audit trail',
      params: idParams,
      body: documentMailBody,
      response: { 200: documentMailSent },
    },
  }, async (request) => {
    const auth = userOf(request);
    const { doc, logo, title, replyTo } = await devizToSend(database, auth, request.params.id);
    const pdf = await renderPdf(devizDefinition(doc, { logo }));
    return sendDocumentMail({ sync, mailer }, auth, {
      document: 'deviz', documentId: request.params.id, title, filename: documentFileName('Deviz', null, doc.numar, 'pdf'), pdf, replyTo, mail: request.body,
    });
  });
};
