import {
  formatTyreSize, minTread, newId, newTyreSetCode, normalizeDecimalInput, orderTotals, parseTyreSize, roadWheelPositions, storageFeeText, tyreSizeKey,
  tyreSizeSearchKey, searchKey, validDotText, type LineKind, type SqlRow, type StorageSeason, type TyreSetStatus, type WheelPosition, type WriteOp,
} from '@roaauto/shared';

/** A stored set as the pages read it. */
export type TyreSetRow = SqlRow & {
  id: string; cod: string; client_id: string | null; vehicle_id: string | null; client_nume: string | null; client_telefon: string | null;
  nr_auto: string | null; sezon: StorageSeason; an: number; status: TyreSetStatus; dimensiune: string | null; raft: string | null; etaj: string | null;
  pozitie: string | null; primit_la: string; primit_de: string; predat_la: string | null; predat_de: string | null; tarif: number | null;
  order_id: string | null; observatii: string | null;
};

export type WheelRow = SqlRow & {
  id: string; set_id: string; pozitie: WheelPosition; marca: string | null; dimensiune: string | null; dimensiune_cheie: string | null;
  dot: string | null; profil_mm: string | null; pe_janta: number | boolean; defecte: string | null;
};

/** One wheel of the check-in form, as typed. */
export type WheelInput = { pozitie: WheelPosition; marca: string; dimensiune: string; dot: string; profil: string; peJanta: boolean; defecte: string };

/** The check-in form, as typed. */
export type CheckInForm = {
  clientId: string | null; vehicleId: string | null; clientNume: string; clientTelefon: string; nrAuto: string;
  sezon: StorageSeason; an: number; raft: string; etaj: string; pozitie: string; observatii: string; wheels: WheelInput[];
};

export function emptyWheel(pozitie: WheelPosition): WheelInput {
  return { pozitie, marca: '', dimensiune: '', dot: '', profil: '', peJanta: false, defecte: '' };
}

export function emptyCheckIn(season: { season: StorageSeason; year: number }): CheckInForm {
  return {
    clientId: null, vehicleId: null, clientNume: '', clientTelefon: '', nrAuto: '', sezon: season.season, an: season.year,
    raft: '', etaj: '', pozitie: '', observatii: '', wheels: roadWheelPositions.map(emptyWheel),
  };
}

/** "Copy to all": the first wheel's brand, size, DOT and rim to every other wheel (tread stays each wheel's own). */
export function copyFirstWheel(wheels: readonly WheelInput[]): WheelInput[] {
  const [first] = wheels;
  if (!first) return [...wheels];
  return wheels.map((w, i) => (i === 0 ? w : { ...w, marca: first.marca, dimensiune: first.dimensiune, dot: first.dot, peJanta: first.peJanta }));
}

/** What is wrong with the form, as message keys by field ("wheel.2.profil"). */
export type FormProblems = Record<string, string>;

const text = (s: string) => (s.trim() ? s.trim() : null);

function wheelProblems(w: WheelInput, i: number, out: FormProblems): void {
  if (w.dimensiune.trim() && !parseTyreSize(w.dimensiune)) out[`wheel.${i}.dimensiune`] = 'warehouse.tyres.problems.size';
  if (w.dot.trim() && !validDotText(w.dot.trim())) out[`wheel.${i}.dot`] = 'warehouse.tyres.problems.dot';
  if (w.profil.trim()) {
    const d = normalizeDecimalInput(w.profil, 1);
    if (d === null || Number(d) > 20) out[`wheel.${i}.profil`] = 'warehouse.tyres.problems.tread';
  }
}

export function checkInProblems(f: CheckInForm): FormProblems {
  const out: FormProblems = {};
  if (!f.clientId && !f.clientNume.trim() && !f.nrAuto.trim()) out.customer = 'warehouse.tyres.problems.customer';
  if (!f.wheels.length) out.wheels = 'warehouse.tyres.problems.wheels';
  f.wheels.forEach((w, i) => wheelProblems(w, i, out));
  return out;
}

/** The check-in as one write: the set and its wheels. */
export function checkInOps(f: CheckInForm, who: string, now: string, setId: string = newId(), code: string = newTyreSetCode()): WriteOp[] {
  const sizes = f.wheels.map((w) => parseTyreSize(w.dimensiune));
  // Sizes are stored in their one printed form ("205/55 R16 91H"), whatever the spelling typed.
  const firstSize = sizes.find((z) => z !== null);
  const set = {
    id: setId, cod: code, client_id: f.clientId, vehicle_id: f.vehicleId, client_nume: text(f.clientNume), client_telefon: text(f.clientTelefon),
    nr_auto: text(f.nrAuto)?.toUpperCase() ?? null, sezon: f.sezon, an: f.an, status: 'depozitat', dimensiune: firstSize ? formatTyreSize(firstSize) : null, raft: text(f.raft),
    etaj: text(f.etaj), pozitie: text(f.pozitie), primit_la: now, primit_de: who, predat_la: null, predat_de: null, tarif: null, order_id: null,
    observatii: text(f.observatii),
  };
  const wheels: WriteOp[] = f.wheels.map((w, i) => {
    const size = sizes[i];
    return {
      op: 'create', table: 'tyre_set_wheels', data: {
        set_id: setId, pozitie: w.pozitie, marca: text(w.marca), dimensiune: size ? formatTyreSize(size) : null, dimensiune_cheie: size ? tyreSizeKey(size) : null,
        dot: text(w.dot), profil_mm: w.profil.trim() ? normalizeDecimalInput(w.profil, 1) : null, pe_janta: w.peJanta ? 1 : 0, defecte: text(w.defecte),
      },
    };
  });
  return [{ op: 'create', table: 'tyre_sets', data: set }, ...wheels];
}

