import { addDays, dueKinds, monthRangeOf, remindedColumn, type DueKind, type SqlValue } from '@roaauto/shared';

/**
 * The due list (docs/workshop.md, "Due dates"): what falls due in a month, per vehicle, read from the
 * device's database (offline). The next service is the typed date, else the last validated order of a type
 * with a service interval plus that interval (as `nextService` in the shared package computes it).
 */

export type DueFilter = {
  /** YYYY-MM. */
  month: string;
  kinds: readonly DueKind[];
  /** With what fell due in the last `overdueDays` days and was not done, when the month is the current one. */
  overdue: boolean;
  /** YYYY-MM-DD, the shop's day. */
  today: string;
};

/** How far back the current month's list looks for what was missed. */
export const overdueDays = 90;

export type DueRow = {
  vehicle_id: string;
  kind: DueKind;
  due: string;
  km: number | null;
  source: 'typed' | 'computed';
  reminded: number;
  nr_inmatriculare: string;
  client_nume: string | null;
  client_telefon: string | null;
  marca: string | null;
  model: string | null;
};

/** The dates the list covers: the month, from `overdueDays` ago when it is the current month and overdue is on. */
export function dueRange(f: Pick<DueFilter, 'month' | 'overdue' | 'today'>): { from: string; to: string } {
  const month = monthRangeOf(`${f.month}-01`);
  const current = f.today.slice(0, 7) === f.month;
  return { from: current && f.overdue ? addDays(f.today, -overdueDays) : month.from, to: month.to };
}

/** Validated (or invoiced) orders of a type with a service interval: the ones the next service counts from. */
const serviceOrder = (o: string, t: string) =>
  `${o}.status IN ('VALIDAT', 'FACTURAT') AND (${t}.interval_luni IS NOT NULL OR ${t}.interval_km IS NOT NULL)`;

/** Order `o` is its vehicle's last service order: none later (by date, then number, then id). */
const isLastService = `NOT EXISTS (SELECT 1 FROM orders o2 CROSS JOIN catalog_tipuri_deviz t2
  WHERE o2.vehicle_id = o.vehicle_id AND t2.id = o2.tip_deviz_id AND +o2.status IN ('VALIDAT', 'FACTURAT') AND (t2.interval_luni IS NOT NULL OR t2.interval_km IS NOT NULL)
    AND (+o2.data_comanda, COALESCE(o2.nr_comanda, -1), o2.id) > (o.data_comanda, COALESCE(o.nr_comanda, -1), o.id))`;

/** The km of the next service computed for vehicle `v` (its last service order's km plus the interval). */
const computedKm = `(SELECT o.km_intrare + t.interval_km FROM orders o JOIN catalog_tipuri_deviz t ON t.id = o.tip_deviz_id
  WHERE o.vehicle_id = v.id AND ${serviceOrder('o', 't')}
  ORDER BY o.data_comanda DESC, COALESCE(o.nr_comanda, -1) DESC, o.id DESC LIMIT 1)`;

/** An order's date plus the interval, on the month's last day when it lacks the day (as `addMonthsClamped`). */
const plusMonths = `MIN(date(o.data_comanda, '+' || t.interval_luni || ' months'), date(o.data_comanda, 'start of month', '+' || (t.interval_luni + 1) || ' months', '-1 day'))`;

type Part = { sql: string; params: (from: string, to: string) => SqlValue[] };

/**
 * One query per kind, each served by an index: the typed dates by their column's; the computed service by
 * walking, per order type with an interval, the validated orders dated that many months before the range
 * (`(status, data_comanda)`, a few days' margin for the months' lengths), keeping each vehicle's last service
 * order (`vehicle_id`) whose date plus the interval falls in the range. Never a pass over every vehicle or order:
 * the join order and the index are fixed (`CROSS JOIN`, `INDEXED BY`, `+` on columns whose index would be a
 * worse choice), as SQLite otherwise walks every validated order (seconds with 20,000 orders, not milliseconds).
 */
