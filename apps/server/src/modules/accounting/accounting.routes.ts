import { z } from 'zod';
import { invoiceFileName, invoiceTitle, seriesDocuments } from '@roaauto/shared';
import { efacturaXml } from '@roaauto/shared/efactura';
import { invoiceDefinition } from '@roaauto/shared/pdf';
import { renderPdf } from '@roaauto/shared/pdf/node';
import { userOf } from '../../core/auth/guards';
import { assertDocumentsLeft } from '../../core/billing/usage';
import type { ModuleRoutes } from '../../module-kit';
import { documentMailBody, documentMailSent, sendDocumentMail } from '../core/documents';
import { invoiceForPrint, invoiceToSend } from './documents';
import { claimSeries, createSeries } from './series';

const seriesSchema = z.object({
  id: z.string(), serie: z.string(), numar_start: z.number(), ultimul_numar: z.number(), client_id: z.string(),
  descriere: z.string().nullable(), activa: z.number(), tip_document: z.enum(seriesDocuments).nullable(), created_at: z.string(), updated_at: z.string(),
});

/** The accounting module's endpoints: invoice series for devices, documents as PDF and e-Factura XML, sent by e-mail. */
export const accountingRoutes: ModuleRoutes = async (app, { guards, sync, database, mailer }) => {
  app.post('/api/accounting/series', {
    onRequest: [guards.permission('invoices.issue'), guards.module('accounting')],
    bodyLimit: 8 * 1024,
    schema: {
      tags: ['accounting'],
      summary: 'Create an invoice series held by this device (it numbers its invoices in it, also offline)',
      body: z.object({
        clientId: z.uuid(),
        serie: z.string().min(1).max(20),
        numarStart: z.number().int().min(1).max(999_999_999).default(1),
        descriere: z.string().max(100).nullable().default(null),
        /** What it numbers: invoices (the default) or receipts (chitanțe). */
        tipDocument: z.enum(seriesDocuments).default('factura'),
      }).strict(),
      response: { 201: seriesSchema },
    },
  }, async (request, reply) => {
    const auth = userOf(request);
    // A new series starts numbering: past this month's document limit it is refused (402 limit_reached).
    if (request.entitlements) await assertDocumentsLeft(database, auth.tenantId, request.entitlements);
    const series = await createSeries(sync, auth, request.body);
    return reply.code(201).send(series);
  });

  app.post('/api/accounting/series/:id/claim', {
    onRequest: [guards.permission('company.update'), guards.module('accounting')],
    bodyLimit: 1024,
    schema: {
      tags: ['accounting'],
      summary: 'Move an invoice series to this device (the device that held it is lost or replaced)',
      params: z.object({ id: z.uuid() }),
      body: z.object({ clientId: z.uuid() }).strict(),
      response: { 200: seriesSchema },
    },
  }, async (request) => claimSeries(sync, userOf(request), { id: request.params.id, clientId: request.body.clientId }));

  const idParams = z.object({ id: z.uuid() });
  const attachment = (name: string) => `attachment; filename="${name}"`;

  app.get('/api/invoices/:id/pdf', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'The invoice or credit note as PDF (A4), as it was issued; recorded in the audit trail', params: idParams },
  }, async (request, reply) => {
    const { doc, logo } = await invoiceForPrint(sync, userOf(request), request.params.id, 'tiparire');
    const pdf = await renderPdf(invoiceDefinition(doc, { logo }));
    return reply.type('application/pdf')
      .header('content-disposition', attachment(invoiceFileName(doc, 'pdf')))
      .send(Buffer.from(pdf));
  });

  app.get('/api/invoices/:id/efactura.xml', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    schema: { tags: ['accounting'], summary: 'The invoice or credit note as e-Factura XML (UBL 2.1, CIUS-RO); recorded in the audit trail', params: idParams },
  }, async (request, reply) => {
    const { doc } = await invoiceForPrint(sync, userOf(request), request.params.id, 'efactura');
    return reply.type('application/xml; charset=utf-8')
      .header('content-disposition', attachment(invoiceFileName(doc, 'xml')))
      .send(efacturaXml(doc));
  });

  app.post('/api/invoices/:id/email', {
    onRequest: [guards.permission('documents.print'), guards.module('accounting')],
    bodyLimit: 16 * 1024,
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['accounting'],
      summary: 'Send the invoice or credit note by e-mail, its PDF attached (as it was issued); recorded in the audit trail',
      params: idParams,
      body: documentMailBody,
      response: { 200: documentMailSent },
    },
  }, async (request) => {
    const auth = userOf(request);
    const { doc, logo, replyTo } = await invoiceToSend(database, auth, request.params.id);
    const pdf = await renderPdf(invoiceDefinition(doc, { logo }));
    return sendDocumentMail({ sync, mailer }, auth, {
      document: 'factura', documentId: request.params.id, title: invoiceTitle(doc), filename: invoiceFileName(doc, 'pdf'), pdf, replyTo, mail: request.body,
    });
  });
};