/** Check-out: returned now, by whom. */
export function checkOutOps(setId: string, who: string, now: string): WriteOp[] {
  return [{ op: 'update', table: 'tyre_sets', id: setId, patch: { status: 'predat', predat_la: now, predat_de: who } }];
}

export type ListFilter = { search: string; status: TyreSetStatus | ''; sezon: StorageSeason | '' };

/**
 * The list's query: the sets matching the search (plate with or without spaces, name, phone, code, size)
 * and the filters, stored ones first, newest check-in first, with their lowest tread.
 */
export function listQuery(f: ListFilter, limit = 100): { sql: string; params: (string | number)[] } {
  const where = ['1 = 1'];
  const params: (string | number)[] = [];
  const words = searchKey(f.search).split(' ').filter(Boolean);
  for (const w of words) {
    const size = /^\d/.test(w) ? tyreSizeSearchKey(w) : null;
    where.push(`(s._search LIKE ? ESCAPE '\\'${size && size !== w ? ' OR s._search LIKE ? ESCAPE \'\\\'' : ''})`);
    params.push(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (size && size !== w) params.push(`%${size}%`);
  }
  if (f.status) { where.push('s.status = ?'); params.push(f.status); }
  if (f.sezon) { where.push('s.sezon = ?'); params.push(f.sezon); }
  const sql = `SELECT s.*, (SELECT MIN(CAST(w.profil_mm AS REAL)) FROM tyre_set_wheels w WHERE w.set_id = s.id AND w.profil_mm IS NOT NULL) AS min_tread
    FROM tyre_sets s WHERE ${where.join(' AND ')} ORDER BY s.status = 'predat', s.primit_la DESC LIMIT ${Math.max(1, Math.floor(limit))}`;
  return { sql, params };
}

/** Stored sets with a wheel under `maxMm` (3 mm: near the legal minimum), lowest first. */
export function treadQuery(maxMm = 3): { sql: string; params: number[] } {
  return {
    sql: `SELECT s.*, MIN(CAST(w.profil_mm AS REAL)) AS min_tread FROM tyre_sets s JOIN tyre_set_wheels w ON w.set_id = s.id
      WHERE s.status = 'depozitat' AND w.profil_mm IS NOT NULL AND CAST(w.profil_mm AS REAL) < ?
      GROUP BY s.id ORDER BY min_tread, s.nr_auto`,
    params: [maxMm],
  };
}

/** The order the fee goes on: the vehicle's newest draft order, if any. */
export type OpenOrder = { id: string; lines: (SqlRow & { tip: LineKind; ore: string | null; pret_ora: number | null; cantitate: string | null; pret_unitar: number | null; total: number; ordine: number; decizie_client: 'aprobat' | 'respins' | null })[] };

/**
 * "Add the storage fee to an order": a material line "Depozitare anvelope iarnă 2026/2027" on the open
 * order (its totals recomputed) or on a new draft order of the set's customer and vehicle, and the order
 * and fee recorded on the set.
 */
export function feeOps(
  set: TyreSetRow, feeBani: number, open: OpenOrder | null, newOrder: { number: number | null; today: string }, orderId: string = newId(),
): { orderId: string; ops: WriteOp[] } {
  const line = {
    tip: 'material' as const, descriere: storageFeeText(set.sezon, set.an), norma_id: null, ore: null, pret_ora: null, um: 'buc', cantitate: '1',
    pret_unitar: feeBani, total: feeBani, mecanic_id: null,
  };
  const ops: WriteOp[] = [];
  let target = orderId;
  if (open) {
    target = open.id;
    const ordine = open.lines.reduce((m, l) => Math.max(m, l.ordine + 1), 0);
    ops.push({ op: 'create', table: 'order_lines', data: { ...line, order_id: target, ordine } });
    ops.push({ op: 'update', table: 'orders', id: target, patch: orderTotals([...open.lines, line]) });
  } else {
    ops.push({
      op: 'create', table: 'orders', data: {
        id: target, status: 'DRAFT', nr_comanda: newOrder.number, data_comanda: newOrder.today, tip_deviz_id: null, vehicle_id: set.vehicle_id,
        nr_auto: set.nr_auto, client_id: set.client_id, client_nume: set.client_nume, client_telefon: set.client_telefon, ...orderTotals([line]),
      },
    });
    ops.push({ op: 'create', table: 'order_lines', data: { ...line, order_id: target, ordine: 0 } });
  }
  ops.push({ op: 'update', table: 'tyre_sets', id: set.id, patch: { tarif: feeBani, order_id: target } });
  return { orderId: target, ops };
}

/** The lowest tread of the wheels shown on a set's page. */
export function setMinTread(wheels: readonly WheelRow[]): string | null {
  return minTread(wheels.map((w) => w.profil_mm));
}
