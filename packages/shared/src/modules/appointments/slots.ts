import { addDays } from '../../dates';
import { campaignBays, campaignWeekdays, holdingStatuses, type AppointmentStatus } from './appointments.tables';
import { romanianHoliday } from '../../calendar/holidays';
import { isoWeekday, minutesOf, wallClock, zonedInstant, zoneOffsetMs } from './hours';

/**
 * Free slots for the booking page and the calendar's "next free": computed from the shop's hours,
 * closed days, public holidays, its bays, the service's duration and the appointments already made.
 * Pure: the server and the device run the same code on their own copy of the rows.
 */

export type HoursRow = { zi: number; de_la: string; pana_la: string };
export type ClosureRow = { de_la: string; pana_la: string };
export type CampaignRow = {
  id: string; service_id: string; de_la: string; pana_la: string; zile: string; ora_start: string; ora_sfarsit: string;
  slot_minute: number; posturi: string; activ: boolean | number;
};
/** An appointment as far as slots care: when, on which bay, and whether it still holds its time. */
export type BusyRow = { inceput: string; sfarsit: string; post_id: string | null; status: AppointmentStatus };

export type SlotQuery = {
  /** First and last calendar day (shop time), inclusive. */
  from: string;
  to: string;
  timeZone: string;
  hours: readonly HoursRow[];
  closures: readonly ClosureRow[];
  closedOnHolidays: boolean;
  /** Active bays' ids; none: the shop works as one bay. */
  bays: readonly string[];
  appointments: readonly BusyRow[];
  service: { id: string; durata_minute: number };
  /** The grid of start times, in minutes. */
  stepMinutes: number;
  /** Active campaigns: on a day one covers, its service is offered only in its slots. */
  campaigns?: readonly CampaignRow[];
  /** No slot starts before this instant (now plus the notice the shop wants). */
  notBefore?: number;
};

export type Slot = {
  /** ISO timestamps (UTC). */
  start: string;
  end: string;
  /** The free bays, in the order given (the first is the one a booking takes). */
  bays: string[];
  campaignId: string | null;
};

/** The one bay of a shop that has not named any. */
const singleBay = '';

type Interval = { start: number; end: number };

/** Busy intervals per bay, each list sorted by start, with the longest interval of the list. */
function busyByBay(rows: readonly BusyRow[], bays: readonly string[]): Map<string, { list: Interval[]; longest: number }> {
  const map = new Map<string, { list: Interval[]; longest: number }>();
  for (const b of bays) map.set(b, { list: [], longest: 0 });
  for (const r of rows) {
    if (!holdingStatuses.includes(r.status)) continue;
    const start = Date.parse(r.inceput);
    const end = Date.parse(r.sfarsit);
    // An appointment on no bay (or on one removed since) takes no bay; with no bays at all it takes the shop's one.
    const key = bays.length === 1 && bays[0] === singleBay ? singleBay : r.post_id;
    const entry = key === null ? undefined : map.get(key);
    if (!entry) continue;
    entry.list.push({ start, end });
    entry.longest = Math.max(entry.longest, end - start);
  }
  for (const e of map.values()) e.list.sort((a, b) => a.start - b.start);
  return map;
}

/** Whether [start, end) meets an interval of a list sorted by start. */
function overlaps(busy: { list: Interval[]; longest: number }, start: number, end: number): boolean {
  const { list, longest } = busy;
  // First interval starting at or after `end`; only those before it, starting after start - longest, can overlap.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Interval).start < end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const b = list[i] as Interval;
    if (b.start <= start - longest) break;
    if (b.end > start) return true;
  }
  return false;
}

function isClosed(date: string, q: SlotQuery): boolean {
  if (q.closedOnHolidays && romanianHoliday(date)) return true;
  return q.closures.some((c) => c.de_la <= date && date <= c.pana_la);
}