const parts: Record<DueKind, Part> = {
  itp: {
    sql: `SELECT id AS vehicle_id, 'itp' AS kind, itp_expira AS due, NULL AS km, 'typed' AS source, itp_anuntat AS anuntat FROM vehicles WHERE itp_expira BETWEEN ? AND ?`,
    params: (from, to) => [from, to],
  },
  rca: {
    sql: `SELECT id AS vehicle_id, 'rca' AS kind, rca_expira AS due, NULL AS km, 'typed' AS source, rca_anuntat AS anuntat FROM vehicles WHERE rca_expira BETWEEN ? AND ?`,
    params: (from, to) => [from, to],
  },
  revizie: {
    sql: `SELECT v.id AS vehicle_id, 'revizie' AS kind, v.revizie_data AS due, COALESCE(v.revizie_km, ${computedKm}) AS km, 'typed' AS source, v.revizie_anuntat AS anuntat
    FROM vehicles v WHERE v.revizie_data BETWEEN ? AND ?
  UNION ALL
  SELECT * FROM (
    SELECT o.vehicle_id, 'revizie' AS kind, ${plusMonths} AS due, COALESCE(v.revizie_km, o.km_intrare + t.interval_km) AS km, 'computed' AS source, v.revizie_anuntat AS anuntat
    FROM catalog_tipuri_deviz t
    CROSS JOIN orders o INDEXED BY orders_status_data_comanda_idx
    CROSS JOIN vehicles v
    WHERE t.interval_luni IS NOT NULL AND o.status IN ('VALIDAT', 'FACTURAT')
      AND o.data_comanda BETWEEN date(?, '-' || t.interval_luni || ' months', '-3 days') AND date(?, '-' || t.interval_luni || ' months', '+3 days')
      AND +o.tip_deviz_id = t.id AND v.id = o.vehicle_id AND v.revizie_data IS NULL AND ${isLastService}
  ) WHERE due BETWEEN ? AND ?`,
    params: (from, to) => [from, to, from, to, from, to],
  },
};

/** The tables the list reads (for the live query). */
export const dueTables = ['vehicles', 'orders', 'catalog_tipuri_deviz'] as const;

/** The list's query: one part per kind asked for, soonest first (then by plate). */
export function dueListQuery(f: DueFilter): { sql: string; params: SqlValue[] } {
  const { from, to } = dueRange(f);
  const kinds = dueKinds.filter((k) => f.kinds.includes(k));
  if (kinds.length === 0) return { sql: 'SELECT NULL AS vehicle_id WHERE 0', params: [] };
  const items = kinds.map((k) => parts[k].sql).join('\nUNION ALL\n');
  const sql = `SELECT i.vehicle_id, i.kind, i.due, i.km, i.source,
  CASE WHEN i.anuntat = i.due THEN 1 ELSE 0 END AS reminded, v.nr_inmatriculare, v.client_nume, v.client_telefon, v.marca, v.model
FROM (${items}) i JOIN vehicles v ON v.id = i.vehicle_id
ORDER BY i.due, v.nr_inmatriculare, i.kind`;
  return { sql, params: kinds.flatMap((k) => parts[k].params(from, to)) };
}

/** How many vehicles have something falling due in the month (the home page's card). */
export function dueCountQuery(f: DueFilter): { sql: string; params: SqlValue[] } {
  const q = dueListQuery(f);
  return { sql: `SELECT COUNT(DISTINCT vehicle_id) AS n FROM (${q.sql})`, params: q.params };
}

/** Whether an item's date is before the shop's day. */
export const isOverdue = (row: Pick<DueRow, 'due'>, today: string): boolean => row.due < today;

/** The change that marks an item as told to the customer (its due date), or clears the mark. */
export function reminderMark(row: Pick<DueRow, 'kind' | 'due'>, done: boolean): Record<string, string | null> {
  return { [remindedColumn[row.kind]]: done ? row.due : null };
}

/** vue-i18n's `t` with named values and options (the customer's texts are always in Romanian). */
type Translate = (key: string, named: Record<string, unknown>, options: { locale: string }) => string;

/** The reminder the customer reads (in Romanian): the item, the plate, the date and the shop. */
export function reminderText(t: Translate, row: Pick<DueRow, 'kind' | 'due' | 'nr_inmatriculare'>, company: string | null): string {
  const [y, m, d] = row.due.split('-');
  const shop = company?.trim() || t('workshop.due.ourShop', {}, { locale: 'ro' });
  return t(`workshop.due.message.${row.kind}`, { plate: row.nr_inmatriculare, date: `${d}.${m}.${y}`, company: shop }, { locale: 'ro' });
}
