/// <reference types="vite/client" />
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { permissions } from './auth/roles';
import { activeBridges, moduleIds, modules } from './entitlements/modules';
import { entitlementsForPlan, activeModules } from './entitlements/entitlements';
import { defineModule, type ModuleId } from './module-kit';
import { moduleDefinitions } from './modules';
import { syncedTableNames, syncTables, type SyncedTableDef, type SyncedTableName } from './schema/registry';

/** A module and every module it requires, transitively. */
function withRequired(id: ModuleId, seen = new Set<ModuleId>()): Set<ModuleId> {
  seen.add(id);
  for (const dep of modules[id].requires) if (!seen.has(dep)) withRequired(dep, seen);
  return seen;
}

describe('module definitions', () => {
  it('define every module id once, in the list file', () => {
    expect(moduleDefinitions.map((m) => m.id).sort()).toEqual([...moduleIds].sort());
  });

  it('keep synced tables owners first: a parent, and any table of the module or of one it requires, comes before the tables naming it', () => {
    const position = new Map(syncTables.map((t, i) => [t.name, i]));
    for (const [i, t] of syncTables.entries()) {
      const before = withRequired(t.module);
      const named = Object.values(t.columns).flatMap((c) => (c.kind === 'id' ? (c.references ?? []) : []));
      // An order's `parent` is its invoice, of a module it does not require: only owners it can rely on count.
      for (const target of t.parent ? [t.parent.table, ...named] : named) {
        const owner = syncTables.find((x) => x.name === target)?.module;
        if (owner && before.has(owner) && target !== t.name) expect(position.get(target), `${t.name} -> ${target}`).toBeLessThan(i);
      }
    }
  });

  it('keep each table\'s literal name and columns in the types the server data layer is made from', () => {
    // A table named by a plain string would give every server table an index signature.
    expectTypeOf<string extends SyncedTableName ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<Extract<SyncedTableDef, { name: 'orders' }>['columns']['status']['values'][number]>().toEqualTypeOf<'DRAFT' | 'VALIDAT' | 'FACTURAT'>();
    expect(syncedTableNames).toEqual(syncTables.map((t) => t.name));
  });

  it('give each table a write permission its module declares, and every permission to some module', () => {
    for (const t of syncTables) expect(modules[t.module].permissions, t.name).toContain(t.writePermission);
    const used = new Set(moduleIds.flatMap((id) => modules[id].permissions));
    for (const p of permissions) expect(used.has(p), p).toBe(true);
  });

  it('declare bridges with a module they use, active only when both modules are on', () => {
    expect(modules.accounting.uses).toContain('workshop');
    expect(modules.accounting.bridges.map((b) => b.id)).toEqual(['order_invoicing']);
    const now = new Date('2026-03-01T10:00:00Z');
    expect(activeBridges(activeModules(entitlementsForPlan('free', 'active', now), now))).toEqual(['order_invoicing']);
    const noWorkshop = entitlementsForPlan('free', 'active', now);
    noWorkshop.modules.workshop = false;
    expect(activeBridges(activeModules(noWorkshop, now))).toEqual([]);
    expect(activeBridges(activeModules(entitlementsForPlan('warehouse_only', 'active', now), now))).toEqual([]);
  });

  it('refuse a definition whose tables or bridges belong to another module', () => {
    const [orders] = syncTables.filter((t) => t.name === 'orders');
    const base = { name: 'X', description: 'x', requires: ['core'], uses: [], serverTables: [], permissions: [], bridges: [] } as const;
    expect(() => defineModule({ ...base, id: 'reports', tables: orders ? [orders] : [] })).toThrow(/declared for module workshop/);
    expect(() => defineModule({ ...base, id: 'reports', tables: [], bridges: [{ id: 'b', owner: 'reports', with: 'workshop', description: '' }] }))
      .toThrow(/bridge b/);
  });
});

describe('module files', () => {
  const sources = import.meta.glob(['./modules/**/*.ts', '!./modules/**/*.test.ts', '!./modules/**/*.d.ts']);

  // A module file that imported a kernel file which imports the list file would, loaded first, read
  // its own module's declarations before they exist (an import cycle): each one must load on its own.
  it.each(Object.keys(sources))('%s loads first, before the list file', async (file) => {
    vi.resetModules();
    await expect(sources[file]?.()).resolves.toBeDefined();
    const list = (await import('./modules')).moduleDefinitions;
    expect(list.every((m) => typeof m.id === 'string')).toBe(true);
  });
});
