import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entitlements } from '@roaauto/shared';
import type { Session } from '../auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };
const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
const billingSecret = 'test-billing-secret-0123456789';

function sign(body: string, secret = billingSecret): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe(`super-admin and entitlement enforcement on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin, billingSecret } });
    // Routes of a module declare their module; these stand in for the modules still to come.
    t.app.get('/api/probe/sync', { preHandler: t.app.guards.module('cloud_sync') }, async () => ({ ok: true }));
    t.app.get('/api/probe/dispatch', { preHandler: t.app.guards.module('dispatcher') }, async () => ({ ok: true }));
    t.app.get('/api/probe/workshop', { preHandler: t.app.guards.module('workshop') }, async () => ({ ok: true }));
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  const patch = (tenantId: string, payload: object, session: Session = op) =>
    t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${tenantId}/entitlements`, headers: bearer(session), payload });
  const probe = (s: Session, what: string) => t.app.inject({ method: 'GET', url: `/api/probe/${what}`, headers: bearer(s) });

  it('logs the super-admin in through /api/auth/login and lists companies with plan, status and usage', async () => {
    expect(op.user.role).toBe('super_admin');
    expect(op.tenant).toBeNull();
    const c = await registerCompany(t.app, { company: { name: 'Listă SRL' } });
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/tenants', headers: bearer(op) });
    expect(list.statusCode).toBe(200);
    const row = list.json<{ tenants: { id: string; plan: string; billingStatus: string; usage: { users: number } }[] }>().tenants.find((x) => x.id === c.tenant?.id);
    expect(row).toMatchObject({ plan: 'basic', billingStatus: 'trial', usage: { users: 1, activeUsers: 1 } });
    const one = await t.app.inject({ method: 'GET', url: `/api/admin/tenants/${c.tenant?.id}`, headers: bearer(op) });
    expect(one.json()).toMatchObject({ name: 'Listă SRL', entitlements: { plan: 'basic' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/tenants/nope', headers: bearer(op) })).statusCode).toBe(404);
    // The platform operator has no company: company endpoints refuse it.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(op) })).statusCode).toBe(403);
  });

  it('changes entitlements with the version bumped and an audit line; /api/me shows the change at once', async () => {
    const c = await registerCompany(t.app);
    const r = await patch(c.tenant?.id ?? '', { plan: 'pro', billingStatus: 'active' });
    expect(r.statusCode).toBe(200);
    const e = r.json<Entitlements>();
    expect(e).toMatchObject({ plan: 'pro', billingStatus: 'active', version: 2, limits: { maxUsers: 3 } });
    expect(e.modules.sms).toBe(true);
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(c) })).json<{ entitlements: Entitlements; modules: Record<string, boolean> }>();
    expect(me.entitlements.version).toBe(2);
    expect(me.modules.sms).toBe(true);
    const lines = await t.app.database.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('tenant_id', '=', c.tenant?.id ?? '').where('action', '=', 'entitlements.changed').execute();
    expect(lines).toEqual([{ action: 'entitlements.changed', actor_kind: 'platform_admin' }]);
    // The refreshed session carries the new entitlements in its offline lease too.
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: c.refreshToken } });
    expect(refreshed.json<{ entitlements: Entitlements }>().entitlements.plan).toBe('pro');
  });

  it('refuses to enable a module whose dependency is off, and unknown modules or fields', async () => {
    const c = await registerCompany(t.app);
    const r = await patch(c.tenant?.id ?? '', { modules: { dispatcher: true } });
    expect(r.statusCode).toBe(400);
    expect(r.json<ErrorBody>().error).toMatchObject({ code: 'validation_failed', module: 'dispatcher', requires: ['logistics'] });
    expect((await patch(c.tenant?.id ?? '', { modules: { teleport: true } })).statusCode).toBe(400);
    expect((await patch(c.tenant?.id ?? '', { version: 99 })).statusCode).toBe(400);
    const ok = await patch(c.tenant?.id ?? '', { modules: { logistics: true, dispatcher: true } });
    expect(ok.statusCode).toBe(200);
    expect((await probe(c, 'dispatch')).statusCode).toBe(200);
  });

  it('answers 402 module_not_entitled for a module that is off or whose dependency is off', async () => {
    const c = await registerCompany(t.app);
    const off = await probe(c, 'dispatch');
    expect(off.statusCode).toBe(402);
    expect(off.json()).toEqual({ error: { code: 'module_not_entitled', module: 'dispatcher', message: expect.any(String) as string, requestId: off.headers['x-request-id'] } });
    await patch(c.tenant?.id ?? '', { plan: 'full', billingStatus: 'active' });
    expect((await probe(c, 'dispatch')).statusCode).toBe(200);
    await patch(c.tenant?.id ?? '', { modules: { logistics: false, dispatcher: false } });
    expect((await probe(c, 'dispatch')).json<ErrorBody>().error.module).toBe('dispatcher');
  });

  it('evaluates trial end, blocked and past_due grace on every request', async () => {
    const c = await registerCompany(t.app);
    const id = c.tenant?.id ?? '';
    expect((await probe(c, 'sync')).statusCode).toBe(200);

    await patch(id, { trialEndsAt: new Date(Date.now() - 1000).toISOString() });
    expect((await probe(c, 'sync')).statusCode).toBe(402);
    expect((await probe(c, 'workshop')).statusCode).toBe(200); // back to free: free modules keep working

    await patch(id, { billingStatus: 'active' });
    expect((await probe(c, 'sync')).statusCode).toBe(200);
    await patch(id, { billingStatus: 'blocked' });
    expect((await probe(c, 'sync')).statusCode).toBe(402);

    await patch(id, { billingStatus: 'past_due' });
    expect((await probe(c, 'sync')).statusCode).toBe(200); // inside the grace period

    // A billing event says the paid period ended long ago: grace is over.
    const body = JSON.stringify({ id: `evt-${id}`, type: 'invoice.payment_failed', occurredAt: new Date().toISOString(), tenantId: id, billingStatus: 'past_due', paidUntil: '2020-01-01T00:00:00Z' });
    const hook = await t.app.inject({ method: 'POST', url: '/api/billing/webhook', headers: { 'content-type': 'application/json', 'x-signature': sign(body) }, payload: body });
    expect(hook.json()).toMatchObject({ status: 'applied' });
    expect((await probe(c, 'sync')).statusCode).toBe(402);
  });

  it('answers 403 to company users and 401 to anonymous callers on the admin endpoints', async () => {
    const c = await registerCompany(t.app);
    expect((await patch(c.tenant?.id ?? '', { plan: 'full' }, c)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${c.tenant?.id}/entitlements`, payload: { plan: 'full' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/tenants', headers: bearer(c) })).statusCode).toBe(403);
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(c) })).json<{ entitlements: Entitlements }>();
    expect(me.entitlements.plan).toBe('basic');
  });
});

describe(`billing webhook on ${testEngine()}`, () => {
  let t: TestApp;
  let c: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, billingSecret } });
    c = await registerCompany(t.app);
  });
  afterAll(async () => t.close());

  const send = (event: object, signature?: string) => {
    const body = JSON.stringify(event);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== '') headers['x-signature'] = signature ?? sign(body);
    return t.app.inject({ method: 'POST', url: '/api/billing/webhook', headers, payload: body });
  };
  const tenant = () => t.app.database.db.selectFrom('tenants').selectAll().where('id', '=', c.tenant?.id ?? '').executeTakeFirstOrThrow();

  it('refuses a bad or missing signature with 401 and changes nothing', async () => {
    const before = await tenant();
    const event = { id: 'e-bad', type: 'subscription.updated', occurredAt: new Date().toISOString(), tenantId: c.tenant?.id, plan: 'pro' };
    expect((await send(event, sign(JSON.stringify(event), 'another-secret-of-16+'))).statusCode).toBe(401);
    expect((await send(event, '')).statusCode).toBe(401);
    expect((await send(event, 'sha256=zz')).statusCode).toBe(401);
    expect(await tenant()).toEqual(before);
    expect(await t.app.database.db.selectFrom('billing_events').select('id').execute()).toEqual([]);
  });

  it('applies a good event once; a replay answers 200 and changes nothing again', async () => {
    const event = { id: 'e-1', type: 'subscription.activated', occurredAt: '2026-05-01T10:00:00Z', tenantId: c.tenant?.id, plan: 'pro', billingStatus: 'active' };
    const first = await send(event);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'applied' });
    const after = await tenant();
    expect(after).toMatchObject({ plan: 'pro', billing_status: 'active' });
    const replay = await send(event);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ status: 'duplicate' });
    expect(await tenant()).toEqual(after);
  });

  it('lets the newest occurredAt win when events arrive out of order', async () => {
    const newer = { id: 'e-3', type: 'subscription.blocked', occurredAt: '2026-06-01T10:00:00Z', tenantId: c.tenant?.id, billingStatus: 'blocked' };
    const older = { id: 'e-2', type: 'subscription.activated', occurredAt: '2026-05-15T10:00:00Z', tenantId: c.tenant?.id, billingStatus: 'active', plan: 'basic' };
    expect((await send(newer)).json()).toMatchObject({ status: 'applied' });
    expect((await send(older)).json()).toMatchObject({ status: 'stale' });
    expect(await tenant()).toMatchObject({ billing_status: 'blocked', plan: 'pro' });
    const stored = await t.app.database.db.selectFrom('billing_events').select(['id', 'applied']).orderBy('id').execute();
    expect(stored).toEqual([{ id: 'e-1', applied: 1 }, { id: 'e-2', applied: 0 }, { id: 'e-3', applied: 1 }]);
  });

  it('validates the event after the signature: bad JSON, missing fields, unknown company', async () => {
    const raw = '{"id":';
    const bad = await t.app.inject({ method: 'POST', url: '/api/billing/webhook', headers: { 'content-type': 'application/json', 'x-signature': sign(raw) }, payload: raw });
    expect(bad.statusCode).toBe(400);
    expect((await send({ id: 'e-9', type: 'x' })).statusCode).toBe(400);
    expect((await send({ id: 'e-10', type: 'x', occurredAt: '2026-01-01T00:00:00Z', tenantId: 'nope' })).statusCode).toBe(404);
  });
});
