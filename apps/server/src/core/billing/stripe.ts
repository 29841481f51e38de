import Stripe from 'stripe';
import { z } from 'zod';
import { DomainError, storableText, type EntitlementsChange, type PlanId } from '@roaauto/shared';
import type { BillingEvent } from './billing.service';

/** The plans a shop can buy by itself; contract plans are agreed with the operator. */
export const selfServePlans = ['basic', 'pro'] as const satisfies readonly PlanId[];
export type SelfServePlan = (typeof selfServePlans)[number];

export type StripeSettings = {
  secretKey: string;
  webhookSecret: string;
  /** Stripe's price id of each plan sold by card (a plan without one is not offered). */
  prices: Partial<Record<SelfServePlan, string>>;
  /** Where Stripe's API answers (`https://api.stripe.com` by default): a test points it at a local fake. */
  apiBase?: string | undefined;
};

/** Payment by card through Stripe Checkout; its webhooks arrive signed by Stripe and are checked by Stripe's library. */
export class StripeProvider {
  private readonly client: Stripe;

  constructor(private readonly settings: StripeSettings) {
    const base = settings.apiBase ? new URL(settings.apiBase) : null;
    this.client = new Stripe(settings.secretKey, {
      maxNetworkRetries: 1,
      timeout: 15_000,
      telemetry: false,
      ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'http:' ? 80 : 443), protocol: base.protocol === 'http:' ? 'http' : 'https' } : {}),
    });
  }

  plans(): SelfServePlan[] {
    return selfServePlans.filter((p) => this.settings.prices[p]);
  }

  /** A Checkout session for a subscription to `plan`; the company travels in its metadata. */
  async checkout(input: { tenantId: string; plan: SelfServePlan; email: string; customerId: string | null; returnUrl: string }): Promise<{ id: string; url: string }> {
    const price = this.settings.prices[input.plan];
    if (!price) throw new DomainError('validation_failed', `The ${input.plan} plan cannot be bought by card here`, { field: 'plan' });
    const metadata = { tenantId: input.tenantId, plan: input.plan };
    const session = await this.client.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price, quantity: 1 }],
      client_reference_id: input.tenantId,
      metadata,
      subscription_data: { metadata },
      ...(input.customerId ? { customer: input.customerId } : { customer_email: input.email }),
      success_url: `${input.returnUrl}?checkout=done`,
      cancel_url: `${input.returnUrl}?checkout=cancelled`,
    }).catch((err: unknown) => {
      throw new DomainError('service_unavailable', `The card payment service did not answer (${err instanceof Error ? err.message : 'error'}); try again or pay by bank transfer`);
    });
    if (!session.url) throw new DomainError('service_unavailable', 'The card payment service gave no payment page; try again');
    return { id: session.id, url: session.url };
  }

  /** Checks the `Stripe-Signature` header over the exact bytes received; a bad one is refused. */
  verify(raw: string, signature: string | undefined): Stripe.Event {
    if (!signature) throw new DomainError('unauthorized', 'Missing Stripe-Signature');
    try {
      return this.client.webhooks.constructEvent(raw, signature, this.settings.webhookSecret);
    } catch {
      throw new DomainError('unauthorized', 'Bad Stripe signature');
    }
  }

  /** The plan a subscription's price stands for. */
  planOfPrice(priceId: string | undefined): SelfServePlan | undefined {
    return selfServePlans.find((p) => priceId !== undefined && this.settings.prices[p] === priceId);
  }

  /**
   * The billing event a Stripe event means, or null for the kinds that change nothing here. The same
   * entitlement changes the neutral webhook makes: paid → active on the plan, payment failed → past_due
   * (grace), subscription ended → Free. The signature proves who sent it, not that the parts read here are
   * well formed, so they are validated first.
   */
  toBillingEvent(verified: Stripe.Event, raw: string): BillingEvent | null {
    const parsed = eventSchema.safeParse(verified);
    if (!parsed.success) throw new DomainError('validation_failed', `Not a Stripe event this server understands: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const event = parsed.data;
    const base = { id: `stripe:${event.id}`, type: event.type, occurredAt: new Date(event.created * 1000).toISOString(), payload: raw, actor: { kind: 'billing' as const } };
    const fixed = (change: EntitlementsChange) => () => change;
    const object = (schema: z.ZodType<StripeObject>) => {
      const o = schema.safeParse(event.data.object);
      if (!o.success) throw new DomainError('validation_failed', `The ${event.type} event's object is not as Stripe sends it`);
      return o.data;
    };
    switch (event.type) {
      case 'checkout.session.completed': {
        const s = object(objectSchema);
        const plan = selfServePlans.find((p) => p === s.metadata?.plan);
        const tenantId = s.metadata?.tenantId ?? s.client_reference_id ?? undefined;
        if (!plan || !tenantId) return null;
        return { ...base, tenantId, rememberCustomerId: customerOf(s.customer), change: fixed({ plan, billingStatus: 'active' }) };
      }
      case 'invoice.paid':
      case 'invoice.payment_succeeded':
      case 'invoice.payment_failed': {
        const customerId = customerOf(object(objectSchema).customer);
        if (!customerId) return null;
        return { ...base, customerId, change: fixed({ billingStatus: event.type === 'invoice.payment_failed' ? 'past_due' : 'active' }) };
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const sub = object(objectSchema);
        const who = { tenantId: sub.metadata?.tenantId, customerId: customerOf(sub.customer) };
        if (!who.tenantId && !who.customerId) return null;
        const ended = event.type === 'customer.subscription.deleted' || sub.status === 'canceled' || sub.status === 'incomplete_expired';
        if (ended) return { ...base, ...who, change: fixed({ plan: 'free', billingStatus: 'active' }) };
        const plan = this.planOfPrice(sub.items?.data[0]?.price?.id);
        const status = sub.status === 'active' || sub.status === 'trialing' ? 'active' : sub.status === 'past_due' || sub.status === 'unpaid' ? 'past_due' : sub.status === 'paused' ? 'blocked' : null;
        if (!status) return null;
        return { ...base, ...who, change: fixed({ ...(plan ? { plan } : {}), billingStatus: status }) };
      }
      default:
        return null;
    }
  }
}

const text = (max: number) => storableText(max).min(1);
const eventSchema = z.object({
  id: text(200),
  type: text(100),
  // Seconds since 1970; within what a date can hold.
  created: z.number().int().min(0).max(253_402_300_799),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
const customerSchema = z.union([text(200), z.object({ id: text(200) })]).nullish();
const objectSchema = z.object({
  customer: customerSchema,
  client_reference_id: text(64).nullish(),
  metadata: z.object({ tenantId: text(64).optional(), plan: text(40).optional() }).nullish(),
  status: text(40).optional(),
  items: z.object({ data: z.array(z.object({ price: z.object({ id: text(200) }).nullish() })) }).optional(),
});
type StripeObject = z.infer<typeof objectSchema>;

function customerOf(c: StripeObject['customer']): string | undefined {
  return typeof c === 'string' ? c : c?.id;
}
