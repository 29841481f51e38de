import { v4 } from 'uuid';

/**
 * The tyre hotel's rules that are not a table's: seasons, tread depth against the legal minimum, the
 * storage fee's order line text, the season-change windows, and the set's short code.
 */

/** The season a set is stored for (not a tyre's own season: a product's `tyreSeasons` adds all-season). */
export const storageSeasons = ['iarna', 'vara'] as const;
export type StorageSeason = (typeof storageSeasons)[number];

export const tyreSetStatuses = ['depozitat', 'predat'] as const;
export type TyreSetStatus = (typeof tyreSetStatuses)[number];

/** A wheel's place on the car: front left/right, rear left/right, the spare. */
export const wheelPositions = ['FS', 'FD', 'SS', 'SD', 'REZ'] as const;
export type WheelPosition = (typeof wheelPositions)[number];

/** The four road wheels, in the order the check-in form asks for them. */
export const roadWheelPositions: readonly WheelPosition[] = ['FS', 'FD', 'SS', 'SD'];

/** Romania's legal minimum tread depth (mm), and the depth under which the shop warns. */
export const legalMinTreadMm = '1.6';
export const warnTreadMm = '3.0';

/** Tread depth in tenths of a millimetre ("1.6" → 16); null when it is not a depth with one decimal. */
export function treadTenths(depth: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d))?$/.exec(depth.trim());
  if (!m) return null;
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
}

/** A depth within 0–20 mm with at most one decimal. */
export function validTread(depth: string): boolean {
  const t = treadTenths(depth);
  return t !== null && t <= 200;
}

export type TreadLevel = 'illegal' | 'low' | 'ok';

/** Under 1.6 mm: illegal; under 3 mm: low (change soon); else ok. */
export function treadLevel(depth: string): TreadLevel {
  const t = treadTenths(depth);
  if (t === null) return 'ok';
  if (t < 16) return 'illegal';
  if (t < 30) return 'low';
  return 'ok';
}

/** The lowest tread of a set's wheels (null when none was measured). */
export function minTread(depths: readonly (string | null)[]): string | null {
  let best: { text: string; tenths: number } | null = null;
  for (const d of depths) {
    if (d === null) continue;
    const t = treadTenths(d);
    if (t !== null && (!best || t < best.tenths)) best = { text: d, tenths: t };
  }
  return best?.text ?? null;
}

/**
 * The season a storage covers, as the order line names it: winter spans two years ("iarnă 2026/2027"),
 * summer one ("vară 2027").
 */
export function seasonLabel(season: StorageSeason, year: number): string {
  return season === 'iarna' ? `iarnă ${year}/${year + 1}` : `vară ${year}`;
}

/** The order line's text for a set's storage fee. */
export function storageFeeText(season: StorageSeason, year: number): string {
  return `Depozitare anvelope ${seasonLabel(season, year)}`;
}

/** The season a set is stored for when it comes in on `day` (YYYY-MM-DD): summer tyres come off in autumn. */
export function storageSeasonOn(day: string): { season: StorageSeason; year: number } {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  // Summer tyres come in Sept–Feb to wait for next summer; winter ones Mar–Aug to wait for next winter.
  if (month >= 9) return { season: 'vara', year: year + 1 };
  if (month <= 2) return { season: 'vara', year };
  return { season: 'iarna', year };
}

/**
 * When the shop reminds customers to swap: a window (month-day to month-day) per season the customer is
 * about to need. The defaults: winter tyres 1 Oct–15 Nov, summer tyres 1 Mar–15 Apr.
 */
export type SeasonWindows = Record<StorageSeason, { from: string; to: string }>;
export const defaultSeasonWindows: SeasonWindows = { iarna: { from: '10-01', to: '11-15' }, vara: { from: '03-01', to: '04-15' } };

/** The windows as the warehouse settings keep them: month-day texts ("10-01"), null for the default. */
export type SeasonWindowColumns = { iarna_de_la: string | null; iarna_pana_la: string | null; vara_de_la: string | null; vara_pana_la: string | null };

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A month and day of a common year, "MM-DD" (no 29 February: a window must come every year). */
export function validMonthDay(text: string): boolean {
  const m = /^(\d\d)-(\d\d)$/.exec(text);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (daysInMonth[month - 1] ?? 0);
}

/** The windows in force: a season's own when both its ends are set, else its default. */
export function seasonWindowsOf(row: SeasonWindowColumns | null | undefined): SeasonWindows {
  const pick = (season: StorageSeason, from: string | null | undefined, to: string | null | undefined) => (
    from && to ? { from, to } : { ...defaultSeasonWindows[season] });
  return { iarna: pick('iarna', row?.iarna_de_la, row?.iarna_pana_la), vara: pick('vara', row?.vara_de_la, row?.vara_pana_la) };
}

export type SeasonWindowsProblem = 'incomplete' | 'format' | 'order' | 'overlap';

/**
 * What is wrong with the stored windows, or null: a season's two ends are both set or both empty, each a
 * month-day, the start not after the end (a window does not run over New Year), and the two windows in
 * force (with the defaults for an empty season) do not overlap.
 */
export function seasonWindowsProblem(row: SeasonWindowColumns): SeasonWindowsProblem | null {
  for (const [from, to] of [[row.iarna_de_la, row.iarna_pana_la], [row.vara_de_la, row.vara_pana_la]] as const) {
    if ((from === null) !== (to === null)) return 'incomplete';
    if (from === null || to === null) continue;
    if (!validMonthDay(from) || !validMonthDay(to)) return 'format';
    if (from > to) return 'order';
  }
  const w = seasonWindowsOf(row);
  return w.iarna.from <= w.vara.to && w.vara.from <= w.iarna.to ? 'overlap' : null;
}

/**
 * The season change in force on `day`: which season's tyres customers need now and the reminder's
 * key (one reminder per set per key), or null outside the windows.
 */
export function seasonChangeOn(day: string, windows: SeasonWindows = defaultSeasonWindows): { season: StorageSeason; key: string } | null {
  const md = day.slice(5);
  const year = day.slice(0, 4);
  for (const season of storageSeasons) {
    const w = windows[season];
    if (md >= w.from && md <= w.to) return { season, key: `${season}-${year}` };
  }
  return null;
}

/**
 * Whether a stored set is due for the season change: a set stored for the season now starting (the
 * customer's winter tyres in October) is one the customer comes to fetch.
 */
export function setDueAtSeasonChange(set: { status: TyreSetStatus; sezon: StorageSeason }, day: string, windows: SeasonWindows = defaultSeasonWindows): boolean {
  const change = seasonChangeOn(day, windows);
  return change !== null && set.status === 'depozitat' && set.sezon === change.season;
}

/** Random bytes (at most 6: the start of a random UUID's, before its version bits). */
function randomBytes(n: number): Uint8Array {
  return v4(undefined, new Uint8Array(16)).slice(0, Math.min(n, 6));
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A set's short code for its label and for typing: 6 characters without look-alikes (0/O, 1/I). */
export function newTyreSetCode(random: (n: number) => Uint8Array = randomBytes): string {
  return [...random(6)].map((b) => codeAlphabet[b % codeAlphabet.length]).join('');
}

export function validTyreSetCode(code: string): boolean {
  return new RegExp(`^[${codeAlphabet}]{6}$`).test(code);
}

/** A set's page on the app, the address its QR label holds. */
export function tyreSetUrl(origin: string, id: string): string {
  return `${origin.replace(/\/+$/, '')}/tyres/${encodeURIComponent(id)}`;
}
