import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { newId, type SyncTransport } from '@roaauto/shared';
import { buildApp } from '../../app';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { bearer, login, registerCompany } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { dispatchersIdle, kickDispatchers, smsDispatchJob } from './dispatcher';
import { fakeSmsapi } from './fake-smsapi.test-helper';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
const secret = 'apel-inapoi-secret-1234';
const token = 'smsapi-token-abc123';

describe(`SMS through SMSAPI on ${testEngine()}`, () => {
  let t: TestApp;
  let second: FastifyInstance | null = null;
  let fake: Awaited<ReturnType<typeof fakeSmsapi>>;
  let op: Session;
  const { device, closeAll } = testDevices(() => t.app);
  const sms = () => ({
    provider: 'smsapi' as const, smsapiToken: token, smsapiUrl: fake.url, segmentPriceBani: 7, callbackSecret: secret,
    publicBaseUrl: 'https://app.roaauto.test', sweepMs: 0, leaseMs: 60_000,
  });

  beforeAll(async () => {
    fake = await fakeSmsapi();
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, sms: sms() });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await second?.close();
    await t.close();
    await fake.close();
  });

  /** A company on Pro (SMS included), with a customer. */
  async function proShop(limits: Record<string, number | null> = {}) {
    const s = await registerCompany(t.app);
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(op),
      payload: { plan: 'pro', billingStatus: 'active', ...(Object.keys(limits).length ? { limits } : {}) },
    });
    expect(res.statusCode).toBe(200);
    return s;
  }
  const message = (patch: Record<string, unknown> = {}) => ({
    id: newId(), client_id: null, order_id: null, telefon: '0722 123 456', text: 'Bună ziua! Mașina este gata.', template: 'car_ready',
    status: 'queued', motiv: null, segmente: 1, codare: 'ucs2', cost: null, provider_id: null, eroare: null, trimis_la: null, livrat_la: null, ...patch,
  });
  const sentCount = () => fake.requests.length;

  it('sends a queued message once, with SMSAPI\'s documented request, and syncs what happened', async () => {
    const s = await proShop();
    const a = await device(s);
    await a.engine.create('sms_settings', { expeditor: 'ServiceAuto' });
    const text = 'Bună ziua, Ștefan! Mașina B 12 ABC este gată; țineți cont de programare.';
    const m = message({ text });
    await a.engine.create('sms_messages', m);
    const before = sentCount();
    await a.engine.sync();
    await dispatchersIdle();
    expect(sentCount() - before).toBe(1);
    const req = fake.requests.at(-1);
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/sms.do');
    expect(req?.headers.authorization).toBe(`Bearer ${token}`);
    expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(req?.form ?? [])).toEqual({
      to: '40722123456', message: text, from: 'ServiceAuto', format: 'json', encoding: 'utf-8', idx: m.id, check_idx: '1',
      notify_url: `https://app.roaauto.test/api/sms/callbacks/delivery?secret=${secret}`,
    });
    // The diacritics travel as UTF-8, percent-encoded: ș is C8 99, ț is C8 9B, Ș is C8 98.
    expect(req?.raw).toContain('%C8%98tefan');
    expect(req?.raw).toContain('%C8%9Bine%C8%9Bi');
    await a.engine.sync();
    const [row] = await a.rows('sms_messages', 'id = ?', [m.id]);
    expect(row).toMatchObject({ status: 'sent', codare: 'ucs2', segmente: 2, cost: 14, eroare: null });
    expect(String(row?.provider_id)).toMatch(/^6\d{9}$/);
    expect(row?.trimis_la).toBeTruthy();
  });

  it('sends one SMS when the same push reaches the server twice', async () => {
    const s = await proShop();
    const twice = (tr: SyncTransport): SyncTransport => ({
      ...tr,
      push: async (body) => {
        await tr.push(body);
        return tr.push(body);
      },
    });
    const a = await device(s, twice);
    const m = message();
    await a.engine.create('sms_messages', m);
    const before = sentCount();
    await a.engine.sync();
    await dispatchersIdle();
    // A second device writing a row with the same id is refused: a message is never changed.
    const b = await device(s);
    await b.engine.create('sms_messages', { ...m });
    await b.engine.sync();
    await dispatchersIdle();
    expect(sentCount() - before).toBe(1);
    expect(fake.requests.filter((r) => r.form.get('idx') === m.id)).toHaveLength(1);
  });

  it('refuses a message to a number that wants no SMS, and one past the month\'s limit, without sending', async () => {
    const s = await proShop({ maxSmsPerMonth: 1 });
    const a = await device(s);
    await a.engine.create('sms_optouts', { telefon: '40744555666', client_id: null, sursa: 'manual' });
    const stopped = message({ telefon: '+40 744 555 666' });
    const first = message();
    const over = message({ telefon: '0722 999 888' });
    await a.engine.write([stopped, first, over].map((data) => ({ op: 'create' as const, table: 'sms_messages', data })));
    const before = sentCount();
    await a.engine.sync();
    await dispatchersIdle();
    await a.engine.sync();
    expect(sentCount() - before).toBe(1);
    const rows = new Map((await a.rows<{ id: string; status: string; motiv: string | null }>('sms_messages')).map((r) => [r.id, r]));
    expect(rows.get(stopped.id)).toMatchObject({ status: 'refused', motiv: 'opt_out' });
    expect(rows.get(first.id)).toMatchObject({ status: 'sent', motiv: null });
    expect(rows.get(over.id)).toMatchObject({ status: 'refused', motiv: 'limit' });
    // The plan page says the same: one of one used this month.
    const plan = await t.app.inject({ method: 'GET', url: '/api/billing/plan', headers: bearer(s) });
    expect(plan.json<{ usage: { sms: unknown } }>().usage.sms).toMatchObject({ limit: 'maxSmsPerMonth', max: 1, used: 1, reached: true });
  });

  it('records SMSAPI\'s refusal as a failed message, and does not send it again', async () => {
    const s = await proShop();
    const a = await device(s);
    fake.state.answer = () => ({ status: 200, body: { error: 13, message: 'No correct phone numbers' } });
    try {
      const m = message();
      await a.engine.create('sms_messages', m);
      await a.engine.sync();
      await dispatchersIdle();
    } finally {
      fake.state.answer = null;
    }
    const before = sentCount();
    await t.app.inject({ method: 'GET', url: '/api/health' });
    await a.engine.sync();
    await dispatchersIdle();
    expect(sentCount()).toBe(before);
    const [row] = await a.rows<{ status: string; eroare: string }>('sms_messages');
    expect(row).toMatchObject({ status: 'failed', eroare: 'SMSAPI 13: No correct phone numbers' });
  });

  it('leaves a message whose lease another process holds, and takes it again once the lease ran out', async () => {
    const s = await proShop();
    const a = await device(s);
    const m = message();
    await a.engine.create('sms_messages', m);
    await a.engine.sync();
    await dispatchersIdle();
    const before = sentCount();
    // As if another process had claimed it a moment ago and were sending it now.
    const claim = t.app.database.db.updateTable('sms_sends').where('message_id', '=', m.id);
    await claim.set({ state: 'pending', lease_until: new Date(Date.now() + 60_000).toISOString() }).execute();
    kickDispatchers();
    await dispatchersIdle();
    expect(sentCount()).toBe(before);
    // That process died: its lease ran out, and the sweep takes the message again.
    await claim.set({ lease_until: new Date(Date.now() - 1000).toISOString() }).execute();
    kickDispatchers();
    await dispatchersIdle();
    expect(sentCount() - before).toBe(1);
    expect(fake.requests.at(-1)?.form.get('idx')).toBe(m.id);
    const row = await t.app.database.db.selectFrom('sms_sends').select(['state', 'attempts', 'lease_until']).where('message_id', '=', m.id).executeTakeFirst();
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lease_until: null });
  });

  it('sweeps a claim left unsent as the scheduled job, one run per slot whichever processes create it', async () => {
    const s = await proShop();
    const a = await device(s);
    const m = message();
    await a.engine.create('sms_messages', m);
    await a.engine.sync();
    await dispatchersIdle();
    const swept = await buildApp({ database: t.database, sms: { ...sms(), sweepMs: 60_000 } });
    try {
      await swept.ready();
      expect(swept.jobs.jobNames).toContain(smsDispatchJob);
      expect(t.app.jobs.jobNames).not.toContain(smsDispatchJob); // sweepMs 0: no schedule
      // A process took the message and died before its answer: the lease ran out, and no push wakes anyone.
      await t.app.database.db.updateTable('sms_sends').where('message_id', '=', m.id)
        .set({ state: 'pending', lease_until: new Date(Date.now() - 1000).toISOString() }).execute();
      const before = sentCount();
      const key = `schedule:${smsDispatchJob}:test-slot`;
      const run = await swept.jobs.enqueue(smsDispatchJob, { slot: 'test-slot' }, { key });
      expect(run.created).toBe(true);
      expect(await swept.jobs.enqueue(smsDispatchJob, { slot: 'test-slot' }, { key })).toEqual({ id: run.id, created: false });
      const state = async () => (await t.app.database.db.selectFrom('jobs').select('state').where('id', '=', run.id).executeTakeFirstOrThrow()).state;
      for (let i = 0; i < 100 && (await state()) !== 'done'; i += 1) {
        await swept.jobs.runDue();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await state()).toBe('done');
      expect(sentCount() - before).toBe(1);
      expect(fake.requests.at(-1)?.form.get('idx')).toBe(m.id);
      const row = await t.app.database.db.selectFrom('sms_sends').select(['state', 'lease_until']).where('message_id', '=', m.id).executeTakeFirst();
      expect(row).toEqual({ state: 'sent', lease_until: null });
    } finally {
      await swept.close();
    }
  });

  describe('callbacks', () => {
    it('refuses a delivery report without the secret or with a wrong one', async () => {
      for (const url of ['/api/sms/callbacks/delivery?MsgId=1&status=404', `/api/sms/callbacks/delivery?secret=${secret}x&MsgId=1&status=404`, '/api/sms/callbacks/inbound?sms_from=40722123456&sms_text=STOP']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
      }
    });

    it('ignores a report of a message it does not know, and updates and syncs one it knows', async () => {
      const unknown = await t.app.inject({ method: 'GET', url: `/api/sms/callbacks/delivery?secret=${secret}&MsgId=999&status=404&idx=${newId()}` });
      expect(unknown.statusCode).toBe(200);
      expect(unknown.body).toBe('OK');
      const s = await proShop();
      const a = await device(s);
      const m = message();
      await a.engine.create('sms_messages', m);
      await a.engine.sync();
      await dispatchersIdle();
      await a.engine.sync();
      const [sent] = await a.rows<{ provider_id: string; status: string }>('sms_messages');
      expect(sent?.status).toBe('sent');
      const res = await t.app.inject({
        method: 'POST', url: `/api/sms/callbacks/delivery?secret=${secret}`,
        payload: `MsgId=${sent?.provider_id ?? ''}&status=404&idx=${m.id}&donedate=1765000000&username=x&points=0.07&to=40722123456`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(200);
      await a.engine.sync();
      const [row] = await a.rows<{ status: string; livrat_la: string }>('sms_messages');
      expect(row).toMatchObject({ status: 'delivered', livrat_la: new Date(1765000000 * 1000).toISOString() });
    });

    it('marks a number that answered STOP as wanting no SMS, in the companies that wrote to it', async () => {
      const s = await proShop();
      const a = await device(s);
      await a.engine.create('sms_messages', message({ telefon: '0755 111 222' }));
      await a.engine.sync();
      await dispatchersIdle();
      const res = await t.app.inject({ method: 'GET', url: `/api/sms/callbacks/inbound?secret=${secret}&sms_from=40755111222&sms_to=1234&sms_text=${encodeURIComponent('Stop')}` });
      expect(res.statusCode).toBe(200);
      await a.engine.sync();
      expect(await a.rows('sms_optouts')).toMatchObject([{ telefon: '40755111222', sursa: 'stop' }]);
      const next = message({ telefon: '0755111222' });
      await a.engine.create('sms_messages', next);
      await a.engine.sync();
      const [row] = await a.rows<{ status: string; motiv: string }>('sms_messages', 'id = ?', [next.id]);
      expect(row).toMatchObject({ status: 'refused', motiv: 'opt_out' });
    });
  });

  // Several server processes share a PostgreSQL database; a SQLite database has one process (its
  // writer blocks the whole process while another holds the lock), so there the lease is proven below.
  it.skipIf(testEngine() === 'sqlite')('sends one SMS when two server processes on the same database see the message', async () => {
    second = await buildApp({ database: t.database, sms: sms() });
    await second.ready();
    const s = await proShop();
    fake.state.delayMs = 150; // both processes are in the middle of a send at once
    try {
      const onA = await device(s);
      const onB = testDevices(() => second as FastifyInstance);
      const b = await onB.device(s);
      const onAMessage = message();
      const onBMessage = message({ telefon: '0733 000 111' });
      const messages = [onAMessage, onBMessage];
      await onA.engine.create('sms_messages', onAMessage);
      await b.engine.create('sms_messages', onBMessage);
      const before = sentCount();
      await Promise.all([onA.engine.sync(), b.engine.sync()]);
      await dispatchersIdle();
      expect(sentCount() - before).toBe(2);
      for (const m of messages) expect(fake.requests.filter((r) => r.form.get('idx') === m.id), m.id).toHaveLength(1);
      onB.closeAll();
    } finally {
      fake.state.delayMs = 0;
    }
  });
});
