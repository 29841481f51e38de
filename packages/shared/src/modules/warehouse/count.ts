import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { fromMilli, milli } from './quantity';
import { warehouseRefusals } from './refusals';

const { refuse } = warehouseRefusals;

/** open (counting), finished (no more lines), applied (its adjustments are in the ledger). */
export const countStatuses = ['deschis', 'terminat', 'aplicat'] as const;
export type CountStatus = (typeof countStatuses)[number];

/** The one step a count's status may take from each status. */
const nextStatus: Record<CountStatus, CountStatus | null> = { deschis: 'terminat', terminat: 'aplicat', aplicat: null };

/**
 * A count (inventar) of one location: started (`inceput_la`, as the phone's clock read it), finished, then
 * applied once as `inventar` movements whose `doc_tip` is 'inventar' and `doc_id` the count's id. The
 * differences are measured from the ledger as it stood when the count was recorded: movements whose
 * `created_at` is not after the count's own `created_at`. Both are the server's receiving times once
 * synced (the device's clock before), so every device and the server split the ledger the same way.
 */
export const stockCountsTable = defineTable({
  name: 'stock_counts',
  module: 'warehouse',
  columns: {
    location_id: col.id({ references: 'stock_locations' }),
    status: col.enum(countStatuses),
    inceput_la: col.timestamp(),
    inceput_de: col.id({ nullable: true, references: 'users' }),
    terminat_la: col.timestamp({ nullable: true }),
    aplicat_la: col.timestamp({ nullable: true }),
    nota: col.text(500, { nullable: true }),
  },
  indexes: [['location_id'], ['status']],
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, previous, deleting }) => {
    if (!previous) return deleting || row.status === 'deschis' ? null : refuse('warehouse.count_status');
    if (previous.status === 'aplicat') return refuse('warehouse.count_applied');
    if (deleting) return previous.status === 'deschis' ? null : refuse('warehouse.count_closed');
    if (row.status !== previous.status && nextStatus[previous.status] !== row.status) return refuse('warehouse.count_status');
    // Once finished, only the step to applied (and its time) may change.
    if (previous.status === 'terminat' && (row.location_id !== previous.location_id || row.inceput_la !== previous.inceput_la)) {
      return refuse('warehouse.count_closed');
    }
    return null;
  },
});

/**
 * A counted quantity of one product in a count, by whom and when. One line per product per counter (two
 * people counting the same location on two phones each keep theirs; the report sums them), so no two
 * devices ever overwrite one number.
 */
export const stockCountLinesTable = defineTable({
  name: 'stock_count_lines',
  module: 'warehouse',
  columns: {
    count_id: col.id({ references: 'stock_counts' }),
    product_id: col.id({ references: 'products' }),
    cantitate: col.decimal(3),
    user_id: col.id({ nullable: true, references: 'users' }),
    numarat_la: col.timestamp(),
  },
  indexes: [['count_id', 'product_id']],
  parent: { table: 'stock_counts', column: 'count_id' },
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, parent, deleting }) => {
    if (parent && parent.status !== 'deschis') return refuse('warehouse.count_closed');
    if (!deleting && milli(row.cantitate) < 0n) return refuse('warehouse.count_quantity');
    return null;
  },
});

export type CountLineInput = { product_id: string; cantitate: string };
/** Ledger rows of the counted location, with when each was recorded. */
export type CountLedgerRow = { product_id: string; cantitate: string; created_at: string; doc_tip: string | null; doc_id: string | null };

export type CountReportLine = {
  product_id: string;
  /** Stock at the count's start (the ledger's rows recorded up to then). */
  asteptat: string;
  numarat: string;
  /** numarat − asteptat: what the adjustment records. */
  diferenta: string;
  /** Movements recorded after the start (another device sold one during the count): shown, not adjusted. */
  in_timpul: string;
  /** No line counted it: it was expected, so it counts as 0 (missing). */
  nenumarat: boolean;
  /** The difference's value in bani at the product's unit cost; null without a cost (or without `warehouse.costs`). */
  valoare: number | null;
};

export type CountReport = {
  lines: CountReportLine[];
  /** Lines with a difference. */
  differences: number;
  /** Sum of the differences' values in bani (those with a cost). */
  valoarePlus: number;
  valoareMinus: number;
};

/**
 * The differences report: per product, the stock at the count's start (`start`: the count row's
 * `created_at`) from
 * the location's ledger rows, the counted quantity (the sum of its lines), the difference, and what was
 * recorded after the start. Rows of this count's own adjustments are left out (a report after applying
 * reads as before). Products expected but not counted count as 0; products neither in stock nor counted
 * are left out. `unitCosts` (bani per unit) values the differences.
 */
