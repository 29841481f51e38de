import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMilli } from './quantity';
import { valuate, valuateAt, type ValuedMovement } from './valuation';
import type { MovementKind, ValuationMethod } from './warehouse.tables';

let n = 0;
const mv = (tip: MovementKind, cantitate: string, data: string, cost: number | null = null, product_id = 'p'): ValuedMovement => {
  n++;
  return { id: `m${String(n).padStart(4, '0')}`, tip, product_id, cantitate, data, created_at: `${data}T10:00:${String(n % 60).padStart(2, '0')}.000Z`, cost_unitar: cost };
};

describe('valuation by weighted average cost (CMP)', () => {
  it('prices each issue at the average of what is on hand', () => {
    // 10 at 10.00 lei and 10 at 13.00 lei: average 11.50; 5 out cost 57.50; 15 left worth 172.50.
    const issue = mv('iesire', '-5', '2026-03-03');
    const v = valuate([mv('intrare', '10', '2026-03-01', 1000), mv('intrare', '10', '2026-03-02', 1300), issue], 'cmp');
    expect(v.issueCosts.get(issue.id)).toBe(5750);
    const p = v.products.get('p');
    expect(p?.value).toBe(17_250);
    expect(fromMilli(p?.quantityMilli ?? 0n)).toBe('15');
  });

  it('rounds each issue once and leaves no bani when the stock empties', () => {
    // 3 at 10.00 lei: one out costs 10.00; then 3 at 10.01 → average of 5 = 50.03/5 = 10.006 → one out 10.01.
    const a = mv('iesire', '-1', '2026-03-02');
    const b = mv('iesire', '-1', '2026-03-04');
    const c = mv('iesire', '-4', '2026-03-05');
    const v = valuate([mv('intrare', '3', '2026-03-01', 1000), a, mv('intrare', '3', '2026-03-03', 1001), b, c], 'cmp');
    expect(v.issueCosts.get(a.id)).toBe(1000);
    expect(v.issueCosts.get(b.id)).toBe(1001);
    expect(v.issueCosts.get(c.id)).toBe(5003 - 1001);
    expect(v.products.get('p')?.value).toBe(0);
  });

  it('values the stock at a past date', () => {
    const v = valuate([mv('intrare', '2', '2026-01-10', 500), mv('intrare', '2', '2026-02-10', 700)], 'cmp', '2026-01-31');
    expect(v.products.get('p')?.value).toBe(1000);
  });

  it('ignores transfers (they move stock, not value)', () => {
    const v = valuate([mv('intrare', '2', '2026-01-10', 500), mv('transfer', '-1', '2026-01-11'), mv('transfer', '1', '2026-01-11')], 'cmp');
    expect(v.products.get('p')?.value).toBe(1000);
    expect(fromMilli(v.products.get('p')?.quantityMilli ?? 0n)).toBe('2');
  });

  it('costs a shortfall at the last unit cost and settles it with the next receipt', () => {
    const out = mv('iesire', '-2', '2026-01-11');
    const v = valuate([mv('intrare', '1', '2026-01-10', 400), out, mv('intrare', '3', '2026-01-12', 500)], 'cmp');
    expect(v.issueCosts.get(out.id)).toBe(800);
    // in 400 + 1500, out 800: 1100 on hand for 2 units.
    expect(v.products.get('p')?.value).toBe(1100);
  });
});

describe('valuation FIFO', () => {
  it('takes the oldest receipts first', () => {
    // 10 at 10.00, 10 at 13.00; 12 out = 10 × 10.00 + 2 × 13.00 = 126.00; 8 left at 13.00 = 104.00.
    const issue = mv('iesire', '-12', '2026-03-03');
    const v = valuate([mv('intrare', '10', '2026-03-01', 1000), mv('intrare', '10', '2026-03-02', 1300), issue], 'fifo');
    expect(v.issueCosts.get(issue.id)).toBe(12_600);
    expect(v.products.get('p')?.value).toBe(10_400);
  });

  it('reads the ledger by date, whatever order the rows arrived in', () => {
    const issue = mv('iesire', '-1', '2026-03-05');
    const late = mv('intrare', '1', '2026-03-01', 900);
    const v = valuate([mv('intrare', '1', '2026-03-02', 1200), issue, late], 'fifo');
    expect(v.issueCosts.get(issue.id)).toBe(900);
  });

  it('a count surplus without a cost comes in at the current average', () => {
    const v = valuate([mv('intrare', '2', '2026-03-01', 1000), mv('inventar', '1', '2026-03-02')], 'fifo');
    expect(v.products.get('p')?.value).toBe(3000);
  });
});

