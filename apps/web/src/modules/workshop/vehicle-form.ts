import { checkPhone, checkVin, normalizePlate, normalizeVin, plateKind, searchKey, type SqlRow, type SqlValue } from '@roaauto/shared';
import { checkFiscalCode } from './vehicles';

/**
 * The vehicle form as plain data and functions: what is typed, what leaving a field tidies, the
 * checks (errors block saving only where the table would refuse the value; warnings never block), and
 * the values stored. Messages are keys with their values; the form says them in the person's language.
 */

export const vehicleFields = [
  'nr_inmatriculare', 'marca', 'model', 'an_fabricatie', 'serie_sasiu', 'tip_motor_id', 'client_nume', 'client_telefon', 'client_email', 'client_cod_fiscal', 'client_adresa',
] as const;
export type VehicleField = (typeof vehicleFields)[number];
export type VehicleFormValues = Record<VehicleField, string>;

export type Message = { key: string; params?: Record<string, unknown> };
const m = (key: string, params?: Record<string, unknown>): Message => ({ key: `workshop.vehicles.${key}`, params });

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * The form's values: a stored vehicle's, else those given for a new one (what was typed in the picker).
 * The make and model read as shown (a vehicle row with `marca_denumire`: the catalog's name when the row
 * names an entry, else the text).
 */
export function formValuesOf(vehicle: Record<string, unknown> | null, initial: Partial<VehicleFormValues> = {}): VehicleFormValues {
  const value = (f: VehicleField): string => {
    if (!vehicle) return initial[f] ?? '';
    if (f === 'marca') return text(vehicle.marca_denumire) || text(vehicle.marca);
    if (f === 'model') return text(vehicle.model_denumire) || text(vehicle.model);
    return text(vehicle[f]);
  };
  return Object.fromEntries(vehicleFields.map((f) => [f, value(f)])) as VehicleFormValues;
}

// ---------- make and model: any text, the catalog's entries as suggestions ----------

/** A make or model of the catalog. */
export type CatalogEntry = { id: string; denumire: string };

/**
 * A make or model as names are compared: lower case, no diacritics, only letters and digits
 * ("Citroen" is "Citroën", "mercedes benz" is "Mercedes-Benz", "seria3" is "Seria 3").
 */
