/** A file sent with a message (a document's PDF). */
export type MailAttachment = { filename: string; contentType: string; content: Uint8Array };

/**
 * One e-mail to one person. `text` is always there; `html` is the same message for clients that show it;
 * `replyTo` is where the person's answer goes (the company's address for its documents).
 */
export type MailMessage = { to: string; subject: string; text: string; html?: string; replyTo?: string; attachments?: readonly MailAttachment[] };

/**
 * How the server sends e-mail. The local outbox is the default (nothing leaves the machine and a
 * developer reads the messages); SMTP is the real adapter. Callers never know which one runs.
 */
export type Mailer = {
  readonly provider: 'outbox' | 'smtp';
  send(message: MailMessage): Promise<void>;
  close?(): Promise<void>;
};

export type MailLocale = 'ro' | 'en';
