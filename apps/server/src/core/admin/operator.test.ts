import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Entitlements } from '@roaauto/shared';
import type { Session } from '../auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';

type ErrorBody = { error: { code: string; message: string; [k: string]: unknown } };
type Line = { id: string; action: string; actor: string | null; actorKind: string; target: string | null; tenantId?: string | null; details: Record<string, unknown> };
const superAdmin = { email: 'consola@roaauto.test', password: 'Platforma-Sigura-2026' };
const billingSecret = 'test-billing-secret-operator-01';
const sign = (body: string) => `sha256=${createHmac('sha256', billingSecret).update(body).digest('hex')}`;

describe(`operator console and company audit trail on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin, billingSecret }, mail: { outboxRoute: true, publicBaseUrl: 'https://app.roaauto.test' } });
    t.app.get('/api/probe/op-sync', { preHandler: t.app.guards.module('cloud_sync') }, async () => ({ ok: true }));
    t.app.get('/api/probe/op-workshop', { preHandler: t.app.guards.module('workshop') }, async () => ({ ok: true }));
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  const get = (url: string, s?: { accessToken: string }) => t.app.inject({ method: 'GET', url, headers: s ? bearer(s) : {} });
  const post = (url: string, payload: object | undefined, s?: { accessToken: string }) =>
    t.app.inject({ method: 'POST', url, headers: s ? bearer(s) : {}, ...(payload ? { payload } : {}) });

  const operatorRoutes = (id: string): [method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object][] => [
    ['GET', '/api/admin/tenants'],
    ['GET', `/api/admin/tenants/${id}`],
    ['POST', '/api/admin/tenants', { name: 'Nu SRL', ownerEmail: `nu-${newId()}@x.ro` }],
    ['PATCH', `/api/admin/tenants/${id}/entitlements`, { plan: 'full' }],
    ['POST', `/api/admin/tenants/${id}/suspend`, {}],
    ['POST', `/api/admin/tenants/${id}/reactivate`, {}],
    ['GET', '/api/admin/audit'],
    ['GET', `/api/admin/audit?tenantId=${id}`],
    ['GET', '/api/admin/billing-events'],
  ];

  it('answers 403 to every company role and 401 to anonymous callers on every operator route', async () => {
    const owner = await registerCompany(t.app);
    const id = owner.tenant?.id ?? '';
    const before = (await get(`/api/admin/tenants/${id}`, op)).json<{ entitlements: Entitlements }>().entitlements;
    for (const [method, url, payload] of operatorRoutes(id)) {
      const as = await t.app.inject({ method, url, headers: bearer(owner), ...(payload ? { payload } : {}) });
      expect({ method, url, status: as.statusCode }).toEqual({ method, url, status: 403 });
      const anon = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect({ method, url, status: anon.statusCode }).toEqual({ method, url, status: 401 });
    }
    const after = (await get(`/api/admin/tenants/${id}`, op)).json<{ entitlements: Entitlements }>().entitlements;
    expect(after).toEqual(before);
  });

  it('creates a company with its owner invitation; the owner joins by the link and lands in the new company', async () => {
    const email = `patron-${newId()}@atelier.ro`;
    const created = await post('/api/admin/tenants', { name: 'Atelier Nou SRL', cui: 'RO14399840', ownerEmail: email, plan: 'pro', billingStatus: 'active' }, op);
    expect(created.statusCode).toBe(201);
    const body = created.json<{ tenant: { id: string; entitlements: Entitlements }; invitation: { email: string; token: string; path: string } }>();
    expect(body.tenant.entitlements).toMatchObject({ plan: 'pro', billingStatus: 'active', version: 1 });
    expect(body.invitation.path).toBe(`/account/join#${body.invitation.token}`);
    // Only the hash of the token is stored.
    const stored = await t.app.database.db.selectFrom('invitations').selectAll().where('tenant_id', '=', body.tenant.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ email, role: 'owner' });
    expect(stored[0]?.token_hash).not.toBe(body.invitation.token);
    // The owner gets the link by e-mail too.
    let mail: { subject: string; text: string } | undefined;
    for (let i = 0; i < 100 && !mail; i++) {
      mail = (await get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json<{ messages: { subject: string; text: string }[] }>().messages[0];
      if (!mail) await new Promise((done) => setTimeout(done, 20));
    }
    expect(mail?.subject).toBe('Invitație în echipa Atelier Nou SRL — ROA AUTO');
    expect(mail?.text).toContain('ca proprietar');
    expect(mail?.text).toContain(`https://app.roaauto.test${body.invitation.path}`);

    const page = (await get(`/api/admin/tenants/${body.tenant.id}`, op)).json<{ name: string; cui: string; pendingOwnerInvitations: { email: string }[]; owners: unknown[] }>();
    expect(page).toMatchObject({ name: 'Atelier Nou SRL', cui: '14399840', owners: [], pendingOwnerInvitations: [{ email }] });

    const joined = await post('/api/auth/accept-invitation', { token: body.invitation.token, password: 'Patron-Atelier-2026', name: 'Ion' });
    expect(joined.statusCode).toBe(201);
    const owner = joined.json<Session>();
    expect(owner).toMatchObject({ user: { role: 'owner', email }, tenant: { id: body.tenant.id, name: 'Atelier Nou SRL' } });
    expect((await get('/api/me', owner)).statusCode).toBe(200);

    // The same address cannot own a second company; a bad CUI and unknown fields are refused.
    expect((await post('/api/admin/tenants', { name: 'Alt SRL', ownerEmail: email }, op)).statusCode).toBe(409);
    const badCui = await post('/api/admin/tenants', { name: 'Alt SRL', cui: 'RO14399841', ownerEmail: `x-${newId()}@x.ro` }, op);
    expect(badCui.json<ErrorBody>().error).toMatchObject({ code: 'validation_failed', field: 'cui' });
    expect((await post('/api/admin/tenants', { name: 'Alt SRL', ownerEmail: `y-${newId()}@x.ro`, owner: true }, op)).statusCode).toBe(400);

    // Both changes are in the company's trail with the operator's identity.
    const trail = (await get(`/api/admin/audit?tenantId=${body.tenant.id}`, op)).json<{ lines: Line[] }>().lines;
    const byOperator = trail.filter((l) => l.actorKind === 'platform_admin').map((l) => [l.action, l.actor]);
    expect(byOperator).toEqual(expect.arrayContaining([['tenant.created', superAdmin.email], ['user.invited', superAdmin.email]]));
  });

  it('lists companies with search, status filter, usage, documents this month, last activity and storage', async () => {
    const c = await registerCompany(t.app, { company: { name: 'Vulcanizare Căutată SRL' } });
    const id = c.tenant?.id ?? '';
    const now = new Date().toISOString();
    await t.app.database.db.insertInto('document_events').values([0, 1].map((i) => ({
      id: newId(), tenant_id: id, created_at: now, updated_at: now, deleted_at: null, version: 1, last_client_id: null,
      document: 'factura' as const, document_id: newId(), actiune: i === 0 ? 'emitere' as const : 'tiparire' as const, descriere: `Factura FCT ${i + 1}`, user_id: c.user.id, client_id: null,
    }))).execute();
    const found = await get('/api/admin/tenants?q=c%C4%83utat%C4%83', op);
    expect(found.statusCode).toBe(200);
    type Row = { id: string; documentsThisMonth: number; lastActivityAt: string | null; storageRows: number; usage: { users: number } };
    const list = found.json<{ tenants: Row[]; total: number }>();
    expect(list.total).toBe(1);
    expect(list.tenants[0]).toMatchObject({ id, documentsThisMonth: 1, usage: { users: 1 } });
    expect(list.tenants[0]?.storageRows).toBe(2);
    expect(list.tenants[0]?.lastActivityAt).not.toBeNull();
    // By a user's email, and wildcards typed are plain text.
    expect((await get(`/api/admin/tenants?q=${encodeURIComponent(c.user.email)}`, op)).json<{ total: number }>().total).toBe(1);
    expect((await get('/api/admin/tenants?q=%25%25%25zzz', op)).json<{ total: number }>().total).toBe(0);
    const trials = (await get('/api/admin/tenants?status=trial&limit=500', op)).json<{ tenants: { id: string }[] }>().tenants.map((x) => x.id);
    expect(trials).toContain(id);
    expect((await get('/api/admin/tenants?status=blocked&limit=500', op)).json<{ tenants: { id: string }[] }>().tenants.map((x) => x.id)).not.toContain(id);
  });

  it('suspends a company (paid modules refused at its next request, free ones keep working) and reactivates it', async () => {
    const c = await registerCompany(t.app);
    const id = c.tenant?.id ?? '';
    expect((await get('/api/probe/op-sync', c)).statusCode).toBe(200);
    const suspended = await post(`/api/admin/tenants/${id}/suspend`, { reason: 'Factură neplătită' }, op);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json<Entitlements>()).toMatchObject({ billingStatus: 'blocked', version: 2 });
    expect((await get('/api/probe/op-sync', c)).json<ErrorBody>().error.code).toBe('module_not_entitled');
    expect((await get('/api/probe/op-workshop', c)).statusCode).toBe(200);
    expect((await get('/api/me', c)).json<{ modules: { cloud_sync: boolean } }>().modules.cloud_sync).toBe(false);

    const back = await post(`/api/admin/tenants/${id}/reactivate`, undefined, op);
    expect(back.json<Entitlements>()).toMatchObject({ billingStatus: 'active', version: 3 });
    expect((await get('/api/probe/op-sync', c)).statusCode).toBe(200);

    const page = (await get(`/api/admin/tenants/${id}`, op)).json<{ changes: { actor: string; version: number; summary: string[] }[] }>();
    expect(page.changes.slice(0, 2)).toEqual([
      { at: expect.any(String) as string, actorKind: 'platform_admin', actor: superAdmin.email, version: 3, summary: ['billingStatus:blocked>active'] },
      { at: expect.any(String) as string, actorKind: 'platform_admin', actor: superAdmin.email, version: 2, summary: ['billingStatus:trial>blocked'] },
    ]);
    const lines = (await get(`/api/admin/audit?tenantId=${id}&category=plan`, op)).json<{ lines: Line[] }>().lines;
    expect(lines.map((l) => l.action)).toEqual(['tenant.reactivated', 'tenant.suspended', 'tenant.registered']);
    expect(lines[1]?.details).toMatchObject({ reason: 'Factură neplătită' });
    expect((await post('/api/admin/tenants/nope/suspend', {}, op)).statusCode).toBe(404);
  });

  it('refuses a stale edit by version and shows dependency errors', async () => {
    const c = await registerCompany(t.app);
    const id = c.tenant?.id ?? '';
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${id}/entitlements?version=1`, headers: bearer(op), payload: { modules: { appointments: true } } });
    expect(ok.json<Entitlements>().version).toBe(2);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${id}/entitlements?version=1`, headers: bearer(op), payload: { modules: { reports: true } } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error).toMatchObject({ code: 'conflict', version: 2 });
    const dep = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${id}/entitlements?version=2`, headers: bearer(op), payload: { modules: { workshop: false } } });
    expect(dep.statusCode).toBe(400);
    expect(dep.json<ErrorBody>().error).toMatchObject({ code: 'validation_failed', module: 'client_portal', requires: ['workshop'] });
  });

  it('filters the platform trail by scope, action, person and period, with pages', async () => {
    const c = await registerCompany(t.app);
    await login(t.app, c.user.email, c.password);
    const platform = (await get('/api/admin/audit?scope=platform&action=auth.login', op)).json<{ lines: Line[] }>().lines;
    expect(platform.length).toBeGreaterThan(0);
    expect(platform.every((l) => l.tenantId === null && l.action === 'auth.login' && l.actor === superAdmin.email)).toBe(true);
    const mine = (await get(`/api/admin/audit?actor=${c.user.id}&category=signin`, op)).json<{ lines: Line[] }>().lines;
    expect(mine.map((l) => l.action)).toEqual(['auth.login']);
    const future = (await get('/api/admin/audit?from=2999-01-01', op)).json<{ lines: Line[] }>().lines;
    expect(future).toEqual([]);
    const first = (await get('/api/admin/audit?limit=2', op)).json<{ lines: Line[]; next: string }>();
    expect(first.lines).toHaveLength(2);
    const second = (await get(`/api/admin/audit?limit=2&before=${encodeURIComponent(first.next)}`, op)).json<{ lines: Line[] }>();
    expect(second.lines.map((l) => l.id)).not.toContain(first.lines[0]?.id);
    expect((await get('/api/admin/audit?action=DROP%20TABLE', op)).statusCode).toBe(400);
  });

  it('lists billing events with their outcome: applied, stale, and repeated deliveries', async () => {
    const c = await registerCompany(t.app);
    const id = c.tenant?.id ?? '';
    const send = (evt: object) => {
      const body = JSON.stringify(evt);
      return t.app.inject({ method: 'POST', url: '/api/billing/webhook', headers: { 'content-type': 'application/json', 'x-signature': sign(body) }, payload: body });
    };
    const newer = { id: `evt-new-${id}`, type: 'subscription.updated', occurredAt: new Date().toISOString(), tenantId: id, plan: 'pro', billingStatus: 'active' };
    const older = { id: `evt-old-${id}`, type: 'subscription.updated', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), tenantId: id, plan: 'basic' };
    expect((await send(newer)).json()).toMatchObject({ status: 'applied' });
    expect((await send(newer)).json()).toMatchObject({ status: 'duplicate' });
    expect((await send(older)).json()).toMatchObject({ status: 'stale' });
    const r = await get(`/api/admin/billing-events?tenantId=${id}`, op);
    expect(r.statusCode).toBe(200);
    const events = r.json<{ events: { id: string; outcome: string; duplicates: number; plan: string | null; tenantName: string }[] }>().events;
    expect(events.map((e) => [e.id, e.outcome, e.duplicates, e.plan])).toEqual([
      [older.id, 'stale', 0, 'basic'],
      [newer.id, 'applied', 1, 'pro'],
    ]);
    expect(events[0]?.tenantName).toBe(c.tenant?.name);
    const dups = (await get(`/api/admin/billing-events?tenantId=${id}&outcome=duplicate`, op)).json<{ events: { id: string }[] }>().events;
    expect(dups.map((e) => e.id)).toEqual([newer.id]);
  });

  describe("a company's own trail", () => {
    it('shows sign-ins, user changes, plan changes and documents, filtered, to the owner', async () => {
      const c = await registerCompany(t.app);
      const id = c.tenant?.id ?? '';
      await login(t.app, c.user.email, c.password);
      await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${id}/entitlements`, headers: bearer(op), payload: { plan: 'pro', billingStatus: 'active' } });
      const inv = await post('/api/users/invitations', { email: `mec-${newId()}@x.ro`, role: 'mechanic' }, c);
      expect(inv.statusCode).toBe(201);
      const now = new Date().toISOString();
      await t.app.database.db.insertInto('document_events').values({
        id: newId(), tenant_id: id, created_at: now, updated_at: now, deleted_at: null, version: 1, last_client_id: null,
        document: 'factura', document_id: newId(), actiune: 'storno', descriere: 'Factura FCT 7', user_id: c.user.id, client_id: null,
      }).execute();

      const all = await get('/api/audit', c);
      expect(all.statusCode).toBe(200);
      const body = all.json<{ lines: Line[]; people: { id: string }[] }>();
      const actions = body.lines.map((l) => l.action);
      expect(actions).toEqual(expect.arrayContaining(['tenant.registered', 'auth.login', 'entitlements.changed', 'user.invited', 'document.storno']));
      expect(body.people.map((p) => p.id)).toEqual([c.user.id]);
      // The operator is named by role only, and the plan change shows only its plan and status.
      const plan = body.lines.find((l) => l.action === 'entitlements.changed');
      expect(plan).toMatchObject({ actorKind: 'platform_admin', actor: null, actorId: null, details: { before: { plan: 'basic', billingStatus: 'trial' }, after: { plan: 'pro', billingStatus: 'active' } } });

      const docs = (await get('/api/audit?category=documents', c)).json<{ lines: Line[] }>().lines;
      expect(docs.map((l) => [l.action, l.target, l.actor])).toEqual([['document.storno', 'Factura FCT 7', c.user.email]]);
      const signins = (await get(`/api/audit?category=signin&actor=${c.user.id}`, c)).json<{ lines: Line[] }>().lines;
      expect(signins.map((l) => l.action)).toEqual(['auth.login']);
      expect((await get('/api/audit?action=document.storno&from=2000-01-01&to=2999-12-31', c)).json<{ lines: Line[] }>().lines).toHaveLength(1);
      const page1 = (await get('/api/audit?limit=2', c)).json<{ lines: Line[]; next: string }>();
      const page2 = (await get(`/api/audit?limit=10&before=${encodeURIComponent(page1.next)}`, c)).json<{ lines: Line[] }>();
      expect([...page1.lines, ...page2.lines].map((l) => l.id)).toEqual(body.lines.map((l) => l.id));
    });

    it('never shows another company\'s lines, and only to people with audit.read', async () => {
      const a = await registerCompany(t.app);
      const b = await registerCompany(t.app);
      const bId = b.tenant?.id ?? '';
      await login(t.app, b.user.email, b.password);
      const now = new Date().toISOString();
      await t.app.database.db.insertInto('document_events').values({
        id: newId(), tenant_id: bId, created_at: now, updated_at: now, deleted_at: null, version: 1, last_client_id: null,
        document: 'deviz', document_id: newId(), actiune: 'tiparire', descriere: 'Deviz B', user_id: b.user.id, client_id: null,
      }).execute();
      const seen = (await get(`/api/audit?actor=${b.user.id}`, a)).json<{ lines: Line[]; people: { id: string }[] }>();
      expect(seen.lines).toEqual([]);
      const mine = (await get('/api/audit?limit=500', a)).json<{ lines: Line[]; people: { id: string }[] }>();
      expect(mine.people.map((p) => p.id)).toEqual([a.user.id]);
      expect(mine.lines.some((l) => l.target === 'Deviz B' || l.target === b.user.email || l.actor === b.user.email)).toBe(false);
      expect(mine.lines.length).toBeGreaterThan(0);

      // A mechanic has no audit.read; the operator has no company.
      await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${a.tenant?.id}/entitlements`, headers: bearer(op), payload: { limits: { maxUsers: 5 } } });
      const invite = await post('/api/users/invitations', { email: `m-${newId()}@x.ro`, role: 'mechanic' }, a);
      const joined = await post('/api/auth/accept-invitation', { token: invite.json<{ token: string }>().token, password: 'Mecanic-Bun-2026' });
      const mechanic = joined.json<Session>();
      expect((await get('/api/audit', mechanic)).statusCode).toBe(403);
      expect((await get('/api/audit', op)).statusCode).toBe(403);
      expect((await get('/api/audit')).statusCode).toBe(401);
    });
  });
});
