/**
 * Tyre sizes as people write them. A size is read in any common spelling
 * ("205/55 R16", "205/55R16", "205 55 16", "2055516", "205/55 ZR16 91V", "195/65 R15C") into one form,
 * printed as "205/55 R16", and searched by a compact key ("2055516") that every spelling reduces to.
 */

export type TyreSize = {
  /** Section width in mm (125–395). */
  latime: number;
  /** Aspect ratio in percent (25–95). */
  profil: number;
  /** Rim diameter in inches (10–24), with one decimal for the few half-inch sizes (e.g. 17.5). */
  diametru: number;
  /** Construction letter as written ("R", "ZR", "D", "B"); R when none was. */
  constructie: string;
  /** Light-truck tyre ("C" after the rim: 195/65 R15C). */
  comercial: boolean;
  /** Load index (e.g. 91), when written after the size. */
  indiceSarcina: number | null;
  /** Speed index letter (e.g. "V"), when written after the size. */
  indiceViteza: string | null;
};

const speedRe = '(\\(Y\\)|[LMNPQRSTUHVWY])';

// width [/ or space or nothing] aspect [space] construction? rim [C]? [load[/load2]] [speed]
const sizeRe = new RegExp(
  `^(\\d{3})\\s*[/\\s-]?\\s*(\\d{2})\\s*-?\\s*(ZR|R|D|B|Z)?\\s*(\\d{2}(?:[.,]5)?)\\s*(C)?(?:\\s*(\\d{2,3})(?:/\\d{2,3})?\\s*${speedRe}?)?$`,
  'i',
);

/** Reads a size as typed; null when it is not one (or its numbers are outside tyre sizes). */
export function parseTyreSize(text: string): TyreSize | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, ' ');
  const m = sizeRe.exec(t);
  if (!m) return null;
  const latime = Number(m[1]);
  const profil = Number(m[2]);
  const diametru = Number((m[4] ?? '').replace(',', '.'));
  if (latime < 125 || latime > 395 || latime % 5 !== 0) return null;
  if (profil < 25 || profil > 95 || profil % 5 !== 0) return null;
  if (diametru < 10 || diametru > 24) return null;
  const load = m[6] ? Number(m[6]) : null;
  if (load !== null && (load < 50 || load > 170)) return null;
  const construction = (m[3] ?? 'R').toUpperCase();
  return {
    latime,
    profil,
    diametru,
    constructie: construction === 'Z' ? 'ZR' : construction,
    comercial: Boolean(m[5]),
    indiceSarcina: load,
    indiceViteza: m[7] ? m[7].toUpperCase() : null,
  };
}

/** "205/55 R16", "195/65 R15C", "225/40 ZR18 92Y" (with the indexes when known). */
export function formatTyreSize(s: TyreSize): string {
  const base = `${s.latime}/${s.profil} ${s.constructie}${String(s.diametru)}${s.comercial ? 'C' : ''}`;
  if (s.indiceSarcina === null) return base;
  return `${base} ${s.indiceSarcina}${s.indiceViteza ?? ''}`;
}

/**
 * The compact key a size is searched by: width, aspect and rim as digits ("2055516", "2156517.5" keeps
 * the half inch). Every spelling of one size gives the same key; a typed prefix of it ("20555") matches.
 */
export function tyreSizeKey(s: Pick<TyreSize, 'latime' | 'profil' | 'diametru'>): string {
  return `${s.latime}${s.profil}${String(s.diametru)}`;
}

/**
 * What a search box's text means as a tyre size: the key of a full size, or the digits of a partial
 * one ("205/55" → "20555", "205 55 r1" → "205551"), or null when the text is not the start of a size.
 */
export function tyreSizeSearchKey(text: string): string | null {
  const full = parseTyreSize(text);
  if (full) return tyreSizeKey(full);
  const m = /^(\d{3})(?:\s*[/\s-]?\s*(\d{1,2})(?:\s*-?\s*(?:ZR|R|D|B|Z)?\s*(\d{1,2}))?)?$/i.exec(text.trim());
  if (!m) return null;
  return `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`;
}
