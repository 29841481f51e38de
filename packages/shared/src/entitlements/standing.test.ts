import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { applyEntitlementsChange, entitlementsForPlan, trialEntitlements } from './entitlements';
import { assertRouteAllowed, assertWithinLimit, limitUsage, monthBounds } from './limits';
import { lapsedAt, onFree, retainedUntil, standing } from './standing';

const start = new Date('2026-03-01T10:00:00Z');
const day = 86_400_000;
const at = (days: number) => new Date(start.getTime() + days * day);

describe('standing', () => {
  it('a trial counts its days down, then is Free with the date it ended', () => {
    const e = trialEntitlements(start);
    expect(standing(e, at(0))).toMatchObject({ state: 'trial', effectivePlan: 'basic', daysLeft: 30 });
    expect(standing(e, at(29.5))).toMatchObject({ state: 'trial', daysLeft: 1 });
    expect(standing(e, at(30))).toMatchObject({ state: 'trial_ended', effectivePlan: 'free', plan: 'basic', daysLeft: 0 });
    expect(onFree(e, at(30))).toBe(true);
    expect(lapsedAt(e, at(30))).toBe(e.trialEndsAt);
    expect(lapsedAt(e, at(1))).toBeNull();
  });

  it('payment overdue keeps the plan for the grace days, then is Free', () => {
    const e = applyEntitlementsChange(entitlementsForPlan('pro', 'active', start), { billingStatus: 'past_due' }, start);
    expect(standing(e, at(2))).toMatchObject({ state: 'past_due', effectivePlan: 'pro', daysLeft: 5 });
    expect(standing(e, at(8))).toMatchObject({ state: 'grace_ended', effectivePlan: 'free' });
    expect(lapsedAt(e, at(8))).toBe(e.graceEndsAt);
  });

  it('active, blocked and the Free plan', () => {
    expect(standing(entitlementsForPlan('pro', 'active', start), start)).toMatchObject({ state: 'active', effectivePlan: 'pro' });
    expect(standing(entitlementsForPlan('pro', 'blocked', start), start)).toMatchObject({ state: 'blocked', effectivePlan: 'free' });
    expect(lapsedAt(entitlementsForPlan('pro', 'blocked', start), start)).toBeNull();
    expect(standing(entitlementsForPlan('free', 'active', start), start)).toMatchObject({ state: 'free', effectivePlan: 'free' });
    expect(onFree(entitlementsForPlan('free', 'active', start), start)).toBe(true);
  });

  it('keeps data 90 days', () => {
    expect(retainedUntil('2026-03-31T10:00:00.000Z')).toBe('2026-06-29T10:00:00.000Z');
  });
});

describe('limits', () => {
  const e = entitlementsForPlan('full', 'active', start);
  it('says what is used and what is left', () => {
    expect(limitUsage(e, 'maxDocsPerMonth', 1998)).toEqual({ limit: 'maxDocsPerMonth', max: 2000, used: 1998, remaining: 2, reached: false, over: 0 });
    expect(limitUsage(e, 'maxDocsPerMonth', 2003)).toMatchObject({ remaining: 0, reached: true, over: 3 });
    expect(limitUsage(entitlementsForPlan('pro', 'active', start), 'maxDocsPerMonth', 10_000)).toMatchObject({ max: null, reached: false, remaining: null });
  });

  it('refuses past the limit with limit_reached and its figures', () => {
    expect(() => assertWithinLimit(e, 'maxDocsPerMonth', 1999)).not.toThrow();
    try {
      assertWithinLimit(e, 'maxDocsPerMonth', 2000);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'limit_reached', details: { limit: 'maxDocsPerMonth', max: 2000, used: 2000 } });
    }
  });

  it('the routes-per-day check the logistics module calls', () => {
    expect(() => assertRouteAllowed(e, 49)).not.toThrow();
    expect(() => assertRouteAllowed(e, 50)).toThrow(/50 routes a day/);
    expect(() => assertRouteAllowed(entitlementsForPlan('pro', 'active', start), 5000)).not.toThrow();
  });

  it('a month runs from its first day to its last', () => {
    expect(monthBounds('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-31' });
  });
});
