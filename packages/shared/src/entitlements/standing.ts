import { paidAccess, type BillingStatus, type Entitlements } from './entitlements';
import type { PlanId } from './plans';

/**
 * How long the server keeps a company's synced data after it falls back to Free (trial ended, payment
 * not made within the grace, blocked, or moved to the Free plan). Upgrading before then resumes sync
 * with nothing lost; after it the data is deleted (users and the company's row stay).
 */
export const dataRetentionDays = 90;

const dayMs = 86_400_000;

/** Where a company stands, in words the Plan page says: the plan that applies now and why. */
export type Standing = {
  /** The plan whose modules apply now: `free` once paid access has ended. */
  effectivePlan: PlanId;
  /** The plan the company has (or had) paid for or is trying. */
  plan: PlanId;
  state: 'trial' | 'active' | 'past_due' | 'blocked' | 'trial_ended' | 'grace_ended' | 'free';
  /** Whole days left of the trial or the grace (rounded up), null when none runs. */
  daysLeft: number | null;
  /** When the trial or grace ends or ended. */
  endsAt: string | null;
};

function daysUntil(iso: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now.getTime()) / dayMs));
}

/** The company's standing now, evaluated at the moment asked like `hasModule`. */
export function standing(e: Entitlements, now: Date = new Date()): Standing {
  const paid = paidAccess(e, now);
  const base = { plan: e.plan, effectivePlan: paid ? e.plan : ('free' as PlanId) };
  if (e.plan === 'free') return { ...base, effectivePlan: 'free', state: 'free', daysLeft: null, endsAt: null };
  const status: BillingStatus = e.billingStatus;
  switch (status) {
    case 'active':
      return { ...base, state: 'active', daysLeft: null, endsAt: null };
    case 'blocked':
      return { ...base, state: 'blocked', daysLeft: null, endsAt: null };
    case 'trial':
      if (!paid) return { ...base, state: 'trial_ended', daysLeft: 0, endsAt: e.trialEndsAt };
      return { ...base, state: 'trial', daysLeft: e.trialEndsAt ? daysUntil(e.trialEndsAt, now) : null, endsAt: e.trialEndsAt };
    case 'past_due':
      if (!paid) return { ...base, state: 'grace_ended', daysLeft: 0, endsAt: e.graceEndsAt };
      return { ...base, state: 'past_due', daysLeft: e.graceEndsAt ? daysUntil(e.graceEndsAt, now) : null, endsAt: e.graceEndsAt };
  }
}

/**
 * When the company fell back to Free, as far as its entitlements alone tell: the end of its trial or
 * grace when that has passed. A company blocked or moved to Free by an event has the moment of that event
 * recorded by the server instead (`tenants.free_since`); this answers null for those and for a company
 * that still has paid access.
 */
export function lapsedAt(e: Entitlements, now: Date = new Date()): string | null {
  if (paidAccess(e, now) && e.plan !== 'free') return null;
  if (e.billingStatus === 'trial' && e.trialEndsAt) return e.trialEndsAt;
  if (e.billingStatus === 'past_due' && e.graceEndsAt) return e.graceEndsAt;
  return null;
}

/** Whether the company is on Free now (no paid access, or the Free plan itself). */
export function onFree(e: Entitlements, now: Date = new Date()): boolean {
  return e.plan === 'free' || !paidAccess(e, now);
}

/** The last day the server keeps the data of a company on Free since `freeSince`. */
export function retainedUntil(freeSince: string): string {
  return new Date(Date.parse(freeSince) + dataRetentionDays * dayMs).toISOString();
}
