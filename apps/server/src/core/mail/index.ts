import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db-schema';
import type { Mailer } from './mailer';
import { outboxMailer } from './outbox';
import { smtpMailer } from './smtp';

export type { Mailer, MailAttachment, MailMessage, MailLocale } from './mailer';
export { outboxMailer, readOutbox, type OutboxEntry } from './outbox';
export { smtpMailer } from './smtp';
export { decodeMail, encodeMail, mailJob, queuedMailer, type QueuedMail } from './queue';
export { invitationMail, passwordResetMail } from './templates';

export type MailConfig = {
  provider: 'outbox' | 'smtp';
  /** SMTP_URL, required with the smtp provider. */
  smtpUrl?: string | undefined;
  from: string;
  /** The address people open the app at; reset links start with it. */
  publicBaseUrl: string;
  /** Serve GET /api/dev/outbox (development and tests only). */
  outboxRoute: boolean;
};

export const defaultMailConfig: MailConfig = {
  provider: 'outbox',
  from: 'ROA AUTO <no-reply@localhost>',
  publicBaseUrl: 'http://localhost:8080',
  outboxRoute: false,
};

export function createMailer(config: MailConfig, db: Kysely<DatabaseSchema>): Mailer {
  if (config.provider === 'smtp') {
    if (!config.smtpUrl) throw new Error('MAIL_PROVIDER=smtp needs SMTP_URL');
    return smtpMailer({ url: config.smtpUrl, from: config.from });
  }
  return outboxMailer(db);
}
