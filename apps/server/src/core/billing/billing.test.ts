import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { registerCompany } from '../../test/sessions';

const billingSecret = 'test-billing-secret-0123456789';
type ErrorBody = { error: { code: string; message: string } };

describe(`billing events and clocks on ${testEngine()}`, () => {
  let t: TestApp;
  let c: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, billingSecret } });
    c = await registerCompany(t.app);
  });
  afterAll(async () => t.close());

  const send = (event: object) => {
    const body = JSON.stringify(event);
    const signature = `sha256=${createHmac('sha256', billingSecret).update(body).digest('hex')}`;
    return t.app.inject({ method: 'POST', url: '/api/billing/webhook', headers: { 'content-type': 'application/json', 'x-signature': signature }, payload: body });
  };
  const tenant = () => t.app.database.db.selectFrom('tenants').selectAll().where('id', '=', c.tenant?.id ?? '').executeTakeFirstOrThrow();

  it('refuses an event dated beyond the clock skew, and a later real event still applies', async () => {
    const before = await tenant();
    const future = await send({ id: 'e-2099', type: 'subscription.blocked', occurredAt: '2099-01-01T00:00:00Z', tenantId: c.tenant?.id, billingStatus: 'blocked' });
    expect(future.statusCode).toBe(400);
    expect(future.json<ErrorBody>().error.code).toBe('validation_failed');
    expect(future.json<ErrorBody>().error.message).toMatch(/occurredAt.*future/i);
    expect(await tenant()).toEqual(before);
    expect(await t.app.database.db.selectFrom('billing_events').select('id').where('id', '=', 'e-2099').execute()).toEqual([]);

    const real = await send({ id: 'e-now', type: 'subscription.activated', occurredAt: new Date().toISOString(), tenantId: c.tenant?.id, plan: 'pro', billingStatus: 'active' });
    expect(real.json()).toMatchObject({ status: 'applied' });
    expect(await tenant()).toMatchObject({ plan: 'pro', billing_status: 'active' });
  });

  it('takes an event a little ahead of our clock (within the skew)', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const r = await send({ id: 'e-soon', type: 'subscription.updated', occurredAt: soon, tenantId: c.tenant?.id, billingStatus: 'active' });
    expect(r.json()).toMatchObject({ status: 'applied' });
  });

  it('is not frozen by a future date stored before the skew check existed', async () => {
    await t.app.database.db.updateTable('tenants').set({ billing_event_at: '2099-01-01T00:00:00.000Z' }).where('id', '=', c.tenant?.id ?? '').execute();
    const r = await send({ id: 'e-after', type: 'subscription.blocked', occurredAt: new Date(Date.now() + 120_000).toISOString(), tenantId: c.tenant?.id, billingStatus: 'blocked' });
    expect(r.json()).toMatchObject({ status: 'applied' });
    expect(await tenant()).toMatchObject({ billing_status: 'blocked' });
  });
});
