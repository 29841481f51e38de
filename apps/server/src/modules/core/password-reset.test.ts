import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../core/auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

describe(`the owner resets a member's password on ${testEngine()}`, () => {
  let t: TestApp;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin }, mail: { outboxRoute: true, publicBaseUrl: 'https://app.roaauto.test' } });
  });
  afterAll(async () => t.close());

  async function companyWith(role: string) {
    const owner = await registerCompany(t.app);
    const operator = await login(t.app, superAdmin.email, superAdmin.password);
    await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${owner.tenant?.id ?? ''}/entitlements`, headers: bearer(operator), payload: { limits: { maxUsers: 5 } } });
    const email = `m-${Date.now()}-${Math.random().toString(36).slice(2)}@service.ro`;
    const inv = (await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email, role } })).json<{ token: string }>();
    const member = (await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.token, password: 'Cheie-Franceza-12' } })).json<Session>();
    return { owner, member };
  }
  const resetOf = (caller: Session, id: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/users/${id}/password-reset`, headers: bearer(caller), payload });

  it('mails the member a link, returns it, and the link sets the new password', async () => {
    const { owner, member } = await companyWith('mechanic');
    const res = await resetOf(owner, member.user.id, { locale: 'en' });
    expect(res.statusCode).toBe(200);
    const { link, email } = res.json<{ link: string; email: string }>();
    expect(email).toBe(member.user.email);
    expect(link).toMatch(/^https:\/\/app\.roaauto\.test\/account\/reset#[\w-]+$/);
    // The member's address also got their invitation, sent in the background: wait for the reset's mail.
    let mail: { text: string; subject: string } | undefined;
    for (let i = 0; i < 100 && !mail; i++) {
      const mails = (await t.app.inject({ method: 'GET', url: `/api/dev/outbox?to=${encodeURIComponent(member.user.email)}` })).json<{ messages: { text: string; subject: string }[] }>().messages;
      mail = mails.find((m) => m.text.includes(link));
      if (!mail) await new Promise((r) => setTimeout(r, 20));
    }
    expect(mail?.text).toContain("company's administrator");
    const token = link.split('#')[1] ?? '';
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password: 'Parola-Noua-Atelier-5' } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(member) })).statusCode).toBe(401);
    await login(t.app, member.user.email, 'Parola-Noua-Atelier-5');
    const trail = await t.app.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('target', '=', member.user.id).execute();
    expect(trail).toEqual(expect.arrayContaining([
      { action: 'auth.password_reset_requested', actor_id: owner.user.id },
      { action: 'auth.password_reset', actor_id: null },
    ]));
  });

  it("refuses a member of another company, a member without users.manage, and the owner's account", async () => {
    const a = await companyWith('mechanic');
    const b = await companyWith('admin');
    expect((await resetOf(a.owner, b.member.user.id)).statusCode).toBe(404);
    expect((await resetOf(a.owner, b.owner.user.id)).statusCode).toBe(404);
    expect((await resetOf(a.member, a.owner.user.id)).statusCode).toBe(403);
    // An administrator manages users, but not the owner.
    expect((await resetOf(b.member, b.owner.user.id)).statusCode).toBe(403);
    expect((await resetOf(a.owner, 'nu-exista')).statusCode).toBe(404);
    const none = await t.app.database.db.selectFrom('password_resets').select('id').where('user_id', 'in', [b.member.user.id, b.owner.user.id, a.owner.user.id]).execute();
    expect(none).toHaveLength(0);
  });
});
