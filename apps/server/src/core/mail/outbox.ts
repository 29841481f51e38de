import type { Kysely } from 'kysely';
import { newId } from '@roaauto/shared';
import type { DatabaseSchema } from '../db-schema';
import type { Mailer, MailMessage } from './mailer';

/** Messages kept this long; older ones are dropped when a new one arrives. */
const keepMs = 7 * 86_400_000;

/** The local provider: messages go to the `mail_outbox` table instead of the network. */
export function outboxMailer(db: Kysely<DatabaseSchema>): Mailer {
  return {
    provider: 'outbox',
    async send(message: MailMessage) {
      const now = new Date();
      await db.insertInto('mail_outbox').values({
        id: newId(), recipient: message.to.toLowerCase(), subject: message.subject, text: message.text,
        html: message.html ?? null, created_at: now.toISOString(),
        attachments: message.attachments?.length
          ? JSON.stringify(message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content).toString('base64') })))
          : null,
      }).execute();
      await db.deleteFrom('mail_outbox').where('created_at', '<', new Date(now.getTime() - keepMs).toISOString()).execute();
    },
  };
}

/** An attachment as the outbox keeps it: its content in base64. */
export type OutboxAttachment = { filename: string; contentType: string; size: number; content: string };
export type OutboxEntry = { id: string; to: string; subject: string; text: string; html: string | null; createdAt: string; attachments: OutboxAttachment[] };

function attachmentsOf(stored: string | null): OutboxAttachment[] {
  if (!stored) return [];
  const list = JSON.parse(stored) as { filename: string; contentType: string; content: string }[];
  return list.map((a) => ({ ...a, size: Buffer.from(a.content, 'base64').length }));
}

/** The newest messages first, optionally only those to one address. */
export async function readOutbox(db: Kysely<DatabaseSchema>, to?: string, limit = 20): Promise<OutboxEntry[]> {
  let q = db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (to) q = q.where('recipient', '=', to.trim().toLowerCase());
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, text: r.text, html: r.html, createdAt: r.created_at, attachments: attachmentsOf(r.attachments) }));
}
