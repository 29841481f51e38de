import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { isValidCnp, isValidCui, normalizePlate, searchKey, vehiclesTable, type SqlRow } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import type { LocalDatabase } from '@/db/local-database';

/**
 * A vehicle row with the names of its make, model and engine type (null when not set). The make and
 * model are the catalog's names when the row names an entry (a row of an older app may have only the
 * id), else the text typed (any make).
 */
export type VehicleRow = SqlRow & {
  id: string;
  nr_inmatriculare: string;
  client_nume: string | null;
  client_telefon: string | null;
  an_fabricatie: number | null;
  marca_denumire: string | null;
  model_denumire: string | null;
  tip_motor_denumire: string | null;
};

/**
 * Every column of a vehicle (not the device's own `_search`/`_version`) and the catalog names: the shape
 * the picker emits and the pages read. Use as `SELECT ${vehicleSelect} WHERE …` (the vehicle is `v`).
 */
export const vehicleSelect = `${['id', 'created_at', 'updated_at', ...Object.keys(vehiclesTable.columns)].map((c) => `v."${c}"`).join(', ')},
  COALESCE(mk.denumire, NULLIF(TRIM(v.marca), '')) AS marca_denumire, COALESCE(md.denumire, NULLIF(TRIM(v.model), '')) AS model_denumire,
  en.denumire AS tip_motor_denumire
  FROM vehicles v
  LEFT JOIN catalog_marci mk ON mk.id = v.marca_id
  LEFT JOIN catalog_modele md ON md.id = v.model_id
  LEFT JOIN catalog_tipuri_motoare en ON en.id = v.tip_motor_id`;

export async function loadVehicle(db: LocalDatabase, id: string): Promise<VehicleRow | null> {
  const [row] = await db.query<VehicleRow>(`SELECT ${vehicleSelect} WHERE v.id = ?`, [id]);
  return row ?? null;
}

/** "Dacia Logan · 2015" */
export function describeVehicle(v: VehicleRow): string {
  return [[v.marca_denumire, v.model_denumire].filter(Boolean).join(' '), v.an_fabricatie].filter(Boolean).join(' · ');
}

/** "Ion Pop · 0722 123 456" */
export function describeCustomer(v: VehicleRow): string {
  return [v.client_nume, v.client_telefon].filter(Boolean).join(' · ');
}

export type FiscalCheck = { kind: 'cnp' | 'cui' | null; valid: boolean; normalized: string };

/** CUI or CNP, told apart by shape: 13 digits is a CNP, 2–10 digits (or an RO prefix) a CUI. */
export function checkFiscalCode(input: string): FiscalCheck {
  const normalized = input.toUpperCase().replace(/[\s.-]/g, '');
  if (/^\d{13}$/.test(normalized)) return { kind: 'cnp', valid: isValidCnp(normalized), normalized };
  if (/^(RO)?\d{2,10}$/.test(normalized)) return { kind: 'cui', valid: isValidCui(normalized), normalized };
  return { kind: null, valid: false, normalized };
}

const phoneLike = /^\+?[\d\s().\-/]+$/;

/**
 * The LIKE patterns for what was typed, against the vehicles' `_search` text (which holds the plate with
 * and without spaces, the phone also as bare digits, the name without diacritics and the VIN): a phone
 * becomes its digits (+40 as 0), a plate loses its spaces; other text gives one pattern per word, all of
 * which must match, so "popescu ion" finds "Ion Popescu". Use with ESCAPE '\'.
 */
