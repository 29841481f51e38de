import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../core/auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };
type Link = { id: string; email: string; role: string; expiresAt: string; token: string };
type Team = {
  users: { id: string; email: string; name: string | null; role: string; active: boolean; lastSeenAt: string | null }[];
  invitations: { id: string; email: string; role: string; expiresAt: string; createdAt: string }[];
  seats: { used: number; max: number | null; plan: string };
};

const password = 'Cheie-Franceza-12';

describe(`invitation links and the team list on ${testEngine()}`, () => {
  let t: TestApp;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  let operator: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin }, mail: { outboxRoute: true, publicBaseUrl: 'https://app.roaauto.test' } });
    operator = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  async function companyWithSeats(maxUsers: number, name?: string) {
    const owner = await registerCompany(t.app, name ? { company: { name } } : {});
    const r = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${owner.tenant?.id ?? ''}/entitlements`, headers: bearer(operator), payload: { limits: { maxUsers } } });
    expect(r.statusCode).toBe(200);
    return owner;
  }
  let n = 0;
  const invite = async (owner: Session, role = 'mechanic', email = `inv-${++n}-${Date.now()}@x.ro`) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email, role } });
    expect(r.statusCode).toBe(201);
    return r.json<Link>();
  };
  const details = (token: string) => t.app.inject({ method: 'POST', url: '/api/auth/invitation', payload: { token } });
  const accept = (token: string, name?: string) => t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, password, ...(name ? { name } : {}) } });
  const team = async (who: Session) => {
    const r = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(who) });
    expect(r.statusCode).toBe(200);
    return r.json<Team>();
  };

  it('mails the invitation in the inviter\'s language, with the company, the role and the link that joins', async () => {
    const owner = await companyWithSeats(5, 'Service Mail SRL');
    const email = `mail-${Date.now()}@x.ro`;
    const r = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email, role: 'mechanic', locale: 'ro' } });
    expect(r.statusCode).toBe(201);
    const link = r.json<Link>();
    let mail: { to: string; subject: string; text: string } | undefined;
    for (let i = 0; i < 100 && !mail; i++) {
      const box = await t.app.inject({ method: 'GET', url: `/api/dev/outbox?to=${encodeURIComponent(email)}` });
      mail = box.json<{ messages: { to: string; subject: string; text: string }[] }>().messages[0];
      if (!mail) await new Promise((done) => setTimeout(done, 20));
    }
    expect(mail?.subject).toBe('Invitație în echipa Service Mail SRL — ROA AUTO');
    expect(mail?.text).toContain('ca mecanic');
    expect(mail?.text).toContain(`https://app.roaauto.test/account/join#${link.token}`);
    expect((await accept(link.token, 'Ion Mecanic')).statusCode).toBe(201);
  });

  it('tells the company, the e-mail and the role of a link, nothing else', async () => {
    const owner = await companyWithSeats(3, 'Service Roata Verde SRL');
    const link = await invite(owner, 'mechanic', 'Ana.Pop@X.ro');
    const r = await details(link.token);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ company: 'Service Roata Verde SRL', email: 'ana.pop@x.ro', role: 'mechanic', expiresAt: link.expiresAt });
    const unknown = await details('no-such-token');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<ErrorBody>().error.code).toBe('not_found');
  });

  it('answers 410 with the reason for a used, a withdrawn and an expired link', async () => {
    const owner = await companyWithSeats(5);
    const used = await invite(owner);
    expect((await accept(used.token, 'Ion')).statusCode).toBe(201);
    const withdrawn = await invite(owner);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/users/invitations/${withdrawn.id}`, headers: bearer(owner) })).statusCode).toBe(204);
    const expired = await invite(owner);
    await t.app.database.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expired.id).execute();

    for (const [link, reason] of [[used, 'used'], [withdrawn, 'withdrawn'], [expired, 'expired']] as const) {
      const read = await details(link.token);
      expect({ reason, status: read.statusCode }).toEqual({ reason, status: 410 });
      expect(read.json<ErrorBody>().error).toMatchObject({ code: 'gone', reason });
      const tried = await accept(link.token);
      expect({ reason, status: tried.statusCode }).toEqual({ reason, status: 410 });
      expect(tried.json<ErrorBody>().error).toMatchObject({ code: 'gone', reason });
    }
    const emails = (await team(owner)).users.map((u) => u.email);
    expect(emails).toContain(used.email);
    expect(emails).not.toContain(withdrawn.email);
    expect(emails).not.toContain(expired.email);
  });

  it('gives a fresh link: the old one stops working, the new one joins; an expired one needs a free seat', async () => {
    const owner = await companyWithSeats(2);
    const first = await invite(owner);
    const renewed = await t.app.inject({ method: 'POST', url: `/api/users/invitations/${first.id}/link`, headers: bearer(owner) });
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json<Link>();
    expect(fresh).toMatchObject({ id: first.id, email: first.email, role: 'mechanic' });
    expect(fresh.token).not.toBe(first.token);
    expect((await details(first.token)).statusCode).toBe(404);
    expect((await details(fresh.token)).statusCode).toBe(200);
    // The hash is what is stored, never the token.
    const row = await t.app.database.db.selectFrom('invitations').select('token_hash').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(fresh.token);

    // Expired, it holds no seat: another invitation takes the seat, and the old one cannot come back.
    await t.app.database.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', first.id).execute();
    await invite(owner);
    const refused = await t.app.inject({ method: 'POST', url: `/api/users/invitations/${first.id}/link`, headers: bearer(owner) });
    expect(refused.statusCode).toBe(402);
    expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'limit_reached', max: 2 });

    // A used invitation gets no new link.
    const other = await companyWithSeats(3);
    const used = await invite(other);
    expect((await accept(used.token)).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/invitations/${used.id}/link`, headers: bearer(other) })).statusCode).toBe(404);
  });

  it('lists users with when they were last seen, open invitations and the seats against the plan', async () => {
    const owner = await companyWithSeats(3);
    const link = await invite(owner, 'accountant');
    const before = await team(owner);
    expect(before.seats).toEqual({ used: 2, max: 3, plan: 'basic' });
    expect(before.invitations).toEqual([expect.objectContaining({ id: link.id, email: link.email, role: 'accountant' })]);
    expect(before.users[0]).toMatchObject({ id: owner.user.id, role: 'owner', active: true });
    expect(before.users[0]?.lastSeenAt).toEqual(expect.any(String));
    expect((await accept(link.token, 'Maria Contabil')).statusCode).toBe(201);
    const after = await team(owner);
    expect(after.seats.used).toBe(2);
    expect(after.invitations).toEqual([]);
    expect(after.users.find((u) => u.email === link.email)).toMatchObject({ name: 'Maria Contabil', role: 'accountant', active: true });
  });

  it("shows the owner's name given at sign-up", async () => {
    const r = await t.app.inject({
      method: 'POST', url: '/api/auth/register',
      payload: { email: `patron-${Date.now()}@x.ro`, password: 'Garaj-Constanta-7', name: '  Maria Popescu ', company: { name: 'Service Cu Nume SRL' }, seedCatalog: false },
    });
    expect(r.statusCode).toBe(201);
    const owner = r.json<Session>();
    expect(owner.user.name).toBe('Maria Popescu');
    expect((await team(owner)).users).toEqual([expect.objectContaining({ id: owner.user.id, name: 'Maria Popescu', role: 'owner' })]);
  });

  it('lets only users.manage withdraw or renew, and an admin cannot renew an admin invitation', async () => {
    const owner = await companyWithSeats(6);
    const mechanic = (await accept((await invite(owner)).token)).json<Session>();
    const accountant = (await accept((await invite(owner, 'accountant')).token)).json<Session>();
    const adminSession = (await accept((await invite(owner, 'admin')).token)).json<Session>();
    const open = await invite(owner, 'admin');
    for (const who of [mechanic, accountant]) {
      expect((await t.app.inject({ method: 'DELETE', url: `/api/users/invitations/${open.id}`, headers: bearer(who) })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/api/users/invitations/${open.id}/link`, headers: bearer(who) })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(who) })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/users/invitations/${open.id}/link`, headers: bearer(adminSession) })).statusCode).toBe(403);
    expect((await details(open.token)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/users/invitations/${open.id}`, headers: bearer(adminSession) })).statusCode).toBe(204);
  });

  it("never shows nor touches another company's users and invitations", async () => {
    const a = await companyWithSeats(3);
    const b = await companyWithSeats(3);
    const bLink = await invite(b, 'mechanic', `b-only-${Date.now()}@b.ro`);
    const aTeam = await team(a);
    expect(aTeam.users.map((u) => u.id)).toEqual([a.user.id]);
    expect(aTeam.invitations).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/invitations/${bLink.id}/link`, headers: bearer(a) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/users/invitations/${bLink.id}`, headers: bearer(a) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${b.user.id}`, headers: bearer(a), payload: { active: false } })).statusCode).toBe(404);
    // B's link still works: nothing A did reached it.
    expect((await details(bLink.token)).statusCode).toBe(200);
    expect((await team(b)).invitations.map((i) => i.id)).toEqual([bLink.id]);
  });

  it('keeps the owner out of reach of the team page and ends a deactivated user at once', async () => {
    const owner = await companyWithSeats(3);
    const mechanic = (await accept((await invite(owner)).token)).json<Session>();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${owner.user.id}`, headers: bearer(owner), payload: { active: false } })).statusCode).toBe(403);
    const off = await t.app.inject({ method: 'PATCH', url: `/api/users/${mechanic.user.id}`, headers: bearer(owner), payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(mechanic) })).statusCode).toBe(401);
    expect((await team(owner)).seats.used).toBe(1);
    const on = await t.app.inject({ method: 'PATCH', url: `/api/users/${mechanic.user.id}`, headers: bearer(owner), payload: { active: true } });
    expect(on.json()).toMatchObject({ active: true });
    expect((await login(t.app, mechanic.user.email, password)).user.role).toBe('mechanic');
  });
});
