import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError, newId, normalizePhone, smsOptOutsTable } from '@roaauto/shared';
import type { ModuleRoutes } from '../../module-kit';
import { SmsDispatcher, smsDispatchJob } from './dispatcher';
import { sweepDueReminders, withinHours } from './reminders';
import { outboxProvider } from './providers/outbox';
import type { SmsProvider } from './providers/provider';
import { smsapiProvider } from './providers/smsapi';

/** The same answer time whatever the secret given: compared as digests of equal length. */
export function secretMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * SMSAPI's delivery codes (its callback's `status`): the final ones the messages show. Others (sent to
 * the network, queued, accepted…) leave the message as sent.
 */
const deliveryStatus: Readonly<Record<string, 'delivered' | 'failed'>> = {
  404: 'delivered', // DELIVERED
  402: 'failed', // EXPIRED
  405: 'failed', // UNDELIVERED
  406: 'failed', // FAILED
  407: 'failed', // REJECTED
};

/** Comma-separated values of one callback field: SMSAPI may report several messages in one call. */
const list = z.string().optional().transform((v) => (v ? v.split(',').map((s) => s.trim()) : []));
const deliveryReport = z.object({ MsgId: list, status: list, idx: list, donedate: list }).loose();
const inboundMessage = z.object({ sms_from: z.string().max(40).optional(), sms_text: z.string().max(2000).optional() }).loose();
const secretQuery = z.object({ secret: z.string().max(200).optional() }).loose();

/** Answers STOP (and the usual Romanian ways to say it) asks for no more SMS. */
export function isStop(text: string): boolean {
  return /^\s*(stop|dezabonare|dezabonez|nu mai trimiteti)\b/i.test(text);
}

export function createSmsProvider(config: { provider: 'outbox' | 'smsapi'; smsapiUrl: string; smsapiToken?: string | undefined }): SmsProvider {
  if (config.provider === 'smsapi') {
    if (!config.smsapiToken) throw new Error('SMS_PROVIDER=smsapi needs SMSAPI_TOKEN');
    return smsapiProvider({ url: config.smsapiUrl, token: config.smsapiToken });
  }
  return outboxProvider();
}

/**
 * The SMS module's endpoints: its settings for the composer, and the provider's callbacks (public,
 * authenticated by SMS_CALLBACK_SECRET): delivery reports and inbound answers (STOP). The messages
 * themselves travel by sync; the dispatcher of this process sends them.
 */
