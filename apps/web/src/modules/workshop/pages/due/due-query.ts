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

/** The last validated (or invoiced) order of each vehicle among those of a type with a service interval. */
const lastServiceSql = `SELECT vehicle_id, data_comanda, km_intrare, interval_luni, interval_km FROM (
  SELECT o.vehicle_id, o.data_comanda, o.km_intrare, t.interval_luni, t.interval_km,
    ROW_NUMBER() OVER (PARTITION BY o.vehicle_id ORDER BY o.data_comanda DESC, o.nr_comanda DESC) AS rn
  FROM orders o JOIN catalog_tipuri_deviz t ON t.id = o.tip_deviz_id
  WHERE o.status IN ('VALIDAT', 'FACTURAT') AND o.vehicle_id IS NOT NULL AND (t.interval_luni IS NOT NULL OR t.interval_km IS NOT NULL)
) WHERE rn = 1`;

/** An order's date plus the interval, on the month's last day when it lacks the day (as `addMonthsClamped`). */
const plusMonths = `MIN(date(s.data_comanda, '+' || s.interval_luni || ' months'), date(s.data_comanda, 'start of month', '+' || (s.interval_luni + 1) || ' months', '-1 day'))`;

const parts: Record<DueKind, string> = {
  itp: `SELECT id AS vehicle_id, 'itp' AS kind, itp_expira AS due, NULL AS km, 'typed' AS source, itp_anuntat AS anuntat FROM vehicles WHERE itp_expira BETWEEN ? AND ?`,
  rca: `SELECT id AS vehicle_id, 'rca' AS kind, rca_expira AS due, NULL AS km, 'typed' AS source, rca_anuntat AS anuntat FROM vehicles WHERE rca_expira BETWEEN ? AND ?`,
  revizie: `SELECT * FROM (
    SELECT v.id AS vehicle_id, 'revizie' AS kind,
      COALESCE(v.revizie_data, CASE WHEN s.interval_luni IS NOT NULL THEN ${plusMonths} END) AS due,
      COALESCE(v.revizie_km, s.km_intrare + s.interval_km) AS km,
      CASE WHEN v.revizie_data IS NOT NULL THEN 'typed' ELSE 'computed' END AS source, v.revizie_anuntat AS anuntat
    FROM vehicles v LEFT JOIN last_service s ON s.vehicle_id = v.id
    WHERE v.revizie_data IS NOT NULL OR s.interval_luni IS NOT NULL
  ) WHERE due BETWEEN ? AND ?`,
};

/** The tables the list reads (for the live query). */
export const dueTables = ['vehicles', 'orders', 'catalog_tipuri_deviz'] as const;

/** The list's query: one part per kind asked for, soonest first (then by plate). */
export function dueListQuery(f: DueFilter): { sql: string; params: SqlValue[] } {
  const { from, to } = dueRange(f);
  const kinds = dueKinds.filter((k) => f.kinds.includes(k));
  if (kinds.length === 0) return { sql: 'SELECT NULL AS vehicle_id WHERE 0', params: [] };
  const items = kinds.map((k) => parts[k]).join('\nUNION ALL\n');
  const sql = `${kinds.includes('revizie') ? `WITH last_service AS (${lastServiceSql})\n` : ''}SELECT i.vehicle_id, i.kind, i.due, i.km, i.source,
  CASE WHEN i.anuntat = i.due THEN 1 ELSE 0 END AS reminded, v.nr_inmatriculare, v.client_nume, v.client_telefon, v.marca, v.model
FROM (${items}) i JOIN vehicles v ON v.id = i.vehicle_id
ORDER BY i.due, v.nr_inmatriculare, i.kind`;
  return { sql, params: kinds.flatMap(() => [from, to]) };
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
