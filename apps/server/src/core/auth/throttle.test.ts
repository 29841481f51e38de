import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../config';
import { clientOf } from './sign-in-throttle';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string; retryAfter?: number } };

const wrong = 'Not-the-password-1';

describe('the client a failed sign-in is counted against', () => {
  it('is the IPv4 address, or the /64 an IPv6 address belongs to', () => {
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8:1:2::9')).toBe(clientOf('2001:db8:1:2:ffff::1'));
    expect(clientOf('2001:db8:1:3::9')).not.toBe(clientOf('2001:db8:1:2::9'));
    expect(clientOf('not an address')).toBe('not an address');
  });
});

describe('TRUST_PROXY', () => {
  const base = { DATA_DIR: '/tmp/roaauto-config-test' };

  it('trusts no proxy by default, and takes addresses and ranges', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,fd00::/8' }).trustProxy)
      .toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8']);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
  });

  it('refuses values that would trust anyone, a hop count, and what is not an address', () => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY: a hop count/);
    for (const value of ['true', '*', '0', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', 'proxy.local', '10.0.0.1,,']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: value }), value).toThrow(/TRUST_PROXY/);
    }
  });
});

describe(`per-IP sign-in limit behind proxies on ${testEngine()}`, () => {
  let direct: TestApp;
  let behindProxy: TestApp;
  beforeAll(async () => {
    direct = await createTestApp({ auth: { rateLimitPerMinute: 3 } });
    behindProxy = await createTestApp({ auth: { rateLimitPerMinute: 3 }, trustProxy: ['127.0.0.1'] });
  }, 60_000);
  afterAll(async () => {
    await direct.close();
    await behindProxy.close();
  });

  const attempts = async (t: TestApp, remoteAddress: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST', url: '/api/auth/login', remoteAddress,
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        payload: { email: `x${i}@y.ro`, password: 'Whatever-123' },
      });
      statuses.push(r.statusCode);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await attempts(direct, '127.0.0.1')).toEqual([401, 401, 401, 429, 429]);
  });

  it('reads X-Forwarded-For only from a trusted proxy', async () => {
    expect(await attempts(behindProxy, '127.0.0.1')).toEqual([401, 401, 401, 401, 401]);
    expect(await attempts(behindProxy, '198.51.100.7')).toEqual([401, 401, 401, 429, 429]);
  });
});

describe(`sign-in backoff per account and client on ${testEngine()}`, () => {
  let t: TestApp;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 100_000, superAdmin } });
  }, 60_000);
  afterAll(async () => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const signIn = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } });
  const retryAfter = (r: LightMyRequestResponse): number => {
    expect(r.statusCode).toBe(429);
    const body = r.json<ErrorBody>().error;
    expect(body.code).toBe('rate_limited');
    expect(r.headers['retry-after']).toBe(String(body.retryAfter));
    return body.retryAfter ?? 0;
  };

  it('lets the owner in from elsewhere after 50 wrong passwords from one address', async () => {
    const s = await registerCompany(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await signIn(s.user.email, wrong, '203.0.113.10')).statusCode);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(new Set(statuses.slice(4))).toEqual(new Set([429]));

    expect((await signIn(s.user.email, s.password, '198.51.100.20')).statusCode).toBe(200);
    // The address that kept failing is still slowed, right password or not.
    expect(retryAfter(await signIn(s.user.email, s.password, '203.0.113.10'))).toBeGreaterThan(0);
  }, 30_000);

  it('makes an address wait longer after every failure', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    const s = await registerCompany(t.app);
    const waits: number[] = [];
    for (let i = 0; i < 30 && waits.length < 8; i++) {
      const r = await signIn(s.user.email, wrong, '203.0.113.11');
      if (r.statusCode === 401) continue;
      const wait = retryAfter(r);
      waits.push(wait);
      // One second early is still refused; on time the next guess is heard.
      vi.setSystemTime(Date.now() + (wait - 1) * 1000);
      retryAfter(await signIn(s.user.email, wrong, '203.0.113.11'));
      vi.setSystemTime(Date.now() + 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    // Another address of the owner is not slowed by any of it.
    expect((await signIn(s.user.email, s.password, '198.51.100.21')).statusCode).toBe(200);
  }, 30_000);

  it('counts guesses sent in parallel from one address', async () => {
    const s = await registerCompany(t.app);
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(s.user.email, wrong, '203.0.113.12')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(16);
  }, 30_000);

  it("keeps the platform operator's account usable under a spread-out attack, slowing every guessing address", async () => {
    const addresses = Array.from({ length: 35 }, (_, i) => `203.0.113.${100 + i}`);
    // Three guesses from each of 35 addresses: each address's free tries, over 100 for the account.
    await Promise.all(addresses.map(async (ip) => {
      for (let i = 0; i < 3; i++) expect((await signIn(superAdmin.email, wrong, ip)).statusCode).toBe(401);
    }));
    // The account is under attack: a new address gets one guess, then waits.
    expect((await signIn(superAdmin.email, wrong, '192.0.2.1')).statusCode).toBe(401);
    expect(retryAfter(await signIn(superAdmin.email, wrong, '192.0.2.1'))).toBe(1);
    // The operator, from their own address, is never locked out.
    const ok = await signIn(superAdmin.email, superAdmin.password, '192.0.2.2');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ user: { role: string } }>().user.role).toBe('super_admin');
  }, 60_000);
});
