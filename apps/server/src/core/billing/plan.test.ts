import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@roaauto/shared';
import type { Session } from '../auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany } from '../../test/sessions';
import { sweepRetention } from './retention';

type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };
type PlanAnswer = {
  entitlements: { plan: string; billingStatus: string; trialEndsAt: string | null };
  standing: { plan: string; effectivePlan: string; state: string; daysLeft: number | null };
  usage: { month: string; users: { max: number | null; used: number }; documents: { max: number | null; used: number; reached: boolean } };
  freeSince: string | null;
  retainedUntil: string | null;
  dataDeletedAt: string | null;
  providers: { card: string[]; transfer: true };
};

const webhookSecret = 'whsec_test_0123456789abcdef';
const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
const day = 86_400_000;

/** A stand-in for Stripe's API: answers Checkout Session creation in Stripe's documented shape. */
function fakeStripeApi(): Promise<{ server: Server; base: string; requests: { path: string; body: string }[] }> {
  const requests: { path: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_fake' });
      res.end(JSON.stringify({ id: 'cs_test_123', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_123', mode: 'subscription' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests });
  }));
}

describe(`plan, billing providers and data retention on ${testEngine()}`, () => {
  let t: TestApp;
  let api: Awaited<ReturnType<typeof fakeStripeApi>>;
  let operator: Session;
  const devices = testDevices(() => t.app);
  const stripe = new Stripe('sk_test_unused');

  beforeAll(async () => {
    api = await fakeStripeApi();
    t = await createTestApp({
      auth: { rateLimitPerMinute: 1000, superAdmin },
      billing: { stripe: { secretKey: 'sk_test_fake', webhookSecret, prices: { basic: 'price_basic', pro: 'price_pro' }, apiBase: api.base }, publicUrl: 'https://app.roaauto.test' },
    });
    operator = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    devices.closeAll();
    await t.close();
    api.server.close();
  });

  const plan = async (s: Session) => {
    const r = await t.app.inject({ method: 'GET', url: '/api/billing/plan', headers: bearer(s) });
    expect(r.statusCode).toBe(200);
    return r.json<PlanAnswer>();
  };
  const tenantId = (s: Session) => s.tenant?.id ?? '';
  const tenant = (s: Session) => t.app.database.db.selectFrom('tenants').selectAll().where('id', '=', tenantId(s)).executeTakeFirstOrThrow();
  const endTrial = (s: Session, at = new Date(Date.now() - 1000)) =>
    t.app.database.db.updateTable('tenants').set({ trial_ends_at: at.toISOString() }).where('id', '=', tenantId(s)).execute();
  const stripeEvent = (type: string, object: object, id = `evt_${newId()}`) => {
    const payload = JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object }, api_version: '2025-01-01', livemode: false });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    return t.app.inject({ method: 'POST', url: '/api/billing/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': header }, payload });
  };

  it('says a new company is on a Basic trial with its days left, its limits and this month\'s use', async () => {
    const s = await registerCompany(t.app);
    const p = await plan(s);
    expect(p.standing).toMatchObject({ state: 'trial', plan: 'basic', effectivePlan: 'basic', daysLeft: 30 });
    expect(p.usage.users).toMatchObject({ max: 1, used: 1 });
    expect(p.usage.documents).toMatchObject({ max: null, used: 0, reached: false });
    expect(p.freeSince).toBeNull();
    expect(p.providers).toEqual({ card: ['basic', 'pro'], transfer: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/billing/plan' })).statusCode).toBe(401);
  });

  it('after the trial: Free, sync refused with 402, the date the data is kept until', async () => {
    const s = await registerCompany(t.app);
    await endTrial(s);
    const p = await plan(s);
    expect(p.standing).toMatchObject({ state: 'trial_ended', plan: 'basic', effectivePlan: 'free' });
    expect(p.freeSince).toBe(p.entitlements.trialEndsAt);
    expect(Date.parse(p.retainedUntil ?? '') - Date.parse(p.freeSince ?? '')).toBe(90 * day);
    const pull = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${newId()}&cursor=0`, headers: bearer(s) });
    expect(pull.statusCode).toBe(402);
    expect(pull.json<ErrorBody>().error).toMatchObject({ code: 'module_not_entitled', module: 'cloud_sync' });
  });

  it('starts a Stripe Checkout for the owner, with the company in its metadata', async () => {
    const s = await registerCompany(t.app);
    const r = await t.app.inject({ method: 'POST', url: '/api/billing/checkout', headers: bearer(s), payload: { plan: 'pro' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_test_123' });
    const sent = api.requests.at(-1);
    expect(sent?.path).toBe('/v1/checkout/sessions');
    const form = new URLSearchParams(sent?.body);
    expect(form.get('line_items[0][price]')).toBe('price_pro');
    expect(form.get('metadata[tenantId]')).toBe(tenantId(s));
    expect(form.get('subscription_data[metadata][plan]')).toBe('pro');
    expect(form.get('success_url')).toBe('https://app.roaauto.test/plan?checkout=done');
    const bad = await t.app.inject({ method: 'POST', url: '/api/billing/checkout', headers: bearer(s), payload: { plan: 'full' } });
    expect(bad.statusCode).toBe(400);
  });

  it('a Stripe-signed checkout.session.completed upgrades the plan once; later events find the company by customer', async () => {
    const s = await registerCompany(t.app);
    await endTrial(s);
    expect((await tenant(s)).free_since).toBeNull();
    const completed = { id: 'cs_1', object: 'checkout.session', client_reference_id: tenantId(s), customer: `cus_${tenantId(s).slice(-6)}`, metadata: { tenantId: tenantId(s), plan: 'pro' } };
    const first = await stripeEvent('checkout.session.completed', completed, 'evt_completed_1');
    expect(first.json()).toEqual({ received: true, status: 'applied' });
    expect((await stripeEvent('checkout.session.completed', completed, 'evt_completed_1')).json()).toMatchObject({ status: 'duplicate' });
    expect((await plan(s)).standing).toMatchObject({ state: 'active', effectivePlan: 'pro' });
    expect(await tenant(s)).toMatchObject({ plan: 'pro', billing_status: 'active', billing_customer_id: completed.customer, free_since: null });

    const failed = await stripeEvent('invoice.payment_failed', { id: 'in_1', object: 'invoice', customer: completed.customer });
    expect(failed.json()).toMatchObject({ status: 'applied' });
    expect((await plan(s)).standing).toMatchObject({ state: 'past_due', effectivePlan: 'pro', daysLeft: 7 });

    const ended = await stripeEvent('customer.subscription.deleted', { id: 'sub_1', object: 'subscription', customer: completed.customer, status: 'canceled', metadata: {}, items: { data: [] } });
    expect(ended.json()).toMatchObject({ status: 'applied' });
    const after = await plan(s);
    expect(after.standing).toMatchObject({ state: 'free', effectivePlan: 'free' });
    expect((await tenant(s)).free_since).not.toBeNull();

    const audit = await t.app.database.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('tenant_id', '=', tenantId(s)).where('action', '=', 'entitlements.changed').execute();
    expect(audit).toHaveLength(3);
  });

  it('refuses a Stripe event without a good signature, and acknowledges kinds it does not use', async () => {
    const payload = JSON.stringify({ id: 'evt_x', type: 'checkout.session.completed', created: 1, data: { object: {} } });
    const forged = await t.app.inject({ method: 'POST', url: '/api/billing/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }) }, payload });
    expect(forged.statusCode).toBe(401);
    const none = await t.app.inject({ method: 'POST', url: '/api/billing/stripe/webhook', headers: { 'content-type': 'application/json' }, payload });
    expect(none.statusCode).toBe(401);
    expect((await stripeEvent('customer.created', { id: 'cus_1', object: 'customer' })).json()).toEqual({ received: true, status: 'ignored' });
  });

  it('bank transfer: the owner asks, the operator marks the company paid', async () => {
    const s = await registerCompany(t.app);
    await endTrial(s);
    const asked = await t.app.inject({ method: 'POST', url: '/api/billing/transfer-request', headers: bearer(s), payload: { plan: 'basic' } });
    expect(asked.statusCode).toBe(200);
    expect(asked.json<{ reference: string }>().reference).toMatch(/^ROA-[0-9A-F]{8}$/);

    const url = `/api/admin/tenants/${tenantId(s)}/payments`;
    expect((await t.app.inject({ method: 'POST', url, headers: bearer(s), payload: { plan: 'basic', reference: 'OP 12' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: bearer(operator), payload: { plan: 'free', reference: 'OP 12' } })).statusCode).toBe(400);
    const paid = await t.app.inject({ method: 'POST', url, headers: bearer(operator), payload: { plan: 'basic', reference: 'OP 12' } });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'applied', entitlements: { plan: 'basic', billingStatus: 'active' } });
    expect((await plan(s)).standing).toMatchObject({ state: 'active', effectivePlan: 'basic' });
    const missing = await t.app.inject({ method: 'POST', url: `/api/admin/tenants/${newId()}/payments`, headers: bearer(operator), payload: { plan: 'basic', reference: 'OP 13' } });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a new invoice series past the monthly document limit', async () => {
    const s = await registerCompany(t.app);
    await t.app.database.db.updateTable('tenants').set({ limits: JSON.stringify({ maxUsers: 1, maxDocsPerMonth: 0, maxRoutesPerDay: null }) }).where('id', '=', tenantId(s)).execute();
    const r = await t.app.inject({ method: 'POST', url: '/api/accounting/series', headers: bearer(s), payload: { clientId: newId(), serie: 'LIM' } });
    expect(r.statusCode).toBe(402);
    expect(r.json<ErrorBody>().error).toMatchObject({ code: 'limit_reached', limit: 'maxDocsPerMonth', max: 0, used: 0 });
    expect((await plan(s)).usage.documents).toMatchObject({ max: 0, used: 0, reached: true });
  });

  it('keeps the data of a company on Free 90 days, then deletes it (users stay); upgrading before then keeps everything', async () => {
    const gone = await registerCompany(t.app);
    const kept = await registerCompany(t.app);
    for (const s of [gone, kept]) {
      const d = await devices.device(s);
      await d.engine.write([{ op: 'create', table: 'clients', data: { id: newId(), tip: 'pf', nume: 'Ana Pop' } }]);
      await d.engine.sync();
    }
    const clients = (s: Session) => t.app.database.db.selectFrom('clients').select('id').where('tenant_id', '=', tenantId(s)).execute();
    expect(await clients(gone)).toHaveLength(1);
    const ended = new Date(Date.now() - 1000);
    await endTrial(gone, ended);
    await endTrial(kept, ended);

    const now = new Date();
    const first = await sweepRetention(t.app.database, now);
    expect(first.marked).toEqual(expect.arrayContaining([tenantId(gone), tenantId(kept)]));
    expect(first.deleted).toEqual([]);
    expect((await tenant(gone)).free_since).toBe(ended.toISOString());

    // The second company pays before the 90 days end: its date is cleared and sync resumes with its data.
    const paid = await t.app.inject({ method: 'POST', url: `/api/admin/tenants/${tenantId(kept)}/payments`, headers: bearer(operator), payload: { plan: 'basic', reference: 'OP 20' } });
    expect(paid.statusCode).toBe(200);
    expect((await tenant(kept)).free_since).toBeNull();

    const late = await sweepRetention(t.app.database, new Date(ended.getTime() + 90 * day + 1000));
    expect(late.deleted).toContain(tenantId(gone));
    expect(late.deleted).not.toContain(tenantId(kept));
    expect(await clients(gone)).toEqual([]);
    expect(await clients(kept)).toHaveLength(1);
    expect((await tenant(gone)).data_deleted_at).not.toBeNull();
    const trail = await t.app.database.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId(gone)).where('action', '=', 'tenant.data_deleted').execute();
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actor_kind: 'system' });
    expect(JSON.parse(trail[0]?.details ?? '{}')).toMatchObject({ rows: { clients: 1 } });
    // The owner can still sign in and see the plan; a second sweep deletes nothing more.
    const again = await login(t.app, gone.user.email, gone.password);
    expect((await plan(again)).dataDeletedAt).not.toBeNull();
    expect((await sweepRetention(t.app.database, new Date(ended.getTime() + 91 * day))).deleted).not.toContain(tenantId(gone));

    const d = await devices.device(kept);
    await d.engine.sync();
    expect(await d.rows('clients')).toHaveLength(1);
  });
});
