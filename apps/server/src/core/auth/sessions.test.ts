import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './auth.service';
import { hashToken, refreshRetryGraceMs } from './tokens';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

describe(`sessions end at once on ${testEngine()}`, () => {
  let t: TestApp;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin } });
  });
  afterAll(async () => t.close());

  const me = (s: { accessToken: string }) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(s) });
  const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const logout = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken } });

  it('refuses the access token of a signed-out session on the very next request', async () => {
    const s = await registerCompany(t.app);
    const other = await login(t.app, s.user.email, s.password);
    // Seen once, so a verified copy of the token is in memory when the session ends.
    expect((await me(s)).statusCode).toBe(200);
    expect((await logout(s.refreshToken)).statusCode).toBe(204);
    expect((await me(s)).statusCode).toBe(401);
    expect((await me(s)).statusCode).toBe(401);
    // Another sign-in of the same person is another session and goes on.
    expect((await me(other)).statusCode).toBe(200);
  });

  it('refuses every access token of a family revoked by refresh-token reuse', async () => {
    const s = await registerCompany(t.app);
    const rotated = (await refresh(s.refreshToken)).json<Session>();
    const again = (await refresh(rotated.refreshToken)).json<Session>();
    expect((await me(again)).statusCode).toBe(200);
    // A spent refresh token whose successor was used comes back: the whole sign-in is ended.
    expect((await refresh(s.refreshToken)).statusCode).toBe(401);
    expect((await me(again)).statusCode).toBe(401);
    expect((await me(s)).statusCode).toBe(401);
  });

  /** Moves the moment a refresh token was spent, and its successor made, back by `ms`, as if that long had passed since. */
  const spentAgo = async (refreshToken: string, ms: number) => {
    const db = t.app.database.db;
    const spent = await db.selectFrom('refresh_tokens').select(['family_id', 'used_at']).where('token_hash', '=', hashToken(refreshToken)).executeTakeFirstOrThrow();
    const earlier = new Date(Date.parse(spent.used_at ?? '') - ms).toISOString();
    await db.updateTable('refresh_tokens').set({ created_at: earlier }).where('family_id', '=', spent.family_id).where('created_at', '=', spent.used_at).execute();
    await db.updateTable('refresh_tokens').set({ used_at: earlier }).where('token_hash', '=', hashToken(refreshToken)).execute();
  };

  it('lets a device that lost the answer of a rotation ask again with its spent token, once, within a minute', async () => {
    const s = await registerCompany(t.app);
    // The page reloads while the token is rotated: the answer (`lost`) never reaches it.
    const lost = (await refresh(s.refreshToken)).json<Session>();
    await spentAgo(s.refreshToken, refreshRetryGraceMs - 5000);
    const retried = await refresh(s.refreshToken);
    expect(retried.statusCode).toBe(200);
    const session = retried.json<Session>();
    expect(session.refreshToken).not.toBe(lost.refreshToken);
    expect((await me(session)).statusCode).toBe(200);
    // The same token a third time: its successor (the retry's) is not the one it was rotated into first,
    // and the lost one is revoked; a copy of the spent token is no longer a retry.
    expect((await refresh(s.refreshToken)).statusCode).toBe(401);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('ends the sign-in when the lost answer turns up later: its token was revoked by the retry', async () => {
    const s = await registerCompany(t.app);
    const lost = (await refresh(s.refreshToken)).json<Session>();
    const session = (await refresh(s.refreshToken)).json<Session>();
    expect((await me(session)).statusCode).toBe(200);
    expect((await refresh(lost.refreshToken)).statusCode).toBe(401);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('takes a spent token for a stolen copy after the grace, even with its successor unused', async () => {
    const s = await registerCompany(t.app);
    const rotated = (await refresh(s.refreshToken)).json<Session>();
    await spentAgo(s.refreshToken, refreshRetryGraceMs + 5000);
    expect((await refresh(s.refreshToken)).statusCode).toBe(401);
    expect((await me(rotated)).statusCode).toBe(401);
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
  });

  it('ends the other sessions on a password change and a deactivation at once', async () => {
    const s = await registerCompany(t.app);
    const other = await login(t.app, s.user.email, s.password);
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(s), payload: { currentPassword: s.password, newPassword: 'Alt-Garaj-Mangalia-9' } });
    expect(changed.statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(changed.json<Session>())).statusCode).toBe(200);

    const adminSession = await login(t.app, superAdmin.email, superAdmin.password);
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id ?? ''}/entitlements`, headers: bearer(adminSession), payload: { limits: { maxUsers: 3 } } });
    const inv = (await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(changed.json<Session>()), payload: { email: `m-${Date.now()}@x.ro`, role: 'mechanic' } })).json<{ token: string }>();
    const mechanic = (await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.token, password: 'Cheie-Franceza-12' } })).json<Session>();
    expect((await me(mechanic)).statusCode).toBe(200);
    const off = await t.app.inject({ method: 'PATCH', url: `/api/users/${mechanic.user.id}`, headers: bearer(changed.json<Session>()), payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await me(mechanic)).statusCode).toBe(401);
    expect((await refresh(mechanic.refreshToken)).statusCode).toBe(401);
  });

  it("ends the platform operator's session at sign-out too", async () => {
    const s = await login(t.app, superAdmin.email, superAdmin.password);
    const tenants = () => t.app.inject({ method: 'GET', url: '/api/admin/tenants', headers: bearer(s) });
    expect((await tenants()).statusCode).toBe(200);
    expect((await logout(s.refreshToken)).statusCode).toBe(204);
    expect((await tenants()).statusCode).toBe(401);
  });
});