/** Free slots of a service between two days, in time order. */
export function freeSlots(q: SlotQuery): Slot[] {
  const bays = q.bays.length ? q.bays : [singleBay];
  const busy = busyByBay(q.appointments, bays);
  const notBefore = q.notBefore ?? -Infinity;
  const campaigns = (q.campaigns ?? []).filter((c) => c.activ && c.service_id === q.service.id);
  const hoursByDay = new Map<number, { start: number; end: number }[]>();
  for (const h of q.hours) {
    const list = hoursByDay.get(h.zi) ?? [];
    list.push({ start: minutesOf(h.de_la), end: minutesOf(h.pana_la) });
    hoursByDay.set(h.zi, list);
  }
  const slots: Slot[] = [];
  // The zone's offset at each day's noon (and the day before the first): a clock changes at night, so a
  // day whose noon offset equals the previous day's has one offset all day and needs no lookup per slot.
  const noonOffset = (date: string) => zoneOffsetMs(Date.parse(`${date}T12:00:00.000Z`), q.timeZone);
  let previousNoon = noonOffset(addDays(q.from, -1));
  const offer = (
    date: string, offset: number, steady: boolean, from: number, to: number, step: number, duration: number, allowed: readonly string[], campaignId: string | null,
  ) => {
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    const instant = (m: number) => (steady ? midnight + m * 60_000 - offset : zonedInstant(date, m, q.timeZone));
    for (let m = from; m + duration <= to; m += step) {
      const start = instant(m);
      if (start < notBefore) continue;
      // A time the spring-forward jump skips is not offered.
      if (!steady && wallClock(start, q.timeZone).minutes !== m) continue;
      // The end on the wall clock, so a slot keeps its length in shop time across a clock change.
      const end = instant(m + duration);
      const free = allowed.filter((b) => {
        const held = busy.get(b);
        return !held || !overlaps(held, start, end);
      });
      if (free.length) slots.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), bays: free, campaignId });
    }
  };
  for (let date = q.from; date <= q.to; date = addDays(date, 1)) {
    const offset = noonOffset(date);
    const steady = offset === previousNoon;
    previousNoon = offset;
    if (isClosed(date, q)) continue;
    const weekday = isoWeekday(date);
    const campaign = campaigns.find((c) => c.de_la <= date && date <= c.pana_la && campaignWeekdays(c.zile)?.includes(weekday));
    if (campaign) {
      const chosen = campaignBays(campaign.posturi) ?? [];
      const allowed = q.bays.length && chosen.length ? bays.filter((b) => chosen.includes(b)) : bays;
      offer(date, offset, steady, minutesOf(campaign.ora_start), minutesOf(campaign.ora_sfarsit), campaign.slot_minute, campaign.slot_minute, allowed, campaign.id);
      continue;
    }
    const intervals = (hoursByDay.get(weekday) ?? []).slice().sort((a, b) => a.start - b.start);
    for (const iv of intervals) offer(date, offset, steady, iv.start, iv.end, q.stepMinutes, q.service.durata_minute, bays, null);
  }
  return slots;
}

/** Another appointment holding the same bay or mechanic at an overlapping time. */
export type AppointmentLike = BusyRow & { id: string; mecanic_id: string | null };

/** The appointments that clash with `a`: same bay or same mechanic, overlapping time, both holding. */
export function clashesWith<T extends AppointmentLike>(a: AppointmentLike, others: readonly T[]): T[] {
  if (!holdingStatuses.includes(a.status)) return [];
  const start = Date.parse(a.inceput);
  const end = Date.parse(a.sfarsit);
  return others.filter((o) => o.id !== a.id && holdingStatuses.includes(o.status)
    && ((a.post_id !== null && o.post_id === a.post_id) || (a.mecanic_id !== null && o.mecanic_id === a.mecanic_id))
    && Date.parse(o.inceput) < end && Date.parse(o.sfarsit) > start);
}

/** Every pair of clashing appointments in a list (each pair once), e.g. made by two devices offline. */
export function appointmentConflicts<T extends AppointmentLike>(list: readonly T[]): [T, T][] {
  const sorted = list.filter((a) => holdingStatuses.includes(a.status)).sort((x, y) => x.inceput.localeCompare(y.inceput));
  const pairs: [T, T][] = [];
  for (const [i, a] of sorted.entries()) {
    const end = Date.parse(a.sfarsit);
    for (const b of sorted.slice(i + 1)) {
      if (Date.parse(b.inceput) >= end) break;
      if ((a.post_id !== null && a.post_id === b.post_id) || (a.mecanic_id !== null && a.mecanic_id === b.mecanic_id)) pairs.push([a, b]);
    }
  }
  return pairs;
}
