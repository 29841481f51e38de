import { lineContentChanged, orderLinesTable, ordersTable, orderTotals, type LineAmounts, type LineDecision } from '@roaauto/shared';
import { touchDerived, type SyncHook } from '../../sync/hooks';
import type { Row } from '../../sync/sync.store';
import { counterPast, takeOrderNumbers, takenNumbers } from './order-numbers';

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const int = (v: unknown) => (typeof v === 'number' ? v : null);

/** A stored line's amounts (the store's rows are untyped; every stored line was checked against its declaration). */
function lineAmounts(l: Row): LineAmounts & { decizie_client: LineDecision | null } {
  const decision = l.decizie_client === 'aprobat' || l.decizie_client === 'respins' ? l.decizie_client : null;
  return { tip: l.tip === 'manopera' ? 'manopera' : 'material', ore: text(l.ore), pret_ora: int(l.pret_ora), cantitate: text(l.cantitate), pret_unitar: int(l.pret_unitar), decizie_client: decision };
}

/**
 * The server's part of a push that touches orders or their lines:
 * 1. every new order gets a number that no other order of the company has: its own when it is free
 *    (chosen on a device without an account, uploaded at sign-up), else the counter's next one: devices
 *    with an account push new orders without a number, so numbers follow the order of arrival, gap-free;
 * 2. every order whose lines changed gets its totals recomputed from all of its lines, so the stored
 *    totals are always the sum of the stored lines, whatever each device believed offline; a line the
 *    customer declined (client portal) is left out, and a line whose content changed after the
 *    customer's decision is undecided again (the estimate is a new version for them).
 */
export const ordersSyncHook: SyncHook = async (ctx) => {
  const { tx, touched, state, version, now, clientId } = ctx;
  const setOrder = (key: string, row: Row, sources: Iterable<string> = []) => {
    touchDerived(touched, key, ordersTable, row, sources);
    state.set(key, row);
  };

  // 1. numbers
  const fresh = [...touched.entries()].filter(([, t]) => t.def.name === 'orders' && t.isNew && !t.row.deleted_at);
  if (fresh.length) {
    const wanted = fresh.map(([, t]) => t.row.nr_comanda).filter((n): n is number => typeof n === 'number');
    const taken = await takenNumbers(tx, wanted);
    // Keep every number that is free; the counter moves past the highest kept, and the orders left
    // without one get the counter's next numbers (one counter update each way, however many orders).
    const kept = new Set<number>();
    const unnumbered: [string, Row][] = [];
    for (const [key, t] of fresh) {
      const n = typeof t.row.nr_comanda === 'number' ? t.row.nr_comanda : null;
      if (n !== null && !kept.has(n) && (!taken.has(n) || taken.get(n) === t.row.id)) kept.add(n);
      else unnumbered.push([key, t.row]);
    }
    if (kept.size) await counterPast(tx, Math.max(...kept), now);
    if (unnumbered.length) {
      const { first } = await takeOrderNumbers(tx, unnumbered.length, now);
      unnumbered.forEach(([key, row], i) => setOrder(key, { ...row, nr_comanda: first + i }));
    }
  }

  // 2. totals
  const orderIds = new Set<string>();
  // The pushed lines of each order: its totals come from them.
  const pushedLines = new Map<string, string[]>();
  for (const [key, t] of touched) {
    if (t.def.name === 'orders' && !t.row.deleted_at) orderIds.add(t.row.id);
    if (t.def.name === 'order_lines') {
      const id = String(t.row.order_id);
      orderIds.add(id);
      (pushedLines.get(id) ?? pushedLines.set(id, []).get(id))?.push(key);
    }
  }
  if (!orderIds.size) return;
  const lines = new Map<string, Row>();
  for (const l of await ctx.store.loadChildren(tx, orderLinesTable.name, 'order_id', [...orderIds])) lines.set(l.id, l);
  for (const [key, t] of touched) {
    if (t.def.name !== 'order_lines') continue;
    if (t.row.deleted_at) {
      lines.delete(t.row.id);
      continue;
    }
    const stored = lines.get(t.row.id);
    if (!t.isNew && t.row.decizie_client != null && stored && lineContentChanged(stored, t.row)) {
      touched.set(key, { ...t, row: { ...t.row, decizie_client: null } });
      state.set(key, { ...t.row, decizie_client: null });
    }
    lines.set(t.row.id, touched.get(key)?.row ?? t.row);
  }
  const byOrder = new Map<string, LineAmounts[]>();
  for (const l of lines.values()) {
    const list = byOrder.get(String(l.order_id)) ?? byOrder.set(String(l.order_id), []).get(String(l.order_id));
    list?.push(lineAmounts(l));
  }
  for (const id of orderIds) {
    const key = `orders:${id}`;
    const order = state.get(key);
    if (!order || order.deleted_at) continue;
    const totals = orderTotals(byOrder.get(id) ?? []);
    if (totals.total_manopera === order.total_manopera && totals.total_materiale === order.total_materiale && totals.total_general === order.total_general) continue;
    setOrder(key, { ...order, ...totals, updated_at: now, version, last_client_id: clientId }, pushedLines.get(id) ?? []);
  }
};
