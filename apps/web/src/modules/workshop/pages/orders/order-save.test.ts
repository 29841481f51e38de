import { describe, expect, it } from 'vitest';
import type { OrderLineRow } from '../../order-rows';
import { emptyFields, emptySnapshot, orderHeader, toLineRow, type LineDraft } from './order-form';
import { changedFields, planSave } from './order-save';

const header = orderHeader({ ...emptyFields('2026-04-01'), km: '1000' }, { ...emptySnapshot(), vehicle_id: 'v1' }, null, '2026-04-01');
const line = (id: string, over: Partial<LineDraft> = {}): LineDraft => ({
  id, tip: 'manopera', descriere: `Operația ${id}`, norma_id: null, qty: '1', price: '100', um: '', mecanic_id: null, ...over,
});
const stored = (l: LineDraft, i: number): OrderLineRow => toLineRow(l, 'o1', i);

describe('saving the order form', () => {
  it('a new order is one write: the order with its totals and number, then its complete lines; an incomplete line waits', () => {
    const plan = planSave({
      orderId: 'o1', storedOrder: null, newOrder: { status: 'DRAFT', nr_comanda: 7 }, header,
      lines: [line('a'), line('b', { qty: '' })], stored: [], known: new Set(),
    });
    expect(plan?.ops.map((o) => `${o.op} ${o.table}`)).toEqual(['create orders', 'create order_lines']);
    expect(plan?.ops[0]).toMatchObject({ data: { id: 'o1', status: 'DRAFT', nr_comanda: 7, km_intrare: 1000, total_manopera: 10000, total_general: 10000 } });
    expect([...(plan?.known ?? [])]).toEqual(['a']);
  });

  it('a stored order gets only what changed; nothing changed is nothing to write', () => {
    const lines = [line('a'), line('b')];
    const rows = lines.map(stored);
    const storedOrder = { ...header, total_manopera: 20000, total_materiale: 0, total_general: 20000 };
    expect(planSave({ orderId: 'o1', storedOrder, header, lines, stored: rows, known: new Set(['a', 'b']) })).toBeNull();

    const edited = [line('a', { price: '150' }), line('b')];
    const plan = planSave({ orderId: 'o1', storedOrder, header, lines: edited, stored: rows, known: new Set(['a', 'b']) });
    expect(plan?.ops).toEqual([
      { op: 'update', table: 'orders', id: 'o1', patch: { total_manopera: 25000, total_general: 25000 } },
      { op: 'update', table: 'order_lines', id: 'a', patch: { pret_ora: 15000, total: 15000 } },
    ]);
  });

  it('a line the customer declined stays out of the totals until its content changes', () => {
    const lines = [line('a'), line('b')];
    const rows = [stored(line('a'), 0), { ...stored(line('b'), 1), decizie_client: 'respins' as const }];
    const storedOrder = { ...header, total_manopera: 10000, total_materiale: 0, total_general: 10000 };
    expect(planSave({ orderId: 'o1', storedOrder, header, lines, stored: rows, known: new Set(['a', 'b']) })).toBeNull();
    const other = planSave({ orderId: 'o1', storedOrder, header, lines: [line('a', { price: '150' }), line('b')], stored: rows, known: new Set(['a', 'b']) });
    expect(other?.ops[0]).toEqual({ op: 'update', table: 'orders', id: 'o1', patch: { total_manopera: 15000, total_general: 15000 } });
    // The declined line changes: it is undecided again (the server clears its mark) and counts.
    const revised = planSave({ orderId: 'o1', storedOrder, header, lines: [line('a'), line('b', { price: '80' })], stored: rows, known: new Set(['a', 'b']) });
    expect(revised?.ops).toEqual([
      { op: 'update', table: 'orders', id: 'o1', patch: { total_manopera: 18000, total_general: 18000 } },
      { op: 'update', table: 'order_lines', id: 'b', patch: { pret_ora: 8000, total: 8000 } },
    ]);
  });

  it("assigning the order to a mechanic is a patch of the order alone, with the new order's mechanic from the start", () => {
    const storedOrder = { ...header, total_manopera: 0, total_materiale: 0, total_general: 0 };
    const plan = planSave({ orderId: 'o1', storedOrder, header: { ...header, mecanic_id: 'm1' }, lines: [], stored: [], known: new Set() });
    expect(plan?.ops).toEqual([{ op: 'update', table: 'orders', id: 'o1', patch: { mecanic_id: 'm1' } }]);
    const created = planSave({ orderId: 'o2', storedOrder: null, newOrder: { status: 'DRAFT', nr_comanda: 8 }, header: { ...header, mecanic_id: 'm1' }, lines: [], stored: [], known: new Set() });
    expect(created?.ops[0]).toMatchObject({ op: 'create', data: { id: 'o2', mecanic_id: 'm1' } });
  });

  it('a line removed here is deleted; a line another device added meanwhile is kept and counted', () => {
    const rows = [stored(line('a'), 0), stored(line('b'), 1), stored(line('theirs'), 2)];
    const storedOrder = { ...header, total_manopera: 30000, total_materiale: 0, total_general: 30000 };
    const plan = planSave({ orderId: 'o1', storedOrder, header, lines: [line('a')], stored: rows, known: new Set(['a', 'b']) });
    expect(plan?.ops).toEqual([
      { op: 'update', table: 'orders', id: 'o1', patch: { total_manopera: 20000, total_general: 20000 } },
      { op: 'delete', table: 'order_lines', id: 'b' },
    ]);
    expect(plan?.linesAfter.map((r) => r.id).sort()).toEqual(['a', 'theirs']);
    expect([...(plan?.known ?? [])].sort()).toEqual(['a']);
  });

  it('a stored line made incomplete on screen keeps its stored version (and its total) until it is complete again', () => {
    const rows = [stored(line('a'), 0)];
    const storedOrder = { ...header, total_manopera: 10000, total_materiale: 0, total_general: 10000 };
    expect(planSave({ orderId: 'o1', storedOrder, header, lines: [line('a', { qty: '' })], stored: rows, known: new Set(['a']) })).toBeNull();
  });

  it('moving lines rewrites their positions', () => {
    const rows = [stored(line('a'), 0), stored(line('b'), 1)];
    const storedOrder = { ...header, total_manopera: 20000, total_materiale: 0, total_general: 20000 };
    const plan = planSave({ orderId: 'o1', storedOrder, header, lines: [line('b'), line('a')], stored: rows, known: new Set(['a', 'b']) });
    expect(plan?.ops).toEqual([
      { op: 'update', table: 'order_lines', id: 'b', patch: { ordine: 0 } },
      { op: 'update', table: 'order_lines', id: 'a', patch: { ordine: 1 } },
    ]);
  });

  it('changedFields compares only the new keys', () => {
    expect(changedFields({ a: 1, b: 2, c: 3 }, { a: 1, b: 5 })).toEqual({ b: 5 });
  });
});
