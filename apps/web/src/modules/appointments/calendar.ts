import { addDays, appointmentConflicts, holdingStatuses, isoWeekday, romanianHoliday, shopTimeZone, wallClock, zonedInstant, type AppointmentStatus } from '@roaauto/shared';

/**
 * The calendar's arithmetic, free of Vue: which days a view shows, where an appointment sits in its
 * column (side by side with those it overlaps), what a drag turns into, and which status comes next.
 * Times are the shop's wall clock (Europe/Bucharest) whatever the device's own zone.
 */

export const timeZone = shopTimeZone;

/** An appointment row as the calendar reads it. */
export type AppointmentRow = {
  id: string; inceput: string; sfarsit: string; data: string; post_id: string | null; mecanic_id: string | null; service_id: string | null;
  campaign_id: string | null; client_id: string | null; vehicle_id: string | null; client_nume: string | null; client_telefon: string | null;
  client_email: string | null; nr_auto: string | null; observatii: string | null; status: AppointmentStatus; sursa: 'shop' | 'online';
  order_id: string | null;
};

export const appointmentColumns = 'id, inceput, sfarsit, data, post_id, mecanic_id, service_id, campaign_id, client_id, vehicle_id, client_nume, '
  + 'client_telefon, client_email, nr_auto, observatii, status, sursa, order_id';

/** The Monday of the week a date is in. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The days a view shows: one, or the seven of the week (Monday first). */
export function viewDays(date: string, view: 'day' | 'week'): string[] {
  if (view === 'day') return [date];
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** An appointment's start and end as minutes of its shop day (an end past midnight is clamped to 24:00). */
export function minutesOfDay(a: Pick<AppointmentRow, 'inceput' | 'sfarsit'>, date: string): { start: number; end: number } {
  const s = wallClock(Date.parse(a.inceput), timeZone);
  const e = wallClock(Date.parse(a.sfarsit), timeZone);
  const start = s.date < date ? 0 : s.minutes;
  const end = e.date > date ? 24 * 60 : e.minutes;
  return { start, end: Math.max(end, start + 5) };
}

/** The ISO instant of a wall-clock time on a shop day. */
export function instantOf(date: string, minutes: number): string {
  return new Date(zonedInstant(date, minutes, timeZone)).toISOString();
}

export type Placed = { id: string; start: number; end: number; lane: number; lanes: number };

/**
 * Side by side: appointments of one column that overlap each other share its width. Each cluster of
 * overlapping ones gets as many lanes as it needs at its busiest; each appointment the first free lane.
 */
export function layoutColumn(items: readonly { id: string; start: number; end: number }[]): Placed[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id));
  const out: Placed[] = [];
  let cluster: Placed[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
    for (const p of cluster) p.lanes = lanes;
    out.push(...cluster);
    cluster = [];
  };
  for (const it of sorted) {
    if (it.start >= clusterEnd && cluster.length) close();
    const taken = new Set(cluster.filter((p) => p.end > it.start).map((p) => p.lane));
    let lane = 0;
    while (taken.has(lane)) lane++;
    cluster.push({ ...it, lane, lanes: 1 });
    clusterEnd = Math.max(clusterEnd === -Infinity ? it.end : clusterEnd, it.end);
  }
  if (cluster.length) close();
  return out;
}

/** A number of minutes rounded to the nearest multiple of `step`. */
export function snap(minutes: number, step: number): number {
  return Math.round(minutes / step) * step;
}

export type DragKind = 'move' | 'resize';

/**
 * Where a drag leaves an appointment: moved by `deltaMinutes` (its length kept) or its end moved
 * (resize), snapped to `step`, kept within the day and at least one step long.
 */
export function dragResult(
  kind: DragKind, from: { start: number; end: number }, deltaMinutes: number, step: number,
): { start: number; end: number } {
  const day = 24 * 60;
  const length = from.end - from.start;
  if (kind === 'resize') {
    const end = Math.min(day, Math.max(from.start + step, from.start + snap(from.end + deltaMinutes - from.start, step)));
    return { start: from.start, end };
  }
  const start = Math.min(day - length, Math.max(0, snap(from.start + deltaMinutes, step)));
  return { start, end: start + length };
}

/** The big buttons of an appointment: the usual next steps from its status. */
export function nextSteps(status: AppointmentStatus): AppointmentStatus[] {
  switch (status) {
    case 'booked': return ['confirmed', 'cancelled'];
    case 'confirmed': return ['arrived', 'no_show', 'cancelled'];
    case 'arrived': return ['done'];
    case 'no_show': return ['booked'];
    case 'cancelled': return ['booked'];
    case 'done': return [];
  }
}

/** Whether an appointment still takes its time (the others are drawn faded and clash with nothing). */
export const isHolding = (status: AppointmentStatus) => holdingStatuses.includes(status);

/** The ids of appointments in a clash, and the pairs (for the "Conflicts" list). */
export function conflictsOf<T extends AppointmentRow>(rows: readonly T[]): { ids: Set<string>; pairs: [T, T][] } {
  const pairs = appointmentConflicts(rows);
  return { ids: new Set(pairs.flatMap(([a, b]) => [a.id, b.id])), pairs };
}

/** What marks a day: a public holiday (when the shop closes on them) or a closed day, with its reason. */
export function dayMark(date: string, closures: readonly { de_la: string; pana_la: string; motiv: string | null }[], closedOnHolidays: boolean):
  { kind: 'holiday' | 'closed'; text: string | null } | null {
  const holiday = romanianHoliday(date);
  if (holiday) return { kind: closedOnHolidays ? 'closed' : 'holiday', text: holiday };
  const c = closures.find((x) => x.de_la <= date && date <= x.pana_la);
  return c ? { kind: 'closed', text: c.motiv } : null;
}

/** The open intervals of a weekday, as minutes. */
export function openIntervals(hours: readonly { zi: number; de_la: string; pana_la: string }[], date: string): { start: number; end: number }[] {
  const day = isoWeekday(date);
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return hours.filter((h) => h.zi === day).map((h) => ({ start: m(h.de_la), end: m(h.pana_la) })).sort((a, b) => a.start - b.start);
}

/** "HH:MM" of minutes after midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The hours a grid shows: from the earliest opening (or 8:00) to the latest closing (or 18:00), whole hours. */
export function gridRange(hours: readonly { de_la: string; pana_la: string }[], appointments: readonly { start: number; end: number }[]): { from: number; to: number } {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const starts = [...hours.map((h) => m(h.de_la)), ...appointments.map((a) => a.start), 8 * 60];
  const ends = [...hours.map((h) => m(h.pana_la)), ...appointments.map((a) => a.end), 18 * 60];
  return { from: Math.floor(Math.min(...starts) / 60) * 60, to: Math.min(24 * 60, Math.ceil(Math.max(...ends) / 60) * 60) };
}

/**
 * The home page's figure: the appointments of `date` that still hold their time (booked, confirmed, the car
 * arrived), the earliest first, with their times (the first one's start is the figure's line).
 */
export function dayAppointmentsQuery(date: string): { sql: string; params: string[] } {
  return {
    sql: `SELECT inceput, sfarsit FROM appointments WHERE data = ? AND status IN ('booked', 'confirmed', 'arrived') ORDER BY inceput`,
    params: [date],
  };
}
