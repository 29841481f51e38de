import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  activeModules,
  applyEntitlementsChange,
  entitlementsForPlan,
  hasModule,
  trialEntitlements,
  type Entitlements,
} from './entitlements';
import { moduleIds, modules, tablesOfModule } from './modules';
import { plans, planIds } from './plans';

const now = new Date('2026-03-01T10:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

function active(plan: Parameters<typeof entitlementsForPlan>[0]): Entitlements {
  return entitlementsForPlan(plan, 'active', now);
}

describe('module registry and plans', () => {
  it('has no dependency on an unknown module and no cycle', () => {
    const visit = (id: (typeof moduleIds)[number], seen: string[]): void => {
      expect(seen).not.toContain(id);
      for (const dep of modules[id].requires) visit(dep, [...seen, id]);
    };
    for (const id of moduleIds) visit(id, []);
  });

  it('gives every plan a module set whose dependencies are inside it', () => {
    for (const id of planIds) {
      const set = new Set(plans[id].modules);
      expect(set.has('core')).toBe(true);
      for (const m of set) for (const dep of modules[m].requires) expect(set, `${id}: ${m} needs ${dep}`).toContain(dep);
    }
  });

  it('declares each table in one module only', () => {
    const all = moduleIds.flatMap((id) => tablesOfModule(id));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('hasModule', () => {
  it('is true for an enabled module of an active company and false for a disabled one', () => {
    const e = active('basic');
    expect(hasModule(e, 'cloud_sync', now)).toBe(true);
    expect(hasModule(e, 'sms', now)).toBe(false);
  });

  it('is false when a module it requires is off, even if the module itself is on', () => {
    const e = active('full');
    e.modules.logistics = false;
    expect(e.modules.dispatcher).toBe(true);
    expect(hasModule(e, 'dispatcher', now)).toBe(false);
  });

  it('turns paid modules off when blocked and keeps core and the free modules', () => {
    const e = { ...active('pro'), billingStatus: 'blocked' as const };
    expect(hasModule(e, 'cloud_sync', now)).toBe(false);
    expect(hasModule(e, 'sms', now)).toBe(false);
    expect(hasModule(e, 'core', now)).toBe(true);
    expect(hasModule(e, 'workshop', now)).toBe(true);
  });

  it('ends a trial at trialEndsAt, evaluated at the moment asked', () => {
    const e = trialEntitlements(now);
    expect(e.plan).toBe('basic');
    expect(e.trialEndsAt).toBe(later(30).toISOString());
    expect(hasModule(e, 'cloud_sync', later(29))).toBe(true);
    expect(hasModule(e, 'cloud_sync', later(30))).toBe(false);
    expect(hasModule(e, 'client_portal', later(31))).toBe(false);
    expect(hasModule(e, 'workshop', later(31))).toBe(true);
  });

  it('keeps paid modules for past_due inside the grace period and not after', () => {
    const e = applyEntitlementsChange(active('pro'), { billingStatus: 'past_due' }, now);
    expect(e.graceEndsAt).toBe(later(7).toISOString());
    expect(hasModule(e, 'sms', later(6))).toBe(true);
    expect(hasModule(e, 'sms', later(8))).toBe(false);
  });

  it('keeps core on whatever the record says', () => {
    const e = active('free');
    e.modules.core = false;
    expect(hasModule(e, 'core', now)).toBe(true);
    expect(activeModules(e, now).core).toBe(true);
  });
});

describe('applyEntitlementsChange', () => {
  it('refuses to enable a module whose dependency is off, with a clear error', () => {
    const e = active('basic');
    expect(() => applyEntitlementsChange(e, { modules: { dispatcher: true } }, now)).toThrow(
      /"dispatcher" needs "logistics"/,
    );
    try {
      applyEntitlementsChange(e, { modules: { dispatcher: true } }, now);
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).details).toEqual({ module: 'dispatcher', requires: ['logistics'] });
    }
  });

  it('resets modules and limits to a new plan, then applies explicit overrides, and bumps the version', () => {
    const e = active('basic');
    const next = applyEntitlementsChange(e, { plan: 'ops', limits: { maxUsers: 25 } }, now);
    expect(next.plan).toBe('ops');
    expect(next.modules.workshop).toBe(false);
    expect(next.modules.dispatcher).toBe(true);
    expect(next.limits).toEqual({ ...plans.ops.limits, maxUsers: 25 });
    expect(next.version).toBe(e.version + 1);
  });

  it('cannot switch core off', () => {
    expect(applyEntitlementsChange(active('pro'), { modules: { core: false } }, now).modules.core).toBe(true);
  });
});
