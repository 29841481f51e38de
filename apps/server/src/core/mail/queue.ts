import type { JobRunner } from '../jobs/runner';
import type { Mailer, MailMessage } from './mailer';

/** The background job that hands one queued e-mail to the provider (docs/jobs.md). */
export const mailJob = 'mail.send';

/** A message as the job's payload (JSON): attachments in base64. */
export type QueuedMail = Omit<MailMessage, 'attachments'> & { attachments?: { filename: string; contentType: string; content: string }[] };

export function encodeMail(message: MailMessage): QueuedMail {
  const { attachments, ...rest } = message;
  return attachments?.length
    ? { ...rest, attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content).toString('base64') })) }
    : rest;
}

export function decodeMail(queued: QueuedMail): MailMessage {
  const { attachments, ...rest } = queued;
  return attachments?.length
    ? { ...rest, attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: new Uint8Array(Buffer.from(a.content, 'base64')) })) }
    : rest;
}

/**
 * A mailer whose `send` queues the message as a `mail.send` job and returns once it is queued: the caller
 * does not wait for the mail server. The job hands it to `provider`; a failure is retried with backoff
 * (5 attempts) and then listed dead in the operator console. Defines the job on `jobs` (once per app).
 * A sent message's payload is cleared with the job's completion (a dead one keeps it, for the operator's retry).
 * A provider is called at least once per message: a process killed after the provider took it and
 * before the job's completion sends it again when the lease runs out.
 */
export function queuedMailer(jobs: JobRunner, provider: Mailer, maxAttempts = 5): Mailer {
  jobs.define<QueuedMail>({
    name: mailJob,
    maxAttempts,
    run: async (ctx) => {
      await provider.send(decodeMail(ctx.job.payload));
      // The message (a reset or invitation link, an address) is not kept once sent: the payload goes with the completion.
      await ctx.finish(async (tx) => {
        await tx.updateTable('jobs').set({ payload: 'null' }).where('id', '=', ctx.job.id).execute();
      });
    },
  });
  return {
    provider: provider.provider,
    async send(message) {
      await jobs.enqueue(mailJob, encodeMail(message));
    },
  };
}