export function countReport(input: {
  countId: string;
  start: string;
  ledger?: readonly CountLedgerRow[];
  /** The ledger already summed by SQL (`countLedgerSumsSql`): what a device with a large ledger passes. */
  sums?: readonly CountLedgerSum[];
  lines: readonly CountLineInput[];
  unitCosts?: ReadonlyMap<string, number>;
}): CountReport {
  type Acc = { expected: bigint; during: bigint; counted: bigint; seen: boolean };
  const acc = new Map<string, Acc>();
  const get = (id: string): Acc => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { expected: 0n, during: 0n, counted: 0n, seen: false }));
    return a;
  };
  for (const r of input.sums ?? []) {
    const a = get(r.product_id);
    a.expected += BigInt(r.inainte_milli ?? 0);
    a.during += BigInt(r.dupa_milli ?? 0);
  }
  for (const r of input.ledger ?? []) {
    if (r.doc_tip === 'inventar' && r.doc_id === input.countId) continue;
    const a = get(r.product_id);
    if (r.created_at <= input.start) a.expected += milli(r.cantitate);
    else a.during += milli(r.cantitate);
  }
  for (const l of input.lines) {
    const a = get(l.product_id);
    a.counted += milli(l.cantitate);
    a.seen = true;
  }
  const lines: CountReportLine[] = [];
  let differences = 0;
  let valoarePlus = 0;
  let valoareMinus = 0;
  for (const [product_id, a] of acc) {
    if (!a.seen && a.expected === 0n) continue;
    const diff = a.counted - a.expected;
    const cost = input.unitCosts?.get(product_id);
    // Bani × thousandths / 1000, rounded half away from zero, once per line.
    const valoare = cost === undefined ? null : roundDiv(BigInt(cost) * diff, 1000n);
    if (diff !== 0n) differences++;
    if (valoare !== null && valoare > 0) valoarePlus += valoare;
    if (valoare !== null && valoare < 0) valoareMinus += valoare;
    lines.push({
      product_id, asteptat: fromMilli(a.expected), numarat: fromMilli(a.counted), diferenta: fromMilli(diff), in_timpul: fromMilli(a.during),
      nenumarat: !a.seen, valoare,
    });
  }
  lines.sort((x, y) => x.product_id.localeCompare(y.product_id));
  return { lines, differences, valoarePlus, valoareMinus };
}

function roundDiv(n: bigint, d: bigint): number {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (a + d / 2n) / d;
  return Number(neg ? -q : q);
}

/**
 * The id of a count's adjustment of one product: the same on every device (the count's id XOR the
 * product's, stamped as a version-8 UUID), so a count applied twice (two phones offline, a retry) writes
 * the same rows, and the ledger, which never changes a row, keeps one of each.
 */
export function countMovementId(countId: string, productId: string): string {
  const a = countId.replace(/-/g, '');
  const b = productId.replace(/-/g, '');
  let hex = '';
  for (let i = 0; i < 32; i++) hex += (parseInt(a.charAt(i) || '0', 16) ^ parseInt(b.charAt(i) || '0', 16)).toString(16);
  hex = `${hex.slice(0, 12)}8${hex.slice(13, 16)}${((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type CountAdjustment = {
  id: string; tip: 'inventar'; product_id: string; location_id: string; cantitate: string; data: string;
  transfer_id: null; doc_tip: 'inventar'; doc_id: string; user_id: string | null; nota: null;
};

/** The `inventar` movements that apply a report: one per line with a difference. */
export function countAdjustments(o: { countId: string; locationId: string; data: string; userId: string | null; report: CountReport }): CountAdjustment[] {
  return o.report.lines.filter((l) => milli(l.diferenta) !== 0n).map((l) => ({
    id: countMovementId(o.countId, l.product_id), tip: 'inventar', product_id: l.product_id, location_id: o.locationId, cantitate: l.diferenta,
    data: o.data, transfer_id: null, doc_tip: 'inventar', doc_id: o.countId, user_id: o.userId, nota: null,
  }));
}

/**
 * What a scan does on the counting screen: the product's line (this counter's) goes up by one, or a line
 * with 1 is made. Scanning piece by piece is how a shelf is counted with one hand; a box of 50 is typed
 * over the line's quantity instead.
 */
export function scanIncrement(current: string | null): string {
  return fromMilli((current === null ? 0n : milli(current)) + 1000n);
}

/** The device's query of a location's ledger rows for the report (through the (location_id, product_id) index). */
export const countLedgerSql = `SELECT product_id, cantitate, created_at, doc_tip, doc_id FROM stock_movements WHERE location_id = ?`;

/** A product's ledger at the counted location, summed in thousandths: before the count's start, and after it. */
export type CountLedgerSum = { product_id: string; inainte_milli: number | null; dupa_milli: number | null };

/**
 * The same split summed by SQLite (params: count id, start, start, location id): exact integer
 * thousandths as `stockSql` sums them, without the count's own adjustments.
 */
export const countLedgerSumsSql = `SELECT product_id,
    SUM(CASE WHEN created_at <= ? THEN CAST(ROUND(CAST(cantitate AS REAL) * 1000) AS INTEGER) ELSE 0 END) AS inainte_milli,
    SUM(CASE WHEN created_at > ? THEN CAST(ROUND(CAST(cantitate AS REAL) * 1000) AS INTEGER) ELSE 0 END) AS dupa_milli
  FROM stock_movements WHERE location_id = ? AND NOT (doc_tip IS 'inventar' AND doc_id IS ?) GROUP BY product_id`;

/** `countLedgerSumsSql`'s parameters in order. */
export const countLedgerSumsParams = (o: { countId: string; start: string; locationId: string }): string[] => [o.start, o.start, o.locationId, o.countId];
