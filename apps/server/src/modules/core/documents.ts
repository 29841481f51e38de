import { z } from 'zod';
import { currentProfile, DomainError, newId, type CompanyProfile, type DocumentAction } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { Mailer } from '../../core/mail';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';

/** The company's profile (the oldest live row, as on every device), or null while it has none. */
export async function companyProfile(tx: TenantTx): Promise<CompanyProfile | null> {
  return currentProfile(await tx.db.selectFrom('company_profile').selectAll().where('deleted_at', 'is', null).execute());
}

/** One line of the documents' audit trail, written by the server (client_id null): a row for `serverWrite`. */
export function documentEvent(auth: UserAuth, document: 'factura' | 'deviz', documentId: string, actiune: DocumentAction, descriere: string) {
  return { table: 'document_events', isNew: true, row: { id: newId(), document, document_id: documentId, actiune, descriere, user_id: auth.userId, client_id: null } };
}

/** What a person types to send a document by e-mail: the recipient, the subject and the text. */
export const documentMailBody = z.object({
  to: z.email().max(254),
  subject: z.string().trim().min(1).max(200),
  text: z.string().max(5000),
}).strict();
export type DocumentMail = z.infer<typeof documentMailBody>;

/** The answer of a document's e-mail route. */
export const documentMailSent = z.object({ to: z.string(), sentAt: z.string() });

/**
 * Sends a document's PDF by e-mail through the mail provider (the local outbox by default) and records the
 * sending in the documents' audit trail once the provider took it. A provider that fails answers
 * `service_unavailable` and nothing is recorded.
 */
export async function sendDocumentMail(
  ctx: { sync: SyncService; mailer: Mailer },
  auth: UserAuth,
  input: { document: 'factura' | 'deviz'; documentId: string; title: string; filename: string; pdf: Uint8Array; replyTo: string | null; mail: DocumentMail },
): Promise<{ to: string; sentAt: string }> {
  const { mail } = input;
  try {
    await ctx.mailer.send({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(input.replyTo ? { replyTo: input.replyTo } : {}),
      attachments: [{ filename: input.filename, contentType: 'application/pdf', content: input.pdf }],
    });
  } catch {
    throw new DomainError('service_unavailable', 'The e-mail could not be sent; try again later');
  }
  const sentAt = new Date().toISOString();
  await ctx.sync.serverWrite(auth.tenantId, async () => ({
    rows: [documentEvent(auth, input.document, input.documentId, 'email', `${input.title} → ${mail.to}`.slice(0, 200))],
    result: null,
  }));
  return { to: mail.to, sentAt };
}
