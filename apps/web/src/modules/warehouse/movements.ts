import { milli, milliText, normalizeDecimalInput, parseMoneyInput, type NegativeStockPolicy, type WriteOp } from '@roaauto/shared';

/** What the movement form records: a receipt, an issue, a transfer, a count adjustment, a return. */
export const formKinds = ['intrare', 'iesire', 'transfer', 'inventar', 'retur'] as const;
export type FormKind = (typeof formKinds)[number];

export type MovementForm = {
  tip: FormKind; product_id: string; location_id: string; to_location_id: string; cantitate: string; data: string; cost: string; nota: string;
  /** For a count adjustment and a return: whether the quantity goes into stock (true) or out of it. */
  plus: boolean;
};

export const emptyMovementForm = (today: string): MovementForm => ({
  tip: 'intrare', product_id: '', location_id: '', to_location_id: '', cantitate: '', data: today, cost: '', nota: '', plus: true,
});

export function movementProblems(f: MovementForm): Partial<Record<keyof MovementForm, string>> {
  const p: Partial<Record<keyof MovementForm, string>> = {};
  if (!f.product_id) p.product_id = 'warehouse.movements.pickProduct';
  if (!f.location_id) p.location_id = 'warehouse.movements.pickLocation';
  if (f.tip === 'transfer' && (!f.to_location_id || f.to_location_id === f.location_id)) p.to_location_id = 'warehouse.movements.pickOtherLocation';
  const q = normalizeDecimalInput(f.cantitate, 3);
  if (q === null || milli(q) === 0n) p.cantitate = 'warehouse.movements.badQuantity';
  if (f.cost.trim() && parseMoneyInput(f.cost) === null) p.cost = 'warehouse.movements.badQuantity';
  return p;
}

/** The signed quantity of the form's movement at its (source) location. */
export function signedQuantity(f: MovementForm): string {
  const q = normalizeDecimalInput(f.cantitate, 3) ?? '0';
  const out = f.tip === 'iesire' || f.tip === 'transfer' || ((f.tip === 'inventar' || f.tip === 'retur') && !f.plus);
  return out ? `-${q}` : q;
}

/**
 * Whether the form's movement may be written with the company's policy and the stock the device sees:
 * 'ok', 'warn' (goes below zero, allowed with a warning) or 'refuse' (policy "refuse", and the device has
 * the current stock: it is online). Offline, the device cannot know what others took: it records the
 * movement and the stock, if it goes below zero, shows in the negative list.
 */
export function stockVerdict(f: MovementForm, stockMilli: bigint, policy: NegativeStockPolicy, online: boolean): 'ok' | 'warn' | 'refuse' {
  const q = milli(signedQuantity(f));
  if (q >= 0n || stockMilli + q >= 0n || policy === 'allow') return 'ok';
  return policy === 'refuse' && online ? 'refuse' : 'warn';
}

/** The writes of the form: one ledger row (two for a transfer, the destination naming the source) and its cost. */
export function movementWrites(f: MovementForm, o: { userId: string | null; withCosts: boolean }, newId: () => string): WriteOp[] {
  const q = signedQuantity(f);
  const base = { product_id: f.product_id, data: f.data, doc_tip: null, doc_id: null, user_id: o.userId, nota: f.nota.trim() || null };
  if (f.tip === 'transfer') {
    const transfer = newId();
    return [
      { op: 'create', table: 'stock_movements', data: { ...base, id: transfer, tip: 'transfer', location_id: f.location_id, cantitate: q, transfer_id: null } },
      { op: 'create', table: 'stock_movements', data: { ...base, id: newId(), tip: 'transfer', location_id: f.to_location_id, cantitate: q.replace(/^-/, ''), transfer_id: transfer } },
    ];
  }
  const id = newId();
  const ops: WriteOp[] = [{ op: 'create', table: 'stock_movements', data: { ...base, id, tip: f.tip, location_id: f.location_id, cantitate: q, transfer_id: null } }];
  const cost = f.cost.trim() ? parseMoneyInput(f.cost) : null;
  if (o.withCosts && cost !== null && !q.startsWith('-')) ops.push({ op: 'create', table: 'stock_movement_costs', data: { movement_id: id, cost_unitar: cost } });
  return ops;
}

export type StockRow = { product_id: string; location_id: string; cod: string; nume: string; um: string; locatie: string; cantitate_milli: number };

/** Stock per product and location with names, optionally of one location; `negative` keeps only lines below zero. */
export function stockListQuery(o: { locationId?: string; negative?: boolean }): { sql: string; params: string[] } {
  const where = o.locationId ? 'WHERE m.location_id = ?' : '';
  return {
    sql: `SELECT m.product_id, m.location_id, p.cod, p.nume, p.um, l.nume AS locatie,
        SUM(CAST(ROUND(CAST(m.cantitate AS REAL) * 1000) AS INTEGER)) AS cantitate_milli
      FROM stock_movements m JOIN products p ON p.id = m.product_id JOIN stock_locations l ON l.id = m.location_id
      ${where} GROUP BY m.product_id, m.location_id ${o.negative ? 'HAVING cantitate_milli < 0' : 'HAVING cantitate_milli <> 0'}
      ORDER BY p.nume, l.nume LIMIT 1000`,
    params: o.locationId ? [o.locationId] : [],
  };
}

export const quantityText = (v: number | null): string => milliText(v ?? 0);

/** A movement as the server's online route takes it (`POST /api/warehouse/movements`). */
export type OnlineMovement = {
  id: string; tip: string; product_id: string; location_id: string; cantitate: string; data: string; transfer_id: string | null; nota: string | null;
  cost_unitar?: number;
};

/** The form's writes as the online route's body: the ledger rows, each with its cost when there is one. */
export function onlineMovements(ops: readonly WriteOp[]): OnlineMovement[] {
  const costs = new Map<unknown, unknown>();
  for (const o of ops) if (o.op === 'create' && o.table === 'stock_movement_costs') costs.set(o.data.movement_id, o.data.cost_unitar);
  return ops.flatMap((o) => {
    if (o.op !== 'create' || o.table !== 'stock_movements') return [];
    const d = o.data;
    const cost = costs.get(d.id);
    return [{
      id: String(d.id), tip: String(d.tip), product_id: String(d.product_id), location_id: String(d.location_id), cantitate: String(d.cantitate),
      data: String(d.data), transfer_id: typeof d.transfer_id === 'string' ? d.transfer_id : null, nota: typeof d.nota === 'string' ? d.nota : null,
      ...(typeof cost === 'number' ? { cost_unitar: cost } : {}),
    }];
  });
}
