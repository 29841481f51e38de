import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readOutbox } from './outbox';

/**
 * Development only: the local outbox's messages, newest first. Registered only when MAIL_OUTBOX_ROUTE=1
 * (never by default): whoever reads it can use every reset link in it.
 */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/dev/outbox', {
    schema: {
      tags: ['dev'],
      summary: 'Messages of the local mail outbox (development only)',
      querystring: z.object({ to: z.string().max(254).optional(), limit: z.coerce.number().int().min(1).max(100).optional() }),
      response: {
        200: z.object({
          messages: z.array(z.object({
            id: z.string(), to: z.string(), subject: z.string(), text: z.string(), html: z.string().nullable(), createdAt: z.string(),
            // Attachments by name, type and size (their content stays in the outbox).
            attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
          })),
        }),
      },
    },
  }, async (request) => ({
    messages: (await readOutbox(app.database.db, request.query.to, request.query.limit))
      .map((m) => ({ ...m, attachments: m.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })) })),
  }));
};
