import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { DomainError, entitlementsForPlan, moduleIds, modules, syncSchemaVersion, type ModuleId } from '@roaauto/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations as platformMigrations } from '../migrations';
import type { Guards } from './core/auth/guards';
import { registerErrorHandler } from './core/errors';
import { allMigrations, defineServerModule, moduleSyncHooks, registerModules, type ModuleContext, type ServerModule } from './module-kit';
import { serverModules } from './modules';
import { createLocalPokeBus } from './sync/poke-bus';
import { SyncService } from './sync/sync.service';
import { registerCompany } from './test/sessions';
import { createTestApp, type TestApp } from './test/test-app';
import { testEngine } from './test/test-db';

describe('server modules', () => {
  it('each have a shared definition, listed after the modules they require', () => {
    const seen = new Set<ModuleId>();
    for (const m of serverModules) {
      for (const dep of modules[m.id].requires) expect(seen.has(dep) || !serverModules.some((x) => x.id === dep), `${m.id} after ${dep}`).toBe(true);
      seen.add(m.id);
    }
    expect(seen.size).toBe(serverModules.length);
  });

  it('keep every migration a deployed database has recorded, under the same name, in one order by sequence number', () => {
    const names = Object.keys(allMigrations(platformMigrations, serverModules)).sort();
    for (const recorded of ['0001_core_app-meta', '0002_core_platform', '0003_core_sync', '0004_workshop_vehicles', '0005_workshop_orders-catalog', '0006_accounting_invoices', '0007_core_sessions']) {
      expect(names).toContain(recorded);
    }
    expect(new Set(names.map((n) => n.slice(0, 4))).size).toBe(names.length);
    for (const n of Object.keys(platformMigrations)) expect(n).toMatch(/^\d{4}_core_[a-z0-9-]+$/);
  });

  it('refuse a migration named for another module, and two migrations with one sequence number', () => {
    const migration = { up: async () => undefined };
    expect(() => defineServerModule({ id: 'workshop', routes: [], syncHooks: [], migrations: { '0099_accounting_x': migration }, bridges: [] })).toThrow(/NNNN_workshop_/);
    const clash: ServerModule = { id: 'reports', routes: [], syncHooks: [], migrations: { '0002_reports_totals': migration }, bridges: [] };
    expect(() => allMigrations(platformMigrations, [clash])).toThrow(/share a sequence number/);
  });

  it('refuse a bridge the shared definition does not declare', () => {
    expect(() => defineServerModule({ id: 'workshop', routes: [], syncHooks: [], migrations: {}, bridges: [{ id: 'order_invoicing', routes: [], syncHooks: [] }] }))
      .toThrow(/not declared/);
  });

  it('run a module\'s hooks when it is on, a bridge\'s when both of its modules are', () => {
    const gates = moduleSyncHooks(serverModules).map((h) => [...h.modules].sort().join('+'));
    expect(gates).toEqual(['workshop', 'accounting', 'accounting+workshop', 'sms', 'warehouse', 'logistics']);
  });
});

describe('bridge routes', () => {
  /** A bare app whose module guard answers from `on`, with one bridge of one route. */
  async function appWith(on: readonly ModuleId[]) {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    const order: string[] = [];
    const guard = (name: string, ok: () => boolean) => async () => {
      order.push(name);
      if (!ok()) throw new DomainError('module_not_entitled', `The "${name}" module is not available in your plan`);
    };
    const guards = { module: (id: ModuleId) => guard(id, () => on.includes(id)), permission: () => guard('permission', () => true) } as Partial<Guards>;
    const bridged: ServerModule = {
      id: 'accounting', routes: [], syncHooks: [], migrations: {},
      bridges: [{ id: 'order_invoicing', syncHooks: [], routes: [async (scope, ctx) => {
        scope.get('/bridged', { onRequest: [ctx.guards.permission('invoices.issue')] }, async () => ({ ok: true }));
      }] }],
    };
    await registerModules(app, [bridged], { guards } as ModuleContext);
    return { app, order };
  }

  it('answer the module error unless both modules are on, after the route\'s own guards', async () => {
    for (const on of [['accounting'], ['workshop'], []] as const) {
      const { app, order } = await appWith(on);
      const res = await app.inject({ method: 'GET', url: '/bridged' });
      expect(res.statusCode, on.join()).toBe(402);
      expect(res.json()).toMatchObject({ error: { code: 'module_not_entitled' } });
      expect(order[0]).toBe('permission');
      await app.close();
    }
    const { app, order } = await appWith(['accounting', 'workshop']);
    expect((await app.inject({ method: 'GET', url: '/bridged' })).json()).toEqual({ ok: true });
    expect(order).toEqual(['permission', 'accounting', 'workshop']);
    await app.close();
  });
});

describe(`module sync hooks in a push on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('find the server-only tables the modules declare by name', async () => {
    const tables = new Set((await t.app.database.db.introspection.getTables()).map((x) => x.name));
    for (const id of moduleIds) for (const name of modules[id].serverTables) expect(tables.has(name), `${id}: ${name}`).toBe(true);
  });

  it('run only for a company whose modules they need are usable', async () => {
    const s = await registerCompany(t.app, { seedCatalog: false });
    const ran: string[] = [];
    const hook = (name: string) => async () => {
      ran.push(name);
    };
    const sync = new SyncService(t.app.database, createLocalPokeBus(), (err) => {
      throw err;
    }, { hooks: [{ modules: ['workshop'], run: hook('workshop') }, { modules: ['accounting', 'workshop'], run: hook('bridge') }, { modules: ['core'], run: hook('core') }] });
    const auth = { kind: 'user' as const, userId: s.user.id, tenantId: s.tenant?.id ?? '', role: 'owner' as const, email: s.user.email };
    const now = new Date();
    const push = async (workshop: boolean) => {
      const entitlements = entitlementsForPlan('free', 'active', now);
      entitlements.modules.workshop = workshop;
      ran.length = 0;
      const clientId = randomUUID();
      await sync.claimClient(auth, clientId);
      await sync.push(auth, entitlements, { clientId, schemaVersion: syncSchemaVersion, mutations: [{ id: 1, table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pf', nume: 'Ana' } }] });
      return [...ran];
    };
    expect(await push(true)).toEqual(['workshop', 'bridge', 'core']);
    expect(await push(false)).toEqual(['core']);
  });
});
