import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DomainError, applyEntitlementsChange, billingStatuses, defaultGraceDays, planIds, storableText, type EntitlementsChange } from '@roaauto/shared';
import { audit } from '../audit';
import { entitlementsFromRow, findTenant, saveEntitlements } from '../tenancy/entitlements.repository';

// The body is parsed here (it is verified as raw text first), so its text is checked here too.
const eventSchema = z.object({
  id: storableText(200).min(1),
  type: storableText(100).min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  tenantId: storableText(64).min(1),
  plan: z.enum(planIds).optional(),
  billingStatus: z.enum(billingStatuses).optional(),
  paidUntil: z.iso.datetime({ offset: true }).optional(),
});

/**
 * How far ahead of our clock an event may be dated. Events are ordered by their date, so one dated in
 * the future would make every real event after it look older, and billing would stop changing.
 */
export const maxClockSkewMs = 5 * 60_000;

function signatureValid(secret: string, body: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', secret).update(body, 'utf8').digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The billing provider's webhook. The body is verified byte for byte (HMAC-SHA256 with
 * ROAAUTO_BILLING_SECRET) before it is parsed; every event id is stored once (inbox), so a replay
 * changes nothing; an event older than the newest one applied for the company is recorded, not applied;
 * an event dated beyond the allowed clock skew is refused.
 */
export const billingRoutes: FastifyPluginAsync<{ secret: string | undefined }> = async (app, { secret }) => {
  const db = app.database.db;
  // Keep the raw body: the signature covers the exact bytes sent.
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, body);
  });

  app.post('/api/billing/webhook', { schema: { tags: ['billing'], summary: 'Signed billing events (X-Signature: sha256=<hex>)' } }, async (request, reply) => {
    if (!secret) throw new DomainError('service_unavailable', 'Billing webhook is not configured (ROAAUTO_BILLING_SECRET)');
    const raw = typeof request.body === 'string' ? request.body : '';
    const header = request.headers['x-signature'];
    if (!signatureValid(secret, raw, Array.isArray(header) ? header[0] : header)) {
      throw new DomainError('unauthorized', 'Missing or bad signature');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new DomainError('invalid_json', 'Body is not valid JSON');
    }
    const result = eventSchema.safeParse(parsed);
    if (!result.success) {
      const message = result.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`).join('; ');
      throw new DomainError('validation_failed', message);
    }
    const event = result.data;
    const occurredAt = new Date(event.occurredAt).toISOString();
    const aheadLimit = Date.now() + maxClockSkewMs;
    if (Date.parse(occurredAt) > aheadLimit) {
      // Not stored either: the provider sees the refusal and can resend once its clock is right.
      throw new DomainError('validation_failed', `body.occurredAt: ${event.occurredAt} is in the future (more than ${maxClockSkewMs / 60_000} minutes ahead of the server's clock); the event was not applied`, { field: 'occurredAt' });
    }

    const status = await db.transaction().execute(async (trx) => {
      const seen = await trx.selectFrom('billing_events').select('id').where('id', '=', event.id).executeTakeFirst();
      if (seen) {
        await trx.updateTable('billing_events').set((eb) => ({ duplicates: eb('duplicates', '+', 1) })).where('id', '=', event.id).execute();
        return 'duplicate' as const;
      }
      const row = await findTenant(trx, event.tenantId);
      if (!row) throw new DomainError('not_found', 'Unknown tenantId');
      // A date already stored ahead of the clock (accepted before the skew check) orders nothing.
      const newestApplied = row.billing_event_at !== null && Date.parse(row.billing_event_at) <= aheadLimit ? row.billing_event_at : null;
      const stale = newestApplied !== null && newestApplied > occurredAt;
      await trx.insertInto('billing_events').values({
        id: event.id, tenant_id: row.id, type: event.type, occurred_at: occurredAt,
        received_at: new Date().toISOString(), applied: stale ? 0 : 1, payload: raw,
      }).execute();
      if (stale) return 'stale' as const;

      const before = entitlementsFromRow(row);
      const change: EntitlementsChange = {};
      if (event.plan) change.plan = event.plan;
      if (event.billingStatus) change.billingStatus = event.billingStatus;
      if (event.paidUntil && (event.billingStatus ?? before.billingStatus) === 'past_due') {
        change.graceEndsAt = new Date(Date.parse(event.paidUntil) + defaultGraceDays * 86_400_000).toISOString();
      }
      const after = applyEntitlementsChange(before, change, new Date());
      if (!(await saveEntitlements(trx, row.id, after, before.version))) {
        throw new DomainError('conflict', 'Entitlements changed meanwhile; retry');
      }
      await trx.updateTable('tenants').set({ billing_event_at: occurredAt }).where('id', '=', row.id).execute();
      await audit(trx, { tenantId: row.id, actorKind: 'billing', action: 'entitlements.changed', target: row.id, details: { event: event.id, type: event.type, before, after } });
      return 'applied' as const;
    }).catch(async (err: unknown) => {
      // The same event delivered twice at the same moment: the inbox's primary key lets one through.
      const again = await db.selectFrom('billing_events').select('id').where('id', '=', event.id).executeTakeFirst();
      if (again) {
        await db.updateTable('billing_events').set((eb) => ({ duplicates: eb('duplicates', '+', 1) })).where('id', '=', event.id).execute();
        return 'duplicate' as const;
      }
      throw err;
    });
    return reply.status(200).send({ received: true, status });
  });
};