export function catalogKey(value: string): string {
  return searchKey(value).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The catalog's entry a typed name is, or null (any other text is kept as typed). Among equal names the
 * vehicle's own entry (`preferId`) wins, then the first.
 */
export function matchCatalog(typed: string, entries: readonly CatalogEntry[], preferId = ''): CatalogEntry | null {
  const key = catalogKey(typed);
  if (!key) return null;
  const same = entries.filter((e) => catalogKey(e.denumire) === key);
  return same.find((e) => e.id === preferId) ?? same[0] ?? null;
}

const collator = new Intl.Collator('ro', { sensitivity: 'base', numeric: true });

/**
 * The entries to suggest for what was typed: all of them (in name order) for an empty field, else those
 * whose name starts with it, then those with a word that does ("golf" finds "Golf", "seria" every
 * "Seria …"), then those that contain it, at most `limit`.
 */
export function suggestCatalog(typed: string, entries: readonly CatalogEntry[], limit = 50): CatalogEntry[] {
  const sorted = [...entries].sort((a, b) => collator.compare(a.denumire, b.denumire));
  const key = catalogKey(typed);
  if (!key) return sorted.slice(0, limit);
  const rank = (e: CatalogEntry): number => {
    const name = catalogKey(e.denumire);
    if (name.startsWith(key)) return 0;
    if (searchKey(e.denumire).split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(key))) return 1;
    return name.includes(key) ? 2 : 3;
  };
  return sorted
    .map((e) => ({ e, r: rank(e) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r)
    .slice(0, limit)
    .map((x) => x.e);
}

/** The catalog entries a vehicle's make and model text are (each null when the text is not one of them). */
export type CatalogChoice = { make: CatalogEntry | null; model: CatalogEntry | null };

/** The catalog's makes a vehicle may name: the active ones and the vehicle's own, even if deactivated since. */
export const catalogMakesSql = 'SELECT id, denumire FROM catalog_marci WHERE activ = 1 OR id = ?';
/** The models of one make a vehicle may name (parameters: the make, the vehicle's own model). */
export const catalogModelsSql = 'SELECT id, denumire FROM catalog_modele WHERE marca_id = ? AND (activ = 1 OR id = ?)';

type Query = (sql: string, params: readonly SqlValue[]) => Promise<SqlRow[]>;

/**
 * The catalog entries of the typed make and model, read when the vehicle is saved (the suggestions on
 * screen may still be loading): the model is looked for only among the models of the make found.
 */
export async function catalogChoice(query: Query, form: Pick<VehicleFormValues, 'marca' | 'model'>, own: { marca_id: string; model_id: string }): Promise<CatalogChoice> {
  if (!catalogKey(form.marca)) return { make: null, model: null };
  const make = matchCatalog(form.marca, (await query(catalogMakesSql, [own.marca_id])) as CatalogEntry[], own.marca_id);
  if (!make || !catalogKey(form.model)) return { make, model: null };
  const model = matchCatalog(form.model, (await query(catalogModelsSql, [make.id, own.model_id])) as CatalogEntry[], own.model_id);
  return { make, model };
}

/** A field as it reads once left: the plate, VIN, phone and fiscal code in their standard form, other text trimmed. */
export function tidyField(field: VehicleField, value: string): string {
  if (field === 'nr_inmatriculare') return value.trim() ? normalizePlate(value) : '';
  if (field === 'serie_sasiu') return normalizeVin(value);
  if (field === 'client_telefon') {
    const phone = checkPhone(value);
    return phone.valid ? phone.normalized : value.trim();
  }
  if (field === 'client_cod_fiscal') return checkFiscalCode(value).normalized;
  if (field === 'client_nume' || field === 'client_adresa' || field === 'marca' || field === 'model') return value.trim().replace(/\s+/g, ' ');
  return value.trim();
}

/** The plate is required (said once saving was tried); an unusual one is a warning once the field was left. */
export function plateCheck(value: string, shown: boolean, submitted: boolean): { error: Message | null; warning: Message | null; hint: Message } {
  const v = value.trim();
  if (!v) return { error: submitted ? m('err.plateRequired') : null, warning: null, hint: m('plateHint') };
  const kind = plateKind(v);
  return { error: null, warning: shown && kind === 'unknown' ? m('warn.plate') : null, hint: kind === 'temporary' ? m('warn.plateTemporary') : m('plateHint') };
}

/**
 * The plate as vehicles are matched: normalised, without spaces or dashes ("ct-10 abc" and "CT 10 ABC" are
 * one plate). Empty for an empty field.
 */
export function plateKey(value: string): string {
  const v = value.trim();
  return v ? normalizePlate(v).replace(/[\s-]/g, '') : '';
}

/** The device's vehicles with this plate, other than the one being edited (`duplicatePlateParams`' query). */
export const duplicatePlateSql =
  "SELECT id, nr_inmatriculare, client_nume FROM vehicles WHERE REPLACE(REPLACE(UPPER(nr_inmatriculare), ' ', ''), '-', '') = ? AND ? <> '' AND id <> ? ORDER BY updated_at DESC LIMIT 1";
export function duplicatePlateParams(plate: string, ownId: string | null): [string, string, string] {
  const key = plateKey(plate);
  return [key, key, ownId ?? ''];
}

/**
 * Another vehicle with the same plate: never a refusal (a car changes owners), but said plainly, with its
 * customer, so it is not saved twice without a word.
 */
export function duplicatePlateWarning(plate: string, existing: { nr_inmatriculare: string; client_nume: string | null } | null): Message | null {
  if (!existing || !plateKey(plate) || plateKey(existing.nr_inmatriculare) !== plateKey(plate)) return null;
  const name = existing.client_nume?.trim();
  return name ? m('warn.plateDuplicateOf', { plate: existing.nr_inmatriculare, name }) : m('warn.plateDuplicate', { plate: existing.nr_inmatriculare });
}

/**
 * A VIN longer than 17 cannot be stored (it blocks); impossible characters show at once (an O typed for
 * a 0), a short VIN once the field is left; a check digit that does not match is only a warning.
 */
export function vinCheck(value: string, shown: boolean): { error: Message | null; warning: Message | null; blocks: boolean } {
  const v = normalizeVin(value);
  if (!v) return { error: null, warning: null, blocks: false };
  if (v.length > 17) return { error: m('err.vinTooLong'), warning: null, blocks: true };
  if (!/^[A-HJ-NPR-Z0-9]*$/.test(v)) return { error: m('err.vinLetters'), warning: null, blocks: false };
  if (v.length !== 17) return { error: shown ? m('err.vinLength', { n: v.length }) : null, warning: null, blocks: false };
  return { error: null, warning: checkVin(v).checkDigitMatches ? null : m('warn.vinCheckDigit'), blocks: false };
}

/**
 * A year of four digits from 1900 to `maxYear` (next year, `maxManufactureYear()`), else it blocks: the
 * table's rule refuses a later one too.
 */
export function yearCheck(value: string, shown: boolean, maxYear: number): { error: Message | null; warning: Message | null; blocks: boolean } {
  const v = value.trim();
  if (!v) return { error: null, warning: null, blocks: false };
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 1900 || n > maxYear) return { error: shown ? m('err.year', { max: maxYear }) : null, warning: null, blocks: true };
  return { error: null, warning: null, blocks: false };
}

/** The hint says which code it is (CNP or CUI); one that fails its check is a warning once the field was left. */
export function fiscalCheck(value: string, shown: boolean): { warning: Message | null; hint: Message } {
  const v = value.trim();
  if (!v) return { warning: null, hint: m('fiscalHint') };
  const c = checkFiscalCode(v);
  const hint = c.kind ? m(`kind.${c.kind}`) : m('fiscalHint');
  if (!shown || c.valid) return { warning: null, hint };
  return { warning: m(c.kind === 'cnp' ? 'warn.cnp' : c.kind === 'cui' ? 'warn.cui' : 'warn.fiscalShape'), hint };
}

/** A valid phone says its kind (mobile, landline…); another is a warning once the field was left. */
export function phoneCheck(value: string, shown: boolean): { warning: Message | null; hint: Message | null } {
  const v = value.trim();
  if (!v) return { warning: null, hint: null };
  const c = checkPhone(v);
  if (c.valid) return { warning: null, hint: m(`kind.${c.kind}`) };
  return { warning: shown ? m('warn.phone') : null, hint: null };
}

export function emailWarning(value: string, shown: boolean): Message | null {
  const v = value.trim();
  return v && shown && !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v) ? m('warn.email') : null;
}

