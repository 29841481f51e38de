import { nextService, suggestItpExpiry, type LastService } from '@roaauto/shared';

/**
 * A vehicle's due dates as a form (docs/workshop.md, "Due dates"): the ITP and RCA expiry and the next
 * service typed (date and km); the next service computed from the last service order is shown beside them.
 */

export const dueFields = ['itp_expira', 'rca_expira', 'revizie_data', 'revizie_km'] as const;
export type DueField = (typeof dueFields)[number];
export type DueFormValues = Record<DueField, string>;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function dueFormValues(vehicle: Record<string, unknown>): DueFormValues {
  return Object.fromEntries(dueFields.map((f) => [f, text(vehicle[f])])) as DueFormValues;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function validDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The km as a whole number (spaces and dots of thousands allowed), or null when it is not one. */
function kmValue(value: string): number | null {
  const digits = value.replace(/[\s.]/g, '');
  if (!/^\d{1,7}$/.test(digits)) return null;
  return Number(digits);
}

/** The fields that cannot be stored as typed, with their message keys (an empty field is fine). */
export function dueFormProblems(form: DueFormValues): Partial<Record<DueField, string>> {
  const problems: Partial<Record<DueField, string>> = {};
  for (const f of ['itp_expira', 'rca_expira', 'revizie_data'] as const) {
    if (form[f].trim() && !validDate(form[f].trim())) problems[f] = 'workshop.due.errDate';
  }
  if (form.revizie_km.trim() && kmValue(form.revizie_km.trim()) === null) problems.revizie_km = 'workshop.due.errKm';
  return problems;
}

/** The values as stored: empty as null. */
export function dueStored(form: DueFormValues): { itp_expira: string | null; rca_expira: string | null; revizie_data: string | null; revizie_km: number | null } {
  const date = (v: string) => (v.trim() ? v.trim() : null);
  return {
    itp_expira: date(form.itp_expira),
    rca_expira: date(form.rca_expira),
    revizie_data: date(form.revizie_data),
    revizie_km: form.revizie_km.trim() ? kmValue(form.revizie_km.trim()) : null,
  };
}

/** The vehicle's last validated (or invoiced) order of a type with a service interval (parameter: the vehicle). */
export const lastServiceSql = `SELECT o.data_comanda, o.km_intrare, t.interval_luni, t.interval_km, t.denumire AS tip
  FROM orders o JOIN catalog_tipuri_deviz t ON t.id = o.tip_deviz_id
  WHERE o.vehicle_id = ? AND o.status IN ('VALIDAT', 'FACTURAT') AND (t.interval_luni IS NOT NULL OR t.interval_km IS NOT NULL)
  ORDER BY o.data_comanda DESC, COALESCE(o.nr_comanda, -1) DESC, o.id DESC LIMIT 1`;
export type LastServiceRow = LastService & { tip: string };

/** What the vehicle page shows: each item's date (and km) and whether the next service is computed. */
export function dueSummary(vehicle: Record<string, unknown>, last: LastService | null) {
  const v = dueStored(dueFormValues(vehicle));
  return { itp: v.itp_expira, rca: v.rca_expira, service: nextService(v, last) };
}

/** The ITP's next expiry if it passed today (a suggestion by the Romanian periods; the year decides). */
export function itpSuggestion(today: string, year: unknown): string {
  return suggestItpExpiry({ inspected: today, year: typeof year === 'number' ? year : null });
}
