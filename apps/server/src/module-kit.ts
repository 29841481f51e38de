import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Migration } from 'kysely';
import { modules, type ModuleId } from '@roaauto/shared';
import type { CompanyRegistry } from './core/anaf';
import type { ModuleConfig } from './config';
import type { AuthService } from './core/auth/auth.service';
import type { Guards } from './core/auth/guards';
import type { Database } from './core/db';
import type { JobRunner } from './core/jobs/runner';
import type { Mailer } from './core/mail';
import type { BlobStorage } from './core/storage';
import type { SyncHook } from './sync/hooks';
import type { SyncService } from './sync/sync.service';

/**
 * The module kit's contract on the server: what a module brings (routes, sync hooks, migrations,
 * bridges). Kernel code loops over the list file (modules/index.ts) with the helpers below and imports
 * no module folder; module folders import the kernel freely, never this package's list file or app.ts.
 */

/** What the platform hands every module's routes. */
export type ModuleContext = {
  guards: Guards;
  database: Database;
  sync: SyncService;
  auth: AuthService;
  /** The mail provider (core/mail): the outbox by default. */
  mailer: Mailer;
  /** Modules' deployment settings (config.ts): the SMS provider's. */
  config: ModuleConfig;
  /** The companies' files (core/storage): on disk under DATA_DIR by default. */
  storage: BlobStorage;
  /** Companies by CUI from ANAF's public register (cached, within ANAF's request limit). */
  companyRegistry: CompanyRegistry;
  /**
   * Background jobs (core/jobs, docs/jobs.md): work that must happen once across every process. A module
   * defines its queued jobs (`jobs.define`) and recurring ones (`jobs.schedule`) when its routes register.
   */
  jobs: JobRunner;
};

/** A Fastify plugin of a module's endpoints; each route guards its permission and module(s) itself. */
export type ModuleRoutes = FastifyPluginAsyncZod<ModuleContext>;

/**
 * A bridge's server code (declared in the owning module's shared definition). Its routes answer the
 * module error unless both modules are usable (the kit adds both module guards to each of them), and
 * its sync hooks run only in pushes of companies with both modules.
 */
export type ServerBridge = { id: string; routes: readonly ModuleRoutes[]; syncHooks: readonly SyncHook[] };

export type ServerModule = {
  id: ModuleId;
  routes: readonly ModuleRoutes[];
  /** Its steps of a push (see sync/hooks.ts), in order; they run when the module is usable. */
  syncHooks: readonly SyncHook[];
  /** Its migrations, by name (`NNNN_<id>_<slug>`): run with every other module's in one global order. */
  migrations: Readonly<Record<string, Migration>>;
  bridges: readonly ServerBridge[];
};

/** A module's server definition, checked against its shared one (the bridges it declares). */
export function defineServerModule(m: ServerModule): ServerModule {
  const declared = modules[m.id].bridges.map((b) => b.id);
  for (const b of m.bridges) if (!declared.includes(b.id)) throw new Error(`module ${m.id}: bridge ${b.id} is not declared in its shared definition`);
  for (const name of Object.keys(m.migrations)) {
    if (!new RegExp(`^\\d{4}_${m.id}_[a-z0-9-]+$`).test(name)) throw new Error(`module ${m.id}: migration ${name} is not named NNNN_${m.id}_<slug>`);
  }
  return m;
}

/** A push step with the modules that must be usable for it to run. */
export type GatedSyncHook = { modules: readonly ModuleId[]; run: SyncHook };

/** Every module's sync hooks, then its bridges', in the list's order. */
export function moduleSyncHooks(list: readonly ServerModule[]): GatedSyncHook[] {
  return list.flatMap((m) => [
    ...m.syncHooks.map((run) => ({ modules: [m.id], run })),
    ...m.bridges.flatMap((b) => {
      const partner = modules[m.id].bridges.find((d) => d.id === b.id)?.with;
      return b.syncHooks.map((run) => ({ modules: partner ? [m.id, partner] : [m.id], run }));
    }),
  ]);
}

/**
 * The platform's migrations and every module's, in one record: Kysely runs them in name order (the
 * four-digit sequence), on both engines. A name used twice, or a sequence number used by two
 * migrations, is refused.
 */
export function allMigrations(platform: Readonly<Record<string, Migration>>, list: readonly ServerModule[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platform };
  const numbers = new Map(Object.keys(platform).map((n) => [n.slice(0, 4), n]));
  for (const m of list) {
    for (const [name, migration] of Object.entries(m.migrations)) {
      const taken = numbers.get(name.slice(0, 4));
      if (taken) throw new Error(`migrations ${taken} and ${name} share a sequence number`);
      numbers.set(name.slice(0, 4), name);
      all[name] = migration;
    }
  }
  return all;
}

/** Registers every module's routes, and its bridges' behind both modules' guards. */
export async function registerModules(app: FastifyInstance, list: readonly ServerModule[], ctx: ModuleContext): Promise<void> {
  for (const m of list) {
    for (const routes of m.routes) await app.register(routes, ctx);
    for (const b of m.bridges) {
      const partner = modules[m.id].bridges.find((d) => d.id === b.id)?.with;
      const needed = partner ? [m.id, partner] : [m.id];
      await app.register(async (scope) => {
        // After the route's own guards (its permission first), like a module's routes guard today.
        scope.addHook('onRoute', (route) => {
          const own = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
          route.onRequest = [...own, ...needed.map((id) => ctx.guards.module(id))];
        });
        for (const routes of b.routes) await scope.register(routes, ctx);
      });
    }
  }
}
