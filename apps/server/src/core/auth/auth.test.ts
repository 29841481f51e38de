import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { Session } from './auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string } };

describe(`auth on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000 } });
  });
  afterAll(async () => t.close());

  it('registers a company with its owner, counters and a 30-day Basic trial, in one go', async () => {
    const before = Date.now();
    const s = await registerCompany(t.app, { email: 'Ana.Pop@Example.RO', company: { name: 'Vulcanizare Ștefan & Fiii 🚗', cui: 'RO14399840' } });
    expect(s.user).toMatchObject({ email: 'ana.pop@example.ro', role: 'owner' });
    expect(s.tenant?.name).toBe('Vulcanizare Ștefan & Fiii 🚗');
    expect(s.entitlements).toMatchObject({ plan: 'basic', billingStatus: 'trial', version: 1 });
    const trialEnd = Date.parse(s.entitlements?.trialEndsAt ?? '');
    expect(trialEnd - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(trialEnd - before).toBeLessThan(30 * 86_400_000 + 60_000);
    expect(s.modules).toMatchObject({ core: true, workshop: true, cloud_sync: true, sms: false });

    const counters = await t.app.database.db.selectFrom('document_counters').selectAll()
      .where('tenant_id', '=', s.tenant?.id ?? '').execute();
    expect(counters.map((c) => `${c.doc_type}:${c.series}:${c.next_number}`).sort()).toEqual(
      ['credit_note:FCT:1', 'delivery_note:AVZ:1', 'invoice:FCT:1', 'order:CMD:1', 'receipt:CHT:1'],
    );
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(s) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ tenant: { name: 'Vulcanizare Ștefan & Fiii 🚗', cui: '14399840' }, user: { role: 'owner' } });
  });

  it('refuses a duplicate email (409), a weak password (400) and a CUI with a wrong check digit (400)', async () => {
    const s = await registerCompany(t.app);
    const dup = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: s.user.email.toUpperCase(), password: 'Garaj-Constanta-7', company: { name: 'X' } } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<ErrorBody>().error.code).toBe('conflict');

    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'weak@x.ro', password: 'password123', company: { name: 'X' } } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<ErrorBody>().error.message).toMatch(/common/);

    const cui = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'cui@x.ro', password: 'Garaj-Constanta-7', company: { name: 'X', cui: '14399841' } } });
    expect(cui.statusCode).toBe(400);
    expect(cui.json<ErrorBody>().error.message).toMatch(/CUI/);
    const nothing = await t.app.database.db.selectFrom('users').select('id').where('email', 'in', ['weak@x.ro', 'cui@x.ro']).execute();
    expect(nothing).toEqual([]);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const s = await registerCompany(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: s.user.email, password: 'Not-the-password-1' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@nowhere.ro', password: 'Not-the-password-1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    // The same answer but for the request's own id (every error answer carries it).
    const body = (r: typeof wrong) => {
      const { error } = r.json<{ error: Record<string, unknown> }>();
      expect(error.requestId).toBe(r.headers['x-request-id']);
      return { ...error, requestId: undefined };
    };
    expect(body(wrong)).toEqual(body(unknown));
    const ok = await login(t.app, s.user.email.toUpperCase(), s.password);
    expect(ok.user.id).toBe(s.user.id);
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const s = await registerCompany(t.app);
    const r1 = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } });
    expect(r1.statusCode).toBe(200);
    const s1 = r1.json<Session>();
    expect(s1.refreshToken).not.toBe(s.refreshToken);

    const s2 = (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s1.refreshToken } })).json<Session>();
    // The first token, already used, is presented again: theft. Everything of this login dies.
    const replay = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } });
    expect(replay.statusCode).toBe(401);
    const latest = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s2.refreshToken } });
    expect(latest.statusCode).toBe(401);

    // Another login of the same user is a different family and still works.
    const other = await login(t.app, s.user.email, s.password);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: other.refreshToken } })).statusCode).toBe(200);
  });

  it('logs out: the refresh token stops working', async () => {
    const s = await registerCompany(t.app);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: s.refreshToken } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } })).statusCode).toBe(401);
  });

  it('signs an offline lease of at most 30 days that the API never accepts as a credential', async () => {
    const s = await registerCompany(t.app);
    const lease = s.offlineLease?.token ?? '';
    const claims = decodeJwt(lease);
    expect(claims.exp && claims.iat && claims.exp - claims.iat).toBeLessThanOrEqual(30 * 86_400);
    expect(claims).toMatchObject({ sub: s.user.id, tid: s.tenant?.id, typ: 'offline_lease' });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${lease}` } });
    expect(me.statusCode).toBe(401);
    const key = await t.app.inject({ method: 'GET', url: '/api/auth/lease-key' });
    expect(key.json<{ keys: { kty: string; d?: string }[] }>().keys[0]).toMatchObject({ kty: 'OKP' });
    expect(key.json<{ keys: { d?: string }[] }>().keys[0]?.d).toBeUndefined();
  });

  it('rejects requests without a token, with a forged one, and after the password changed', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const s = await registerCompany(t.app);
    const [h, p] = s.accessToken.split('.');
    const forged = `${h}.${p}.${'A'.repeat(86)}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);

    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(s), payload: { currentPassword: s.password, newPassword: 'Alt-Garaj-Mangalia-9' } });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(s) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(changed.json<Session>()) })).statusCode).toBe(200);
    await login(t.app, s.user.email, 'Alt-Garaj-Mangalia-9');
  });

  it('answers bad input with JSON errors: malformed, wrong types, missing fields, oversized', async () => {
    const cases = [
      { payload: '{"email":', type: 'application/json', status: 400, code: 'invalid_json' },
      { payload: JSON.stringify({ email: 42, password: true }), type: 'application/json', status: 400, code: 'validation_failed' },
      { payload: JSON.stringify({ password: 'x' }), type: 'application/json', status: 400, code: 'validation_failed' },
      { payload: JSON.stringify({ email: 'a@b.ro', password: 'x'.repeat(2_000_000) }), type: 'application/json', status: 413, code: 'payload_too_large' },
      { payload: 'email=a', type: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
    ];
    for (const c of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': c.type }, payload: c.payload });
      expect(r.statusCode, c.payload.slice(0, 30)).toBe(c.status);
      expect(r.json<ErrorBody>().error.code).toBe(c.code);
    }
  });
});

describe(`auth rate limit per IP on ${testEngine()}`, () => {
  it('answers 429 past the per-minute limit of the sign-in endpoints', async () => {
    const t = await createTestApp({ auth: { rateLimitPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `x${i}@y.ro`, password: 'Whatever-123' } });
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
