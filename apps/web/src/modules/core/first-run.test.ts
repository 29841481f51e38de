import { describe, expect, it } from 'vitest';
import { companyStep, firstRunQuery, guideSteps } from './first-run';
import type { FirstStep } from './slots';

const order: FirstStep = { id: 'order', labelKey: 'w.order', hintKey: 'w.orderHint', to: '/orders/new', tables: ['orders'], doneSql: 'SELECT 1 FROM orders', order: 20 };

describe('the first-run guide', () => {
  it('asks one query with a column per step', () => {
    expect(firstRunQuery([companyStep, order])).toBe(`SELECT EXISTS (${companyStep.doneSql}) AS s0, EXISTS (SELECT 1 FROM orders) AS s1`);
  });

  it('shows the steps with the first one not done as next, and goes away when all are done or it was hidden', () => {
    const steps = guideSteps([companyStep, order], { s0: 0, s1: 1 }, false);
    expect(steps?.map((s) => [s.id, s.done, s.next])).toEqual([['company', false, true], ['order', true, false]]);
    expect(guideSteps([companyStep, order], { s0: 1, s1: 0 }, false)?.find((s) => s.next)?.id).toBe('order');
    expect(guideSteps([companyStep, order], { s0: 1, s1: 1 }, false)).toBeNull();
    expect(guideSteps([companyStep, order], { s0: 0, s1: 0 }, true)).toBeNull();
    // Not drawn before the query answered.
    expect(guideSteps([companyStep, order], undefined, false)).toBeNull();
  });
});
