import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { hashToken } from './tokens';

type Mail = { to: string; subject: string; text: string; html: string | null };
type SessionRow = { id: string; device: string | null; createdAt: string; lastUsedAt: string; current: boolean };

describe(`the account: password, sessions and resets on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000 }, mail: { outboxRoute: true, publicBaseUrl: 'https://app.roaauto.test' } });
  });
  afterAll(async () => t.close());

  const me = (s: { accessToken: string }) => t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(s) });
  const sessionsOf = async (s: { accessToken: string }) =>
    (await t.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: bearer(s) })).json<{ sessions: SessionRow[] }>().sessions;
  const signIn = async (email: string, password: string, device: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': device }, payload: { email, password } });
    expect(res.statusCode).toBe(200);
    return res.json<Session>();
  };
  const outbox = async (to: string): Promise<Mail[]> =>
    (await t.app.inject({ method: 'GET', url: `/api/dev/outbox?to=${encodeURIComponent(to)}` })).json<{ messages: Mail[] }>().messages;
  /** The newest message to `to` after `before` messages, waiting a little: the answer does not wait for the mail. */
  const nextMail = async (to: string, before: number): Promise<Mail> => {
    for (let i = 0; i < 100; i++) {
      const messages = await outbox(to);
      if (messages.length > before && messages[0]) return messages[0];
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no mail to ${to}`);
  };
  const tokenOf = (mail: Mail) => {
    const match = /https:\/\/app\.roaauto\.test\/account\/reset#([\w-]+)/.exec(mail.text);
    if (!match?.[1]) throw new Error(`no link in ${mail.text}`);
    return match[1];
  };
  const requestReset = (email: string, remoteAddress = '10.1.1.1', locale?: 'ro' | 'en') =>
    t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', remoteAddress, payload: { email, ...(locale ? { locale } : {}) } });
  const reset = (token: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password } });

  it('changing the password ends the other sessions and keeps this device signed in', async () => {
    const s = await registerCompany(t.app);
    const here = await signIn(s.user.email, s.password, 'Mozilla/5.0 (Linux; Android 14) Telefon');
    const other = await signIn(s.user.email, s.password, 'Mozilla/5.0 (Windows NT 10.0) Birou');
    const before = await sessionsOf(here);
    const mine = before.find((x) => x.current);
    expect(mine?.device).toContain('Telefon');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { ...bearer(here), 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Telefon' }, payload: { currentPassword: s.password, newPassword: 'Alt-Garaj-Mangalia-9', keepThisSession: true } });
    expect(res.statusCode).toBe(200);
    const next = res.json<Session>();
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(s)).statusCode).toBe(401);
    expect((await me(here)).statusCode).toBe(401);
    expect((await me(next)).statusCode).toBe(200);
    const after = await sessionsOf(next);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ current: true });
    expect(after[0]?.device).toContain('Telefon');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: other.refreshToken } })).statusCode).toBe(401);
    await login(t.app, s.user.email, 'Alt-Garaj-Mangalia-9');
  });

  it('changing the password without keeping this session ends it too', async () => {
    const s = await registerCompany(t.app);
    const other = await login(t.app, s.user.email, s.password);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(s), payload: { currentPassword: s.password, newPassword: 'Alt-Garaj-Mangalia-9', keepThisSession: false } });
    expect(res.statusCode).toBe(204);
    expect((await me(s)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } })).statusCode).toBe(401);
  });

  it('refuses a wrong current password and a weak new one', async () => {
    const s = await registerCompany(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(s), payload: { currentPassword: 'Nu-Este-Parola-1', newPassword: 'Alt-Garaj-Mangalia-9' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { code: 'validation_failed', field: 'currentPassword' } });
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(s), payload: { currentPassword: s.password, newPassword: 'scurta' } });
    expect(weak.statusCode).toBe(400);
    expect((await me(s)).statusCode).toBe(200);
  });

  it("lists only the caller's live sessions, and ends one or all of them", async () => {
    const s = await registerCompany(t.app);
    const stranger = await registerCompany(t.app);
    const tablet = await signIn(s.user.email, s.password, 'Tableta atelier');
    const phone = await signIn(s.user.email, s.password, 'Telefon mecanic');
    const list = await sessionsOf(s);
    expect(list).toHaveLength(3);
    expect(list.filter((x) => x.current)).toHaveLength(1);
    expect(list.map((x) => x.id)).not.toContain((await sessionsOf(stranger))[0]?.id);
    // A refresh keeps the session (one row, later last use).
    const rotated = (await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: tablet.refreshToken } })).json<Session>();
    expect(await sessionsOf(s)).toHaveLength(3);

    const tabletId = (await sessionsOf(rotated)).find((x) => x.current)?.id ?? '';
    // Another person cannot end it.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${tabletId}`, headers: bearer(stranger) })).statusCode).toBe(404);
    expect((await me(rotated)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${tabletId}`, headers: bearer(s) })).statusCode).toBe(204);
    expect((await me(rotated)).statusCode).toBe(401);
    expect(await sessionsOf(s)).toHaveLength(2);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sessions/sign-out-everywhere', headers: bearer(s), payload: { keepThisSession: true } });
    expect(out.json()).toEqual({ ended: 1 });
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(s)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/sessions/sign-out-everywhere', headers: bearer(s), payload: {} });
    expect((await me(s)).statusCode).toBe(401);
    expect((await me(stranger)).statusCode).toBe(200);
  });

  it('resets a forgotten password through the mailed link, once, and ends every session', async () => {
    const s = await registerCompany(t.app);
    const before = (await outbox(s.user.email)).length;
    const res = await requestReset(s.user.email.toUpperCase(), '10.2.2.2');
    expect(res.statusCode).toBe(202);
    const mail = await nextMail(s.user.email, before);
    expect(mail.subject).toBe('Resetarea parolei ROA AUTO');
    expect(mail.text).toContain('60 de minute');
    const token = tokenOf(mail);
    expect(mail.html).toContain(`https://app.roaauto.test/account/reset#${token}`);

    // Kept hashed: the token itself is nowhere in the table.
    const rows = await t.app.database.db.selectFrom('password_resets').selectAll().where('user_id', '=', s.user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    expect((await reset(token, 'scurta')).statusCode).toBe(400);
    const done = await reset(token, 'Parola-Noua-Atelier-5');
    expect(done.statusCode).toBe(204);
    expect((await me(s)).statusCode).toBe(401);
    await login(t.app, s.user.email, 'Parola-Noua-Atelier-5');
    const again = await reset(token, 'Inca-O-Parola-Noua-6');
    expect(again.statusCode).toBe(404);
    await login(t.app, s.user.email, 'Parola-Noua-Atelier-5');
  });

  it('mails in English when asked, and refuses an expired link', async () => {
    const s = await registerCompany(t.app);
    const before = (await outbox(s.user.email)).length;
    await requestReset(s.user.email, '10.3.3.3', 'en');
    const mail = await nextMail(s.user.email, before);
    expect(mail.subject).toBe('Reset your ROA AUTO password');
    const token = tokenOf(mail);
    await t.app.database.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', hashToken(token)).execute();
    expect((await reset(token, 'Parola-Noua-Atelier-5')).statusCode).toBe(404);
    expect((await reset('nu-exista-asa-ceva', 'Parola-Noua-Atelier-5')).statusCode).toBe(404);
    await login(t.app, s.user.email, s.password);
  });

  it('answers alike whether the address has an account or not, and limits requests', async () => {
    const s = await registerCompany(t.app);
    const known = await requestReset(s.user.email, '10.4.4.4');
    const unknown = await requestReset('nimeni-aici@nicaieri.ro', '10.4.4.4');
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
    await nextMail(s.user.email, 0);
    expect(await outbox('nimeni-aici@nicaieri.ro')).toHaveLength(0);

    // One client asking again and again for one address is slowed down, whether it exists or not.
    for (const email of [s.user.email, 'altcineva@nicaieri.ro']) {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await requestReset(email, '10.5.5.5')).statusCode);
      expect(codes.slice(0, 3)).toEqual([202, 202, 202]);
      expect(codes).toContain(429);
    }
    // From many addresses, one account still gets at most a few links an hour.
    for (let i = 0; i < 8; i++) expect((await requestReset(s.user.email, `10.6.6.${i}`)).statusCode).toBe(202);
    await t.app.inject({ method: 'GET', url: '/api/health' });
    await new Promise((r) => setTimeout(r, 200));
    const links = await t.app.database.db.selectFrom('password_resets').select('id').where('user_id', '=', s.user.id).execute();
    expect(links.length).toBeLessThanOrEqual(5);
  });

  it('a new password spends the open reset links', async () => {
    const s = await registerCompany(t.app);
    await requestReset(s.user.email, '10.7.7.7');
    const token = tokenOf(await nextMail(s.user.email, 0));
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(s), payload: { currentPassword: s.password, newPassword: 'Alt-Garaj-Mangalia-9' } });
    expect(changed.statusCode).toBe(200);
    expect((await reset(token, 'Parola-Noua-Atelier-5')).statusCode).toBe(404);
  });
});
