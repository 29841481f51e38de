import { clashesWith, hhmmPattern, type AppointmentStatus, type OverlapPolicy, type WriteOp } from '@roaauto/shared';
import { instantOf, minutesOfDay, type AppointmentRow } from './calendar';

/** The appointment editor's fields as typed, and what they store. */
export type AppointmentForm = {
  date: string; start: string; end: string;
  client_id: string; client_nume: string; client_telefon: string;
  vehicle_id: string; nr_auto: string;
  service_id: string; post_id: string; mecanic_id: string;
  observatii: string; status: AppointmentStatus;
};

export type ServiceRow = { id: string; nume: string; durata_minute: number; tip_deviz_id: string | null; online: number; activ: number };

const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A new appointment's form at a time and bay (the end from the service's duration, else an hour). */
export function newForm(date: string, startMinutes: number, bayId: string | null, service: ServiceRow | null = null): AppointmentForm {
  const end = Math.min(24 * 60 - 1, startMinutes + (service?.durata_minute ?? 60));
  return {
    date, start: hhmm(startMinutes), end: hhmm(end), client_id: '', client_nume: '', client_telefon: '', vehicle_id: '', nr_auto: '',
    service_id: service?.id ?? '', post_id: bayId ?? '', mecanic_id: '', observatii: '', status: 'confirmed',
  };
}

/** The form of a stored appointment. */
export function formOf(a: AppointmentRow): AppointmentForm {
  const { start, end } = minutesOfDay(a, a.data);
  return {
    date: a.data, start: hhmm(start), end: hhmm(Math.min(end, 24 * 60 - 1)), client_id: a.client_id ?? '', client_nume: a.client_nume ?? '',
    client_telefon: a.client_telefon ?? '', vehicle_id: a.vehicle_id ?? '', nr_auto: a.nr_auto ?? '', service_id: a.service_id ?? '',
    post_id: a.post_id ?? '', mecanic_id: a.mecanic_id ?? '', observatii: a.observatii ?? '', status: a.status,
  };
}

/** A service picked: the end follows its duration. */
export function withService(form: AppointmentForm, service: ServiceRow | undefined): AppointmentForm {
  if (!service || !hhmmPattern.test(form.start)) return { ...form, service_id: service?.id ?? '' };
  return { ...form, service_id: service.id, end: hhmm(Math.min(24 * 60 - 1, hm(form.start) + service.durata_minute)) };
}

/** The first problem of the form, as a message key (null: it can be saved). */
export function formProblem(f: AppointmentForm): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) return 'appointments.editor.problems.date';
  if (!hhmmPattern.test(f.start) || !hhmmPattern.test(f.end) || hm(f.end) <= hm(f.start)) return 'appointments.editor.problems.time';
  if (!f.client_id && !f.client_nume.trim() && !f.client_telefon.trim()) return 'appointments.editor.problems.customer';
  return null;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The columns the form stores. */
export function rowOf(f: AppointmentForm): Omit<AppointmentRow, 'id' | 'sursa' | 'order_id' | 'campaign_id' | 'client_email'> {
  return {
    inceput: instantOf(f.date, hm(f.start)), sfarsit: instantOf(f.date, hm(f.end)), data: f.date,
    post_id: orNull(f.post_id), mecanic_id: orNull(f.mecanic_id), service_id: orNull(f.service_id), client_id: orNull(f.client_id),
    vehicle_id: orNull(f.vehicle_id), client_nume: orNull(f.client_nume), client_telefon: orNull(f.client_telefon),
    nr_auto: orNull(f.nr_auto.toUpperCase()), observatii: orNull(f.observatii), status: f.status,
  };
}

type Holding = Pick<AppointmentRow, 'inceput' | 'sfarsit' | 'post_id' | 'mecanic_id' | 'status'>;

/**
 * The appointments a row would clash with on its bay or mechanic, and what the shop's policy makes of
 * them: 'refuse' blocks the save, 'warn' asks once.
 */
export function overlapCheck<T extends AppointmentRow>(id: string, row: Holding, others: readonly T[], policy: OverlapPolicy): { clashes: T[]; blocked: boolean } {
  const clashes = clashesWith({ id, ...row }, others);
  return { clashes, blocked: clashes.length > 0 && policy === 'refuse' };
}

/** The write of a form: a new appointment (made at the shop) or the changed columns of a stored one. */
export function saveOps(id: string, stored: AppointmentRow | null, f: AppointmentForm): WriteOp[] {
  const row = rowOf(f);
  if (!stored) return [{ op: 'create', table: 'appointments', data: { id, ...row, sursa: 'shop' } }];
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (stored[k as keyof AppointmentRow] !== v) patch[k] = v;
  return Object.keys(patch).length ? [{ op: 'update', table: 'appointments', id, patch }] : [];
}

/** The no-shows of a customer: by their row, or by their phone's digits when typed. */
export function noShowQuery(clientId: string, phone: string): { sql: string; params: string[] } {
  const key = phoneKey(phone);
  return {
    sql: `SELECT COUNT(*) AS n FROM appointments WHERE status = 'no_show'
      AND ((? <> '' AND client_id = ?) OR (? <> '' AND replace(replace(replace(COALESCE(client_telefon, ''), ' ', ''), '-', ''), '.', '') = ?))`,
    params: [clientId, clientId, key, key],
  };
}

/** The phone as `noShowQuery` compares it. */
export const phoneKey = (phone: string) => phone.replace(/[\s.-]/g, '');
