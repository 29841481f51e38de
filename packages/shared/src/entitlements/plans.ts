import { moduleIds, type ModuleId } from './modules';

export const planIds = ['free', 'basic', 'pro', 'warehouse_only', 'ops', 'full', 'custom'] as const;
export type PlanId = (typeof planIds)[number];

/** null means no limit. */
export type Limits = {
  maxUsers: number | null;
  maxDocsPerMonth: number | null;
  maxRoutesPerDay: number | null;
  /** SMS the server sends in a calendar month (messages it refuses do not count). */
  maxSmsPerMonth: number | null;
};

export type PlanDefinition = {
  id: PlanId;
  name: string;
  /** Monthly price in RON bani, when the plan has a list price. */
  priceMonthlyBani: number | null;
  modules: readonly ModuleId[];
  limits: Limits;
};

const unlimited: Limits = { maxUsers: null, maxDocsPerMonth: null, maxRoutesPerDay: null, maxSmsPerMonth: null };
/** Defaults for contract plans; super_admin sets the contract's figures per company. */
const contract: Limits = { maxUsers: 10, maxDocsPerMonth: 2000, maxRoutesPerDay: 50, maxSmsPerMonth: 2000 };

const freeModules: readonly ModuleId[] = ['core', 'workshop', 'accounting'];
const basicModules: readonly ModuleId[] = [...freeModules, 'cloud_sync', 'client_portal'];

export const plans: Readonly<Record<PlanId, PlanDefinition>> = {
  // Local only: the soft hint at ~50 orders a month is a suggestion, never a limit.
  free: { id: 'free', name: 'Free', priceMonthlyBani: 0, modules: freeModules, limits: { ...unlimited, maxUsers: 1 } },
  basic: { id: 'basic', name: 'Basic', priceMonthlyBani: 4900, modules: basicModules, limits: { ...unlimited, maxUsers: 1 } },
  pro: {
    id: 'pro',
    name: 'Pro',
    priceMonthlyBani: 9900,
    modules: [...basicModules, 'sms', 'appointments', 'reports'],
    limits: { ...unlimited, maxUsers: 3, maxSmsPerMonth: 300 },
  },
  // Contract plans run hosted with several users, so they carry cloud_sync (see docs/entitlements.md).
  warehouse_only: {
    id: 'warehouse_only',
    name: 'Warehouse only',
    priceMonthlyBani: null,
    modules: ['core', 'warehouse', 'accounting', 'cloud_sync'],
    limits: contract,
  },
  ops: {
    id: 'ops',
    name: 'Operations',
    priceMonthlyBani: null,
    modules: ['core', 'warehouse', 'logistics', 'dispatcher', 'cloud_sync'],
    limits: contract,
  },
  full: {
    id: 'full',
    name: 'Full',
    priceMonthlyBani: null,
    modules: moduleIds,
    limits: contract,
  },
  custom: { id: 'custom', name: 'Custom', priceMonthlyBani: null, modules: ['core'], limits: contract },
};

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (planIds as readonly string[]).includes(value);
}
