/**
 * A vehicle's due dates (docs/workshop.md, "Due dates"): the ITP (technical inspection) and RCA
 * (insurance) expiry, and the next service, typed on the vehicle or computed from its last validated order
 * of a type with a service interval. Pure functions on ISO dates (YYYY-MM-DD), the same on the device
 * (the due list) and on the server (automatic reminders).
 */

export const dueKinds = ['itp', 'rca', 'revizie'] as const;
export type DueKind = (typeof dueKinds)[number];

/** A vehicle's columns the due dates come from. */
export type VehicleDueColumns = {
  id: string;
  itp_expira: string | null;
  rca_expira: string | null;
  revizie_data: string | null;
  revizie_km: number | null;
  itp_anuntat: string | null;
  rca_anuntat: string | null;
  revizie_anuntat: string | null;
};

/** The vehicle's last validated (or invoiced) order of a type with a service interval, with that interval. */
export type LastService = { data_comanda: string; km_intrare: number | null; interval_luni: number | null; interval_km: number | null };

/** One thing that falls due: which, when, how it was found, and whether the customer was told about this date. */
export type DueItem = {
  vehicleId: string;
  kind: DueKind;
  date: string;
  /** The next service's km, when known (typed or last order's km + the interval). */
  km: number | null;
  source: 'typed' | 'computed';
  reminded: boolean;
};

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = isoDate.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The same day `months` later; a day the month lacks becomes its last (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return iso(first);
}

/** The first and last day of the month `date` falls in. */
export function monthRangeOf(date: string): { from: string; to: string } {
  const [y, m] = parts(date);
  return { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
}

/** The next service from the last one: its date plus the interval in months, its km plus the interval in km. */
export function computedService(last: LastService | null): { date: string | null; km: number | null } {
  if (!last) return { date: null, km: null };
  return {
    date: last.interval_luni ? addMonthsClamped(last.data_comanda, last.interval_luni) : null,
    km: last.interval_km && last.km_intrare !== null ? last.km_intrare + last.interval_km : null,
  };
}

/** The next service: a typed date or km wins over the computed one, each on its own. */
export function nextService(vehicle: Pick<VehicleDueColumns, 'revizie_data' | 'revizie_km'>, last: LastService | null): { date: string | null; km: number | null; source: 'typed' | 'computed' } | null {
  const computed = computedService(last);
  const date = vehicle.revizie_data ?? computed.date;
  const km = vehicle.revizie_km ?? computed.km;
  if (!date && km === null) return null;
  const typed = vehicle.revizie_data ? true : !computed.date && vehicle.revizie_km !== null;
  return { date, km, source: typed ? 'typed' : 'computed' };
}

/** What falls due for a vehicle, by date (a next service known only by km has no date: it is not listed). */
export function vehicleDueItems(vehicle: VehicleDueColumns, last: LastService | null): DueItem[] {
  const items: DueItem[] = [];
  const push = (kind: DueKind, date: string | null, km: number | null, source: DueItem['source'], reminded: string | null) => {
    if (date && isoDate.test(date)) items.push({ vehicleId: vehicle.id, kind, date, km, source, reminded: reminded === date });
  };
  push('itp', vehicle.itp_expira, null, 'typed', vehicle.itp_anuntat);
  push('rca', vehicle.rca_expira, null, 'typed', vehicle.rca_anuntat);
  const service = nextService(vehicle, last);
  if (service) push('revizie', service.date, service.km, service.source, vehicle.revizie_anuntat);
  return items;
}

/** The column that keeps the reminded mark of an item. */
export const remindedColumn: Record<DueKind, 'itp_anuntat' | 'rca_anuntat' | 'revizie_anuntat'> = {
  itp: 'itp_anuntat', rca: 'rca_anuntat', revizie: 'revizie_anuntat',
};

/**
 * A suggestion for the ITP's expiry after an inspection on `inspected` (Romanian rules for cars: every
 * 2 years, yearly once the car is more than 12 years old; a new car's first ITP is 3 years after its
 * registration, `firstRegistration`). Only a suggestion: vans, taxis and school cars have other periods.
 */
export function suggestItpExpiry(input: { inspected: string; year: number | null; firstRegistration?: boolean }): string {
  if (input.firstRegistration) return addMonthsClamped(input.inspected, 36);
  const [y] = parts(input.inspected);
  const age = input.year === null ? null : y - input.year;
  return addMonthsClamped(input.inspected, age !== null && age > 12 ? 12 : 24);
}
