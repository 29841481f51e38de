import { lineContentChanged, orderTotals, type WriteOp } from '@roaauto/shared';
import type { OrderLineRow } from '../../order-rows';
import { lineProblem, toLineRow, type LineDraft, type OrderHeader } from './order-form';

export const lineColumns = ['order_id', 'tip', 'descriere', 'norma_id', 'ore', 'pret_ora', 'um', 'cantitate', 'pret_unitar', 'total', 'mecanic_id', 'ordine', 'product_id'] as const;

/** The fields of `next` that differ from `current` (only the keys of `next`). */
export function changedFields<T extends Record<string, unknown>>(current: Record<string, unknown>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T & string)[]) {
    if (current[k] !== next[k]) out[k] = next[k];
  }
  return out;
}

export type SavePlan = {
  ops: WriteOp[];
  /** The order's lines as the database will hold them after the write. */
  linesAfter: OrderLineRow[];
  /** Ids this form now knows to be stored. */
  known: Set<string>;
};

/**
 * One save of the form as a single local write: the order (created or patched, with the totals of
 * the lines it will have), then the removed lines, then the new and changed complete lines.
 * - `stored` is the order's current line rows in the database; `known` the ids this form loaded or wrote.
 * - An incomplete line is not written; if it was stored before, its stored version stays (and counts).
 * - A stored line this form never knew (added on another device meanwhile) is left alone and counted.
 * Returns null when there is nothing to write.
 */
export function planSave(input: {
  orderId: string;
  /** The stored order (its header columns and totals), or null when it does not exist yet. */
  storedOrder: Record<string, unknown> | null;
  /** Columns of a new order besides the header and totals (status, number). */
  newOrder?: Record<string, unknown>;
  header: OrderHeader;
  lines: readonly LineDraft[];
  stored: readonly OrderLineRow[];
  known: ReadonlySet<string>;
}): SavePlan | null {
  const { orderId, header, lines } = input;
  const storedById = new Map(input.stored.map((r) => [r.id, r]));
  const inForm = new Set(lines.map((l) => l.id));
  const known = new Set(input.known);
  const after = new Map<string, OrderLineRow>();
  const lineOps: WriteOp[] = [];
  const deleteOps: WriteOp[] = [];

  for (const r of input.stored) {
    if (inForm.has(r.id)) continue;
    if (known.has(r.id)) {
      deleteOps.push({ op: 'delete', table: 'order_lines', id: r.id });
      known.delete(r.id);
    } else {
      after.set(r.id, r);
    }
  }
  lines.forEach((l, i) => {
    const old = storedById.get(l.id);
    if (lineProblem(l)) {
      if (old) after.set(l.id, old);
      return;
    }
    const row = toLineRow(l, orderId, i);
    after.set(l.id, row);
    known.add(l.id);
    if (!old) {
      lineOps.push({ op: 'create', table: 'order_lines', data: row });
      return;
    }
    const { id: _id, ...columns } = row;
    const patch = changedFields(old, columns);
    // The customer's decision stays while the line says the same; the server clears it when it changes.
    after.set(l.id, { ...row, decizie_client: lineContentChanged(old, row) ? null : (old.decizie_client ?? null) });
    if (Object.keys(patch).length) lineOps.push({ op: 'update', table: 'order_lines', id: l.id, patch });
  });

  const linesAfter = [...after.values()];
  const head = { ...header, ...orderTotals(linesAfter) };
  const ops: WriteOp[] = [];
  if (!input.storedOrder) {
    ops.push({ op: 'create', table: 'orders', data: { id: orderId, ...input.newOrder, ...head } });
  } else {
    const patch = changedFields(input.storedOrder, head);
    if (Object.keys(patch).length) ops.push({ op: 'update', table: 'orders', id: orderId, patch });
  }
  ops.push(...deleteOps, ...lineOps);
  if (!ops.length) return null;
  return { ops, linesAfter, known };
}
