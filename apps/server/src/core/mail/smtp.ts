import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mailer';

export type SmtpOptions = {
  /** smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS from the start). */
  url: string;
  /** The sender, e.g. `ROA AUTO <no-reply@example.ro>`. */
  from: string;
  /** Extra transport options (tests: accept the fake server's self-signed certificate). */
  tls?: { rejectUnauthorized?: boolean };
};

/** The real provider: SMTP through nodemailer, one pooled transport for the server's life. */
export function smtpMailer(options: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport(options.url, {
    from: options.from,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  return {
    provider: 'smtp',
    async send(message: MailMessage) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.attachments?.length
          ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })) }
          : {}),
      });
    },
    async close() {
      transport.close();
    },
  };
}