export const smsRoutes: ModuleRoutes = async (app, { guards, database, sync, config, jobs }) => {
  const sms = config.sms;
  const dispatcher = new SmsDispatcher(database, sync, createSmsProvider(sms), sms, app.log);
  app.addHook('onReady', async () => dispatcher.start());
  app.addHook('onClose', async () => dispatcher.stop());
  // The sweeper (claims nobody sent: a process that died, a provider that could not take them): a job every
  // `sweepMs` (1 minute), run by one process per slot. A push that claims messages wakes this process's
  // dispatcher at once besides (kickDispatchers). None when `sweepMs` is 0 (tests wake it themselves).
  const sweepEvery = sms.sweepMs ?? 60_000;
  if (sweepEvery > 0) {
    jobs.schedule({
      name: smsDispatchJob,
      everyMinutes: sweepEvery / 60_000,
      run: async () => {
        const sent = await dispatcher.pass();
        if (sent) app.log.info({ sent }, 'sms: messages left unsent were sent by the sweep');
      },
    });
  }
  // The automatic due-date reminders: a background job every `remindersMs` (none when unset: tests sweep themselves).
  if ((sms.remindersMs ?? 0) > 0) {
    jobs.schedule({
      name: 'sms.reminders',
      everyMinutes: (sms.remindersMs ?? 0) / 60_000,
      run: async () => {
        const now = new Date();
        if (!withinHours(now, sms.reminderHours)) return;
        const r = await sweepDueReminders(database, sync, now);
        if (r.sent || r.refused) app.log.info(r, 'sms: automatic due-date reminders written');
      },
    });
  }

  app.get('/api/sms/config', {
    onRequest: [guards.permission('messages.send'), guards.module('sms')],
    schema: { tags: ['sms'], summary: 'What the composer needs: the price of a segment (bani) and the provider' },
  }, () => ({ provider: sms.provider, segmentPriceBani: sms.segmentPriceBani }));

  const authenticate = (secret: string | undefined): void => {
    if (!secretMatches(secret, sms.callbackSecret)) throw new DomainError('unauthorized', 'Wrong or missing callback secret');
  };

  const delivery = async (query: z.infer<typeof deliveryReport>): Promise<void> => {
    for (const [i, msgId] of query.MsgId.entries()) {
      const final = deliveryStatus[query.status[i] ?? ''];
      if (!final) continue;
      const idx = query.idx[i] ?? '';
      // The platform's claim table says which company the message is of (by our idx, else the provider's id).
      const claim = await database.db.selectFrom('sms_sends').select(['message_id', 'tenant_id'])
        .where((eb) => eb.or([...(z.uuid().safeParse(idx).success ? [eb('message_id', '=', idx)] : []), eb('provider_id', '=', msgId)]))
        .executeTakeFirst();
      if (!claim) continue;
      const done = Number(query.donedate[i]);
      const at = Number.isFinite(done) && done > 0 ? new Date(done * 1000).toISOString() : new Date().toISOString();
      await sync.serverWrite(claim.tenant_id, async ({ load }) => {
        const [row] = await load('sms_messages', [claim.message_id]);
        if (!row || row.deleted_at || row.status === final) return { rows: [], result: undefined };
        const changed = final === 'delivered' ? { status: final, livrat_la: at } : { status: final, eroare: `SMSAPI ${query.status[i] ?? ''}` };
        return { rows: [{ table: 'sms_messages', row: { ...row, ...changed }, isNew: false }], result: undefined };
      });
    }
  };

  const inbound = async (body: z.infer<typeof inboundMessage>): Promise<void> => {
    const phone = normalizePhone(body.sms_from ?? '');
    if (!phone || !isStop(body.sms_text ?? '')) return;
    // Every company that wrote to this number through the deployment's account stops writing to it.
    const tenants = await database.db.selectFrom('sms_sends').select('tenant_id').distinct().where('telefon', '=', phone).execute();
    for (const { tenant_id } of tenants) {
      await sync.serverWrite(tenant_id, async ({ tx }) => {
        const known = await tx.db.selectFrom('sms_optouts').select('id').where('telefon', '=', phone).where('deleted_at', 'is', null).executeTakeFirst();
        if (known) return { rows: [], result: undefined };
        const client = await tx.db.selectFrom('sms_messages').select('client_id').where('client_id', 'is not', null)
          .where('telefon', 'in', [phone, `+${phone}`, phone.startsWith('40') ? `0${phone.slice(2)}` : phone]).orderBy('created_at', 'desc').executeTakeFirst();
        return {
          rows: [{ table: smsOptOutsTable.name, row: { id: newId(), telefon: phone, client_id: client?.client_id ?? null, sursa: 'stop' }, isNew: true }],
          result: undefined,
        };
      });
    }
  };

  // The provider may post its callbacks as a form (this plugin's routes only).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method, url: '/api/sms/callbacks/delivery',
      schema: { tags: ['sms'], summary: 'SMSAPI delivery reports (MsgId, status, idx, donedate; comma-separated for several)', querystring: secretQuery },
      handler: async (request, reply) => {
        authenticate(request.query.secret);
        await delivery(deliveryReport.parse({ ...(request.body && typeof request.body === 'object' ? request.body : {}), ...request.query }));
        return reply.type('text/plain').send('OK');
      },
    });
    app.route({
      method, url: '/api/sms/callbacks/inbound',
      schema: { tags: ['sms'], summary: 'SMSAPI inbound messages: an answer STOP marks the number as wanting no SMS', querystring: secretQuery },
      handler: async (request, reply) => {
        authenticate(request.query.secret);
        await inbound(inboundMessage.parse({ ...(request.body && typeof request.body === 'object' ? request.body : {}), ...request.query }));
        return reply.type('text/plain').send('OK');
      },
    });
  }
};