export function vehicleSearchPatterns(typed: string): string[] {
  const key = searchKey(typed);
  const like = (k: string) => `%${k.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (phoneLike.test(key)) {
    const digits = key.replace(/\D/g, '');
    return [like(/^(\+|00)40/.test(key.replace(/[^\d+]/g, '')) ? `0${digits.replace(/^(00)?40/, '')}` : digits)];
  }
  // A plate, however spaced ("b123 abc"): the compact plate is in the search text too.
  if (/^[a-z]{1,2}[\s-]*\d{1,6}([\s-]*[a-z]{1,3})?$/.test(key)) return [like(key.replace(/[\s-]/g, ''))];
  const words = key.split(' ').filter(Boolean);
  return (words.length > 0 ? words.slice(0, 5) : ['']).map(like);
}

/** `_search LIKE ? ESCAPE '\' AND …`, one per pattern. */
function likeAll(patterns: number): string {
  return Array.from({ length: Math.max(1, patterns) }, () => `_search LIKE ? ESCAPE '\\'`).join(' AND ');
}

/**
 * Vehicles whose search text matches the patterns (the parameters), in plate order (`_search` starts
 * with the plate), at most `limit`. The inner query reads only the `_search` index and stops at `limit`
 * matches; ordering by the plate column instead makes SQLite visit every row of the table for a rare
 * match (seconds, not milliseconds, at 50,000 vehicles in the browser).
 */
export function vehicleSearchSql(limit: number, patterns = 1): string {
  return `SELECT ${vehicleSelect}
    WHERE v.rowid IN (SELECT rowid FROM vehicles WHERE ${likeAll(patterns)} ORDER BY _search LIMIT ${limit})
    ORDER BY v._search`;
}

export type VehiclePrefill = { nr_inmatriculare?: string; client_telefon?: string; client_nume?: string };

/** Where the text typed in the search goes in a new vehicle: digits to the phone, letters with digits to the plate, else the name. */
export function prefillFor(typed: string): VehiclePrefill {
  const v = typed.trim().replace(/\s+/g, ' ');
  if (!v) return {};
  if (phoneLike.test(v) && /\d/.test(v)) return { client_telefon: v };
  if (/\d/.test(v)) return { nr_inmatriculare: normalizePlate(v) };
  return { client_nume: v };
}

export type VehicleSearch = {
  /** The rows for `searchedFor`, at most `limit`. */
  rows: ShallowRef<VehicleRow[]>;
  /** The text the rows are for (trimmed); null until the first answer. */
  searchedFor: Ref<string | null>;
  /** How many vehicles match in all, counted only when there are more than `limit` (and `count` is on). */
  total: Ref<number | null>;
  error: Ref<string | null>;
  /** Resolves once the rows are those of the text as it is now (at once if they are). */
  settled: () => Promise<void>;
};

/**
 * Search as you type over the vehicles: after a short pause one indexed LIKE query (`vehicleSearchSql`),
 * at most one at a time. Keystrokes made while a query runs collapse into one query for the newest text,
 * and an answer for an older text is dropped (a run counter): a slow device never works through a backlog
 * of stale searches. The rows follow changes of the vehicles (another tab, a sync) as well.
 */
export function useVehicleSearch(
  text: () => string,
  options: { limit: number; pause: number; emptyShowsAll: boolean; count?: boolean },
): VehicleSearch {
  const database = useDatabase();
  const rows = shallowRef<VehicleRow[]>([]);
  const searchedFor = ref<string | null>(null);
  const total = ref<number | null>(null);
  const error = ref<string | null>(null);
  let latest = 0;
  let wanted: { run: number; typed: string } | null = null;
  let loop: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function runOne(run: number, typed: string): Promise<void> {
    try {
      const db = await database.ready();
      let result: VehicleRow[] = [];
      const patterns = vehicleSearchPatterns(typed);
      if (typed) result = await db.query<VehicleRow>(vehicleSearchSql(options.limit + 1, patterns.length), patterns);
      else if (options.emptyShowsAll) result = await db.query<VehicleRow>(`SELECT ${vehicleSelect} ORDER BY v.nr_inmatriculare LIMIT ${options.limit + 1}`);
      if (run !== latest) return;
      const more = result.length > options.limit;
      rows.value = more ? result.slice(0, options.limit) : result;
      searchedFor.value = typed;
      error.value = null;
      if (!more || !options.count) {
        total.value = null;
        return;
      }
      // A count visits every match: only when there are more than shown, and never ahead of a newer search.
      const [counted] = typed
        ? await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM vehicles WHERE ${likeAll(patterns.length)}`, patterns)
        : await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM vehicles');
      if (run === latest) total.value = counted?.n ?? null;
    } catch (err) {
      if (run === latest) error.value = err instanceof Error ? err.message : String(err);
    }
  }

  function request(typed: string): Promise<void> {
    wanted = { run: ++latest, typed };
    loop ??= (async () => {
      while (wanted) {
        const w = wanted;
        wanted = null;
        await runOne(w.run, w.typed);
      }
      loop = null;
    })();
    return loop;
  }

  function onText(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const typed = text().trim();
    if (!typed && !options.emptyShowsAll) {
      latest++;
      rows.value = [];
      searchedFor.value = '';
      total.value = null;
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      void request(typed);
    }, options.pause);
  }

  async function settled(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
      await request(text().trim());
      return;
    }
    await loop;
  }

  watch(text, onText);
  const initial = text().trim();
  if (initial || options.emptyShowsAll) void request(initial);
  else searchedFor.value = '';

  let off: (() => void) | null = null;
  watch(
    () => database.db,
    (db) => {
      off?.();
      off = db?.onChange((changed) => {
        if (searchedFor.value !== null && (searchedFor.value || options.emptyShowsAll) && searchTables.some((t) => changed.has(t))) void request(searchedFor.value);
      }) ?? null;
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (timer) clearTimeout(timer);
    latest++;
    off?.();
  });
  return { rows, searchedFor, total, error, settled };
}

const searchTables = ['vehicles', 'catalog_marci', 'catalog_modele', 'catalog_tipuri_motoare'];