/** The columns a save writes: the form's fields (the make and model as text) and the catalog ids. */
export type StoredVehicle = Record<Exclude<VehicleField, 'marca' | 'model'> | 'marca' | 'model' | 'marca_id' | 'model_id', string | number | null>;

/**
 * The values as stored: trimmed, normalised where the format is known, empty as null. The make and model
 * are kept as typed, or in the catalog's spelling with its id when they are one of its entries (`catalog`,
 * from `catalogChoice`); a model of the catalog only with its make.
 */
export function storedValues(form: VehicleFormValues, catalog: CatalogChoice = { make: null, model: null }): StoredVehicle {
  const orNull = (v: string) => v.trim() || null;
  const phone = checkPhone(form.client_telefon);
  const model = catalog.make ? catalog.model : null;
  return {
    nr_inmatriculare: normalizePlate(form.nr_inmatriculare),
    marca: catalog.make?.denumire ?? (orNull(form.marca.replace(/\s+/g, ' '))?.slice(0, 80) ?? null),
    marca_id: catalog.make?.id ?? null,
    model: model?.denumire ?? (orNull(form.model.replace(/\s+/g, ' '))?.slice(0, 80) ?? null),
    model_id: model?.id ?? null,
    an_fabricatie: form.an_fabricatie.trim() ? Number(form.an_fabricatie.trim()) : null,
    serie_sasiu: orNull(normalizeVin(form.serie_sasiu)),
    tip_motor_id: orNull(form.tip_motor_id),
    client_nume: orNull(form.client_nume.replace(/\s+/g, ' ')),
    client_telefon: phone.valid ? phone.normalized : orNull(form.client_telefon),
    client_email: orNull(form.client_email),
    client_cod_fiscal: orNull(checkFiscalCode(form.client_cod_fiscal).normalized),
    client_adresa: orNull(form.client_adresa.replace(/\s+/g, ' ')),
  };
}

/**
 * What an edit changes: only the values that differ from the row as the form opened it. Another device
 * may have changed the other fields meanwhile (a sync updates the row under the open form); those stay.
 */
export function vehiclePatch(opened: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => (opened[k] ?? null) !== v));
}
