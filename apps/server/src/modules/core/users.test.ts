import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../core/auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };

describe(`users and invitations on ${testEngine()}`, () => {
  let t: TestApp;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin } });
    admin = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  async function setMaxUsers(tenantId: string, maxUsers: number) {
    const r = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${tenantId}/entitlements`, headers: bearer(admin), payload: { limits: { maxUsers } } });
    expect(r.statusCode).toBe(200);
  }

  it('invites up to maxUsers and answers 402 limit_reached beyond', async () => {
    const owner = await registerCompany(t.app);
    // Basic allows one user: the owner fills it.
    const refused = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: 'mecanic@x.ro', role: 'mechanic' } });
    expect(refused.statusCode).toBe(402);
    expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'limit_reached', limit: 'maxUsers', max: 1 });

    await setMaxUsers(owner.tenant?.id ?? '', 2);
    const ok = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: 'Mecanic@X.ro', role: 'mechanic' } });
    expect(ok.statusCode).toBe(201);
    const invitation = ok.json<{ token: string; email: string }>();
    expect(invitation.email).toBe('mecanic@x.ro');
    // The open invitation holds the second seat.
    const third = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: 'altul@x.ro', role: 'mechanic' } });
    expect(third.statusCode).toBe(402);

    const accepted = await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: invitation.token, password: 'Cheie-Franceza-12', name: 'Ion Mecanicu' } });
    expect(accepted.statusCode).toBe(201);
    const mechanic = accepted.json<Session>();
    expect(mechanic.user).toMatchObject({ email: 'mecanic@x.ro', role: 'mechanic' });
    expect(mechanic.tenant?.id).toBe(owner.tenant?.id);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: invitation.token, password: 'Cheie-Franceza-12' } });
    expect(again.statusCode).toBe(410);
    expect(again.json<ErrorBody>().error).toMatchObject({ code: 'gone', reason: 'used' });

    // A mechanic may not manage users.
    const byMechanic = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(mechanic) });
    expect(byMechanic.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(owner) });
    expect(list.json<{ users: { email: string }[] }>().users.map((u) => u.email).sort()).toEqual(['mecanic@x.ro', owner.user.email].sort());
  });

  it('changes roles and deactivates users with an audit line, and the change ends their tokens at once', async () => {
    const owner = await registerCompany(t.app);
    await setMaxUsers(owner.tenant?.id ?? '', 5);
    const inv = (await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: `m-${Date.now()}@x.ro`, role: 'mechanic' } })).json<{ token: string }>();
    const m = (await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.token, password: 'Cheie-Franceza-12' } })).json<Session>();

    const promote = await t.app.inject({ method: 'PATCH', url: `/api/users/${m.user.id}`, headers: bearer(owner), payload: { role: 'admin' } });
    expect(promote.statusCode).toBe(200);
    expect(promote.json()).toMatchObject({ role: 'admin', active: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(m) })).statusCode).toBe(401);
    const asAdmin = await login(t.app, m.user.email, 'Cheie-Franceza-12');
    expect(asAdmin.user.role).toBe('admin');
    // An admin cannot touch the owner nor make admins.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${owner.user.id}`, headers: bearer(asAdmin), payload: { active: false } })).statusCode).toBe(403);

    const off = await t.app.inject({ method: 'PATCH', url: `/api/users/${m.user.id}`, headers: bearer(owner), payload: { active: false } });
    expect(off.json()).toMatchObject({ active: false });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(asAdmin) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: asAdmin.refreshToken } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: m.user.email, password: 'Cheie-Franceza-12' } })).statusCode).toBe(401);

    const actions = await t.app.database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', owner.tenant?.id ?? '').where('target', '=', m.user.id).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['user.deactivated', 'user.role_changed']);
  });
});
