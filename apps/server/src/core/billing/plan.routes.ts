import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, lapsedAt, newId, onFree, planIds, retainedUntil, standing, storableText } from '@roaauto/shared';
import { audit } from '../audit';
import { userOf, type Guards } from '../auth/guards';
import { entitlementsSchema } from '../auth/schemas';
import { entitlementsFromRow, findTenant } from '../tenancy/entitlements.repository';
import { applyBillingEvent } from './billing.service';
import { selfServePlans, type StripeProvider } from './stripe';
import { usageOf } from './usage';

const limitUsageSchema = z.object({
  limit: z.string(), max: z.number().int().nullable(), used: z.number().int(), remaining: z.number().int().nullable(), reached: z.boolean(), over: z.number().int(),
});

export const planAnswerSchema = z.object({
  entitlements: entitlementsSchema,
  standing: z.object({
    plan: z.enum(planIds), effectivePlan: z.enum(planIds), state: z.string(), daysLeft: z.number().int().nullable(), endsAt: z.string().nullable(),
  }),
  usage: z.object({ month: z.string(), users: limitUsageSchema, documents: limitUsageSchema, sms: limitUsageSchema }),
  /** When the company fell back to Free, and until when the server keeps its data. */
  freeSince: z.string().nullable(),
  retainedUntil: z.string().nullable(),
  dataDeletedAt: z.string().nullable(),
  /** How the company can pay: by card (the plans Stripe sells here), or by bank transfer (always). */
  providers: z.object({ card: z.array(z.enum(selfServePlans)), transfer: z.literal(true) }),
});

export type PlanRoutesOptions = { guards: Guards; stripe: StripeProvider | null; publicUrl?: string | undefined };

/**
 * The Plan page's endpoints: where the company stands and what it uses, paying by card (Stripe
 * Checkout) or asking to pay by bank transfer, and the operator's "paid by transfer".
 */
export const planRoutes: FastifyPluginAsyncZod<PlanRoutesOptions> = async (app, { guards, stripe, publicUrl }) => {
  const db = app.database.db;
  const tags = ['billing'];

  app.get('/api/billing/plan', {
    onRequest: [guards.permission('company.read')],
    schema: { tags, summary: "The company's plan, its standing in words, its limits with this month's use", response: { 200: planAnswerSchema } },
  }, async (request) => {
    const auth = userOf(request);
    const row = await findTenant(db, auth.tenantId);
    if (!row) throw new DomainError('not_found', 'Company not found');
    const e = entitlementsFromRow(row);
    const now = new Date();
    const free = onFree(e, now);
    // Recorded by billing events and the daily sweep; a trial that ran out today is not recorded yet.
    const freeSince = free ? (row.free_since ?? lapsedAt(e, now) ?? now.toISOString()) : null;
    return {
      entitlements: e,
      standing: standing(e, now),
      usage: await usageOf(app.database, auth.tenantId, e, now),
      freeSince,
      retainedUntil: freeSince && !row.data_deleted_at ? retainedUntil(freeSince) : null,
      dataDeletedAt: free ? row.data_deleted_at : null,
      providers: { card: stripe?.plans() ?? [], transfer: true as const },
    };
  });

  const planBody = z.object({ plan: z.enum(selfServePlans) }).strict();

  app.post('/api/billing/checkout', {
    onRequest: [guards.permission('company.update')],
    bodyLimit: 1024,
    schema: {
      tags, summary: 'Start paying by card: a Stripe Checkout page for the plan', body: planBody,
      response: { 200: z.object({ url: z.string() }) },
    },
  }, async (request) => {
    if (!stripe) throw new DomainError('service_unavailable', 'Card payments are not set up on this server; pay by bank transfer');
    const auth = userOf(request);
    const row = await findTenant(db, auth.tenantId);
    if (!row) throw new DomainError('not_found', 'Company not found');
    const returnUrl = `${publicUrl ?? `${request.protocol}://${request.host}`}/plan`;
    const session = await stripe.checkout({ tenantId: auth.tenantId, plan: request.body.plan, email: auth.email, customerId: row.billing_customer_id, returnUrl });
    await audit(db, { tenantId: auth.tenantId, actorKind: 'user', actorId: auth.userId, action: 'billing.checkout_started', target: session.id, details: { plan: request.body.plan }, ip: request.ip });
    return { url: session.url };
  });

  app.post('/api/billing/transfer-request', {
    onRequest: [guards.permission('company.update')],
    bodyLimit: 1024,
    schema: {
      tags, summary: 'Ask to pay by bank transfer (the operator sends an invoice and marks the company paid)', body: planBody,
      response: { 200: z.object({ reference: z.string() }) },
    },
  }, async (request) => {
    const auth = userOf(request);
    // The payment reference the operator matches the transfer with.
    const reference = `ROA-${auth.tenantId.replace(/-/g, '').slice(-8).toUpperCase()}`;
    await audit(db, { tenantId: auth.tenantId, actorKind: 'user', actorId: auth.userId, action: 'billing.transfer_requested', target: auth.tenantId, details: { plan: request.body.plan, reference }, ip: request.ip });
    return { reference };
  });

  app.post('/api/admin/tenants/:id/payments', {
    onRequest: [guards.superAdmin],
    bodyLimit: 4 * 1024,
    schema: {
      tags: ['admin'], summary: 'Mark a company paid by bank transfer: its plan becomes active',
      params: z.object({ id: z.string().min(1).max(64) }),
      body: z.object({
        plan: z.enum(planIds).refine((p) => p !== 'free', 'A payment is for a paid plan'),
        reference: storableText(100).min(1),
        paidAt: z.iso.datetime({ offset: true }).optional(),
      }).strict(),
      response: { 200: z.object({ status: z.enum(['applied', 'duplicate', 'stale']), entitlements: entitlementsSchema }) },
    },
  }, async (request) => {
    const admin = request.auth;
    const { plan, reference } = request.body;
    const status = await applyBillingEvent(db, {
      id: `transfer:${newId()}`, type: 'payment.bank_transfer', occurredAt: new Date().toISOString(), tenantId: request.params.id,
      payload: JSON.stringify({ plan, reference, paidAt: request.body.paidAt ?? null }),
      actor: { kind: 'platform_admin', id: admin?.kind === 'platform_admin' ? admin.adminId : null },
      change: () => ({ plan, billingStatus: 'active' }),
    });
    const row = await findTenant(db, request.params.id);
    if (!row) throw new DomainError('not_found', 'Company not found');
    return { status, entitlements: entitlementsFromRow(row) };
  });
};
