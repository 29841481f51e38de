import { z } from 'zod';
import { accountantPackageMaxBytes, DomainError } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';
import { companyProfile } from '../core/documents';

const maxPackageBytes = accountantPackageMaxBytes;

/** What the page sends: the accountant's address, the message, the month and the package (base64). */
export const accountantMailBody = z.object({
  to: z.email().max(254),
  subject: z.string().trim().min(1).max(200),
  text: z.string().max(5000),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  zip: z.base64().max(Math.ceil(maxPackageBytes / 3) * 4),
}).strict();

/** A ZIP's first four bytes (a local file header, or the end record of an empty archive). */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

/**
 * The reports module's endpoints (docs/reports-accountant.md): the month's package for the accountant, made on
 * the device, sent by e-mail through the mail provider with the company's address to answer to.
 */
export const reportsRoutes: ModuleRoutes = async (app, { guards, database, mailer }) => {
  app.post('/api/reports/accountant/email', {
    onRequest: [guards.permission('reports.read'), guards.module('reports')],
    bodyLimit: Math.ceil(maxPackageBytes / 3) * 4 + 16 * 1024,
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['reports'],
      summary: 'Send the month\'s package for the accountant (SAGA files, e-Factura XML, PDFs; a ZIP made on the device) by e-mail',
      body: accountantMailBody,
      response: { 200: z.object({ to: z.string(), sentAt: z.string(), bytes: z.number() }) },
    },
  }, async (request) => {
    const auth = userOf(request);
    const { to, subject, text, month, zip } = request.body;
    const content = new Uint8Array(Buffer.from(zip, 'base64'));
    if (!isZip(content)) throw new DomainError('validation_failed', 'The package is not a ZIP file');
    const profile = await withTenant(database, auth.tenantId, (tx) => companyProfile(tx));
    const filename = `contabilitate-${month}.zip`;
    try {
      await mailer.send({
        to, subject, text,
        ...(profile?.email ? { replyTo: profile.email } : {}),
        attachments: [{ filename, contentType: 'application/zip', content }],
      });
    } catch {
      throw new DomainError('service_unavailable', 'The e-mail could not be sent; try again later');
    }
    return { to, sentAt: new Date().toISOString(), bytes: content.length };
  });
};
