import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../core/auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };

describe(`seat limits under concurrency on ${testEngine()}`, () => {
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
  const invite = (owner: Session, email: string) =>
    t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email, role: 'mechanic' } });

  it('lets exactly the free seats through when ten invitations arrive at once', async () => {
    const owner = await registerCompany(t.app);
    const tenantId = owner.tenant?.id ?? '';
    await setMaxUsers(tenantId, 5);
    expect((await invite(owner, 'deja-1@x.ro')).statusCode).toBe(201);
    expect((await invite(owner, 'deja-2@x.ro')).statusCode).toBe(201);

    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => invite(owner, `paralel-${i}@x.ro`)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 201, ...Array<number>(8).fill(402)]);
    for (const refused of answers.filter((a) => a.statusCode === 402)) {
      expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'limit_reached', limit: 'maxUsers', max: 5 });
    }
    const open = await t.app.database.db.selectFrom('invitations').select('id')
      .where('tenant_id', '=', tenantId).where('accepted_at', 'is', null).execute();
    expect(open).toHaveLength(4);
  });

  it('refuses to accept an old invitation once the limit was lowered below the seats in use', async () => {
    const owner = await registerCompany(t.app);
    const tenantId = owner.tenant?.id ?? '';
    await setMaxUsers(tenantId, 3);
    const first = (await invite(owner, 'primul@x.ro')).json<{ token: string }>();
    const second = (await invite(owner, 'al-doilea@x.ro')).json<{ token: string }>();
    await setMaxUsers(tenantId, 2);

    const accept = (token: string) => t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, password: 'Cheie-Franceza-12' } });
    expect((await accept(first.token)).statusCode).toBe(201);
    const refused = await accept(second.token);
    expect(refused.statusCode).toBe(402);
    expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'limit_reached', limit: 'maxUsers', max: 2 });
    expect(refused.json<ErrorBody>().error.message).toMatch(/seat limit/i);
    const users = await t.app.database.db.selectFrom('users').select('email').where('tenant_id', '=', tenantId).execute();
    expect(users.map((u) => u.email).sort()).toEqual([owner.user.email, 'primul@x.ro'].sort());
    // The refused invitation was not used up: it works once a seat is free again.
    await setMaxUsers(tenantId, 3);
    expect((await accept(second.token)).statusCode).toBe(201);
  });

  it('accepts parallel acceptances only up to the limit', async () => {
    const owner = await registerCompany(t.app);
    const tenantId = owner.tenant?.id ?? '';
    await setMaxUsers(tenantId, 6);
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) tokens.push((await invite(owner, `acc-${i}@x.ro`)).json<{ token: string }>().token);
    await setMaxUsers(tenantId, 3);
    const answers = await Promise.all(tokens.map((token) =>
      t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token, password: 'Cheie-Franceza-12' } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 402, 402, 402]);
    const active = await t.app.database.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('active', '=', 1).execute();
    expect(active).toHaveLength(3);
  });
});
