import { describe, expect, it } from 'vitest';
import { consumedCost, idFromKey, issuedByProduct, orderStockOps, planOrderStock, shortages, type OrderMovement } from './order-stock';

const base = { orderId: 'o1', locationId: 'L1' };
let seq = 0;
/** The planned movements as rows of the ledger (what the device has after the write). */
function applied(plan: ReturnType<typeof planOrderStock>): OrderMovement[] {
  return plan.map((m) => ({ id: `m${++seq}`, tip: m.tip, product_id: m.product_id, location_id: m.location_id, cantitate: m.cantitate }));
}

describe('planOrderStock', () => {
  it('issues each product once by the sum of its lines, from the default location', () => {
    const plan = planOrderStock({ ...base, action: 'issue', lines: [{ product_id: 'p1', cantitate: '2' }, { product_id: 'p2', cantitate: '1.5' }, { product_id: 'p1', cantitate: '1' }], ledger: [] });
    expect(plan.map(({ tip, product_id, location_id, cantitate }) => ({ tip, product_id, location_id, cantitate }))).toEqual([
      { tip: 'iesire', product_id: 'p1', location_id: 'L1', cantitate: '-3' },
      { tip: 'iesire', product_id: 'p2', location_id: 'L1', cantitate: '-1.5' },
    ]);
  });

  it('is idempotent: a second validation writes nothing', () => {
    const lines = [{ product_id: 'p1', cantitate: '2' }];
    const ledger = applied(planOrderStock({ ...base, action: 'issue', lines, ledger: [] }));
    expect(planOrderStock({ ...base, action: 'issue', lines, ledger })).toEqual([]);
  });

  it('returns on reopen to where it was taken, and issues again once after', () => {
    const lines = [{ product_id: 'p1', cantitate: '2' }];
    const first = applied(planOrderStock({ ...base, action: 'issue', lines, ledger: [] }));
    // The default location changed meanwhile: the return still goes back where the parts came from.
    const back = planOrderStock({ ...base, locationId: 'L2', action: 'return', lines, ledger: first });
    expect(back.map((m) => [m.tip, m.location_id, m.cantitate])).toEqual([['retur', 'L1', '2']]);
    const afterReturn = [...first, ...applied(back)];
    expect(planOrderStock({ ...base, action: 'return', lines, ledger: afterReturn })).toEqual([]);
    const again = planOrderStock({ ...base, action: 'issue', lines: [{ product_id: 'p1', cantitate: '5' }], ledger: afterReturn });
    expect(again.map((m) => [m.tip, m.cantitate])).toEqual([['iesire', '-5']]);
    // Its key counts the issues before it, so it differs from the first validation's.
    expect(again[0]?.key).not.toEqual(planOrderStock({ ...base, action: 'issue', lines, ledger: [] })[0]?.key);
  });

  it('gives the same keys on two devices that validate from the same state', () => {
    const lines = [{ product_id: 'p1', cantitate: '1' }];
    const a = planOrderStock({ ...base, action: 'issue', lines, ledger: [] });
    const b = planOrderStock({ ...base, action: 'issue', lines, ledger: [] });
    expect(a.map((m) => m.key)).toEqual(b.map((m) => m.key));
  });

  it('returns a product whose line was removed, and issues nothing without a location', () => {
    const ledger: OrderMovement[] = [{ id: 'x', tip: 'iesire', product_id: 'p9', location_id: 'L3', cantitate: '-4' }];
    expect(planOrderStock({ ...base, action: 'issue', lines: [], ledger }).map((m) => [m.tip, m.location_id, m.cantitate])).toEqual([['retur', 'L3', '4']]);
    expect(planOrderStock({ ...base, locationId: null, action: 'issue', lines: [{ product_id: 'p1', cantitate: '1' }], ledger: [] })).toEqual([]);
  });
});

describe('orderStockOps', () => {
  it('writes ledger rows naming the order, with ids made from their keys', async () => {
    const p = { ...base, action: 'issue' as const, lines: [{ product_id: 'p1', cantitate: '1' }], ledger: [], date: '2026-12-06', userId: 'u1' };
    const [a] = await orderStockOps(p);
    const [b] = await orderStockOps(p);
    expect(a?.op).toBe('create');
    if (a?.op !== 'create' || b?.op !== 'create') throw new Error('expected creates');
    expect(a.data).toMatchObject({ tip: 'iesire', doc_tip: 'comanda', doc_id: 'o1', cantitate: '-1', data: '2026-12-06', user_id: 'u1' });
    expect(a.data.id).toEqual(b.data.id);
    expect(String(a.data.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes different ids from different keys', async () => {
    expect(await idFromKey('a')).not.toEqual(await idFromKey('b'));
  });
});

describe('stock views', () => {
  it('lists the products short of what the lines need', () => {
    const short = shortages([{ product_id: 'p1', cantitate: '2' }, { product_id: 'p2', cantitate: '1' }, { product_id: 'p1', cantitate: '1' }], new Map([['p1', 2000n], ['p2', 5000n]]));
    expect([...short.entries()]).toEqual([['p1', { need: 3000n, have: 2000n }]]);
  });

  it('counts the net quantity out per product', () => {
    const ledger: OrderMovement[] = [
      { id: 'a', tip: 'iesire', product_id: 'p1', location_id: 'L1', cantitate: '-2' },
      { id: 'b', tip: 'retur', product_id: 'p1', location_id: 'L1', cantitate: '2' },
      { id: 'c', tip: 'iesire', product_id: 'p1', location_id: 'L1', cantitate: '-1.25' },
    ];
    expect(issuedByProduct(ledger).get('p1')).toBe(1250n);
  });

  it('costs only the issues since the last return', () => {
    const row = (id: string, tip: string, q: string, at: string) => ({ id, tip, product_id: 'p1', location_id: 'L1', cantitate: q, data: '2026-12-01', created_at: at });
    const ledger = [row('a', 'iesire', '-2', '1'), row('b', 'retur', '2', '2'), row('c', 'iesire', '-1', '3')];
    expect(consumedCost(ledger, new Map([['a', 9000], ['c', 4700]]))).toBe(4700);
    expect(consumedCost(ledger.slice(0, 1), new Map([['a', 9000]]))).toBe(9000);
  });
});