const kinds: MovementKind[] = ['intrare', 'iesire', 'inventar', 'retur', 'transfer'];

describe('valuation invariant (property)', () => {
  for (const method of ['cmp', 'fifo'] as ValuationMethod[]) {
    it(`${method}: value in − value out = value on hand, and an empty stock is worth zero when nothing was short`, () => {
      const arb = fc.array(fc.record({
        tip: fc.constantFrom(...kinds),
        product: fc.constantFrom('a', 'b'),
        q: fc.integer({ min: 1, max: 5000 }),
        out: fc.boolean(),
        day: fc.integer({ min: 1, max: 28 }),
        cost: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
      }), { maxLength: 40 });
      fc.assert(fc.property(arb, (specs) => {
        const ms = specs.map((s, i) => {
          const sign = s.tip === 'intrare' ? 1 : s.tip === 'iesire' ? -1 : s.out ? -1 : 1;
          return {
            id: `x${String(i).padStart(3, '0')}`, tip: s.tip, product_id: s.product, cantitate: fromMilli(BigInt(sign * s.q)),
            data: `2026-02-${String(s.day).padStart(2, '0')}`, created_at: `2026-02-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
            cost_unitar: sign > 0 ? s.cost : null,
          };
        });
        const v = valuate(ms, method);
        let outs = 0;
        for (const c of v.issueCosts.values()) outs += c;
        let total = 0;
        for (const p of v.products.values()) {
          expect(p.valueIn - p.valueOut).toBe(p.value);
          total += p.valueOut;
          const q = ms.filter((m) => m.product_id === p.product_id && m.tip !== 'transfer').reduce((s, m) => s + BigInt(Math.round(Number(m.cantitate) * 1000)), 0n);
          expect(p.quantityMilli).toBe(q);
        }
        expect(outs).toBe(total);
      }), { seed: 20_2026, numRuns: 60 });
    });
  }
});

describe('valuation at several days in one pass', () => {
  for (const method of ['cmp', 'fifo'] as ValuationMethod[]) {
    it(`${method}: gives each day's value and the issues' costs as valuing up to that day does`, () => {
      const arb = fc.array(fc.record({
        tip: fc.constantFrom(...kinds), product: fc.constantFrom('a', 'b', 'c'), q: fc.integer({ min: 1, max: 5000 }), out: fc.boolean(),
        day: fc.integer({ min: 1, max: 28 }), cost: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
      }), { maxLength: 40 });
      const days = fc.uniqueArray(fc.integer({ min: 0, max: 29 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`), { minLength: 1, maxLength: 4 });
      fc.assert(fc.property(arb, days, (specs, ends) => {
        const ms = specs.map((s, i) => {
          const sign = s.tip === 'intrare' ? 1 : s.tip === 'iesire' ? -1 : s.out ? -1 : 1;
          return {
            id: `y${String(i).padStart(3, '0')}`, tip: s.tip, product_id: s.product, cantitate: fromMilli(BigInt(sign * s.q)),
            data: `2026-02-${String(s.day).padStart(2, '0')}`, created_at: `2026-02-01T00:00:${String((i * 7) % 60).padStart(2, '0')}.000Z`,
            cost_unitar: sign > 0 ? s.cost : null,
          };
        });
        const at = valuateAt(ms, method, ends);
        const last = [...ends].sort().at(-1);
        for (const d of ends) {
          const v = valuate(ms, method, d);
          expect(at.valueAt.get(d)).toBe([...v.products.values()].reduce((s, p) => s + p.value, 0));
          for (const [id, cost] of v.issueCosts) expect(at.issueCosts.get(id)).toBe(cost);
        }
        expect(at.issueCosts).toEqual(valuate(ms, method, last).issueCosts);
      }), { seed: 21_2026, numRuns: 100 });
    });
  }
});
