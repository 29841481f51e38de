import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DomainError, billingStatuses, defaultGraceDays, planIds, storableText, type EntitlementsChange } from '@roaauto/shared';
import { applyBillingEvent, assertNotFuture } from './billing.service';
import type { StripeProvider } from './stripe';

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

export { maxClockSkewMs } from './billing.service';

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
export const billingRoutes: FastifyPluginAsync<{ secret: string | undefined; stripe?: StripeProvider | null }> = async (app, { secret, stripe = null }) => {
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
    assertNotFuture(event.occurredAt);
    const status = await applyBillingEvent(db, {
      id: event.id, type: event.type, occurredAt: event.occurredAt, tenantId: event.tenantId, payload: raw, actor: { kind: 'billing' },
      change: (before) => {
        const change: EntitlementsChange = {};
        if (event.plan) change.plan = event.plan;
        if (event.billingStatus) change.billingStatus = event.billingStatus;
        if (event.paidUntil && (event.billingStatus ?? before.billingStatus) === 'past_due') {
          change.graceEndsAt = new Date(Date.parse(event.paidUntil) + defaultGraceDays * 86_400_000).toISOString();
        }
        return change;
      },
    });
    return reply.status(200).send({ received: true, status });
  });

  /**
   * Stripe's webhook: the signature (Stripe-Signature) is checked by Stripe's own library over the exact
   * bytes; the event becomes the same entitlement change the neutral webhook makes, once per event id.
   * Kinds that change nothing here are acknowledged and not stored.
   */
  app.post('/api/billing/stripe/webhook', { schema: { tags: ['billing'], summary: 'Stripe events (Stripe-Signature)' } }, async (request, reply) => {
    if (!stripe) throw new DomainError('service_unavailable', 'Stripe is not configured (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)');
    const raw = typeof request.body === 'string' ? request.body : '';
    const header = request.headers['stripe-signature'];
    const event = stripe.verify(raw, Array.isArray(header) ? header[0] : header);
    const billing = stripe.toBillingEvent(event, raw);
    if (!billing) return reply.status(200).send({ received: true, status: 'ignored' });
    assertNotFuture(billing.occurredAt);
    const status = await applyBillingEvent(db, billing);
    return reply.status(200).send({ received: true, status });
  });
};
