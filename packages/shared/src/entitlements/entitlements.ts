import { DomainError } from '../errors';
import { moduleIds, modules, type ModuleId } from './modules';
import { plans, type Limits, type PlanId } from './plans';

export const billingStatuses = ['trial', 'active', 'past_due', 'blocked'] as const;
export type BillingStatus = (typeof billingStatuses)[number];

export type Entitlements = {
  plan: PlanId;
  modules: Record<ModuleId, boolean>;
  limits: Limits;
  billingStatus: BillingStatus;
  /** ISO timestamps. */
  trialEndsAt: string | null;
  graceEndsAt: string | null;
  /** Bumped on every change; clients and tokens compare it. */
  version: number;
};

export const trialDays = 30;
/** How long a past_due company keeps its paid modules when no explicit grace end is given. */
export const defaultGraceDays = 7;

const dayMs = 24 * 60 * 60 * 1000;

function moduleRecord(on: readonly ModuleId[]): Record<ModuleId, boolean> {
  return Object.fromEntries(moduleIds.map((id) => [id, id === 'core' || on.includes(id)])) as Record<
    ModuleId,
    boolean
  >;
}

/** The modules that cost nothing: they stay on when a trial ends or billing is blocked. */
const freeModules = new Set<ModuleId>(plans.free.modules);

export function entitlementsForPlan(
  plan: PlanId,
  billingStatus: BillingStatus,
  now: Date,
  version = 1,
): Entitlements {
  return {
    plan,
    modules: moduleRecord(plans[plan].modules),
    limits: { ...plans[plan].limits },
    billingStatus,
    trialEndsAt: billingStatus === 'trial' ? new Date(now.getTime() + trialDays * dayMs).toISOString() : null,
    graceEndsAt: null,
    version,
  };
}

/** What a new company gets: a 30-day trial of Basic. */
export function trialEntitlements(now: Date): Entitlements {
  return entitlementsForPlan('basic', 'trial', now);
}

/**
 * Whether paid modules are usable now: false when blocked, when a trial has ended, or when a
 * past_due company is beyond its grace period. Evaluated on every call; no job needs to run.
 */
export function paidAccess(e: Entitlements, now: Date): boolean {
  switch (e.billingStatus) {
    case 'active':
      return true;
    case 'blocked':
      return false;
    case 'trial':
      return e.trialEndsAt === null || now.getTime() < Date.parse(e.trialEndsAt);
    case 'past_due':
      return e.graceEndsAt !== null && now.getTime() < Date.parse(e.graceEndsAt);
  }
}

/**
 * True when the company may use the module now: it is switched on, every module it requires is
 * usable, and, unless it is one of the free modules, billing allows paid modules. `core` is always on.
 */
export function hasModule(e: Entitlements, id: ModuleId, now: Date = new Date()): boolean {
  if (id === 'core') return true;
  if (!e.modules[id]) return false;
  if (!freeModules.has(id) && !paidAccess(e, now)) return false;
  return modules[id].requires.every((dep) => hasModule(e, dep, now));
}

/** Every module with its usable state now: what the UI hides and what sync serves. */
export function activeModules(e: Entitlements, now: Date = new Date()): Record<ModuleId, boolean> {
  return Object.fromEntries(moduleIds.map((id) => [id, hasModule(e, id, now)])) as Record<ModuleId, boolean>;
}

/** Refuses a module set where an enabled module needs one that is off. */
export function assertModuleDependencies(set: Record<ModuleId, boolean>): void {
  for (const id of moduleIds) {
    if (!set[id]) continue;
    const missing = modules[id].requires.filter((dep) => !set[dep]);
    if (missing.length) {
      throw new DomainError(
        'validation_failed',
        `Module "${id}" needs ${missing.map((m) => `"${m}"`).join(', ')} to be enabled first`,
        { module: id, requires: missing },
      );
    }
  }
}

export type EntitlementsChange = {
  plan?: PlanId;
  modules?: Partial<Record<ModuleId, boolean>>;
  limits?: Partial<Limits>;
  billingStatus?: BillingStatus;
  trialEndsAt?: string | null;
  graceEndsAt?: string | null;
};

/**
 * Applies a change the way super_admin and billing mean it: a new plan resets modules and limits to
 * the plan's, then explicit modules and limits override. Validates dependencies; bumps the version.
 */
export function applyEntitlementsChange(current: Entitlements, change: EntitlementsChange, now: Date): Entitlements {
  const planChanged = change.plan !== undefined && change.plan !== current.plan;
  const base = planChanged && change.plan ? entitlementsForPlan(change.plan, current.billingStatus, now) : current;
  const nextModules = { ...base.modules, ...change.modules, core: true };
  assertModuleDependencies(nextModules);
  const status = change.billingStatus ?? current.billingStatus;
  let graceEndsAt = change.graceEndsAt !== undefined ? change.graceEndsAt : current.graceEndsAt;
  if (status === 'past_due' && current.billingStatus !== 'past_due' && change.graceEndsAt === undefined) {
    graceEndsAt = new Date(now.getTime() + defaultGraceDays * dayMs).toISOString();
  }
  if (status !== 'past_due' && change.graceEndsAt === undefined) graceEndsAt = null;
  let trialEndsAt = change.trialEndsAt !== undefined ? change.trialEndsAt : current.trialEndsAt;
  if (status === 'trial' && trialEndsAt === null) {
    trialEndsAt = new Date(now.getTime() + trialDays * dayMs).toISOString();
  }
  return {
    plan: change.plan ?? current.plan,
    modules: nextModules,
    limits: { ...base.limits, ...change.limits },
    billingStatus: status,
    trialEndsAt,
    graceEndsAt,
    version: current.version + 1,
  };
}
