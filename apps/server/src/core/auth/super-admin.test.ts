import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { ensureSuperAdmin } from './super-admin';

describe(`super-admin bootstrap on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin: { email: 'Platforma@RoaAuto.test', password: 'Prima-Parola-2026' } } });
  });
  afterAll(async () => t.close());

  it('is created at start, left alone when unchanged, and a new password ends the old sessions', async () => {
    const first = await login(t.app, 'platforma@roaauto.test', 'Prima-Parola-2026');
    expect(first.user.role).toBe('super_admin');
    expect(await ensureSuperAdmin(t.app.database, 'platforma@roaauto.test', 'Prima-Parola-2026')).toBe('unchanged');
    expect(await ensureSuperAdmin(t.app.database, 'platforma@roaauto.test', 'A-Doua-Parola-2026')).toBe('updated');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/tenants', headers: bearer(first) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'platforma@roaauto.test', password: 'Prima-Parola-2026' } })).statusCode).toBe(401);
    await login(t.app, 'platforma@roaauto.test', 'A-Doua-Parola-2026');
  });

  it('refuses a weak password or an address that belongs to a company user', async () => {
    await expect(ensureSuperAdmin(t.app.database, 'x@roaauto.test', 'short')).rejects.toThrow(/at least 10/);
    const c = await registerCompany(t.app);
    await expect(ensureSuperAdmin(t.app.database, c.user.email, 'Prima-Parola-2026')).rejects.toThrow(/company user/);
    // And a company cannot sign up with the operator's address.
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'platforma@roaauto.test', password: 'Garaj-Constanta-7', company: { name: 'X' } } });
    expect(r.statusCode).toBe(409);
  });
});
