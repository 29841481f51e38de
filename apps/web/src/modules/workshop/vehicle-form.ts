import { checkPhone, checkVin, normalizePlate, normalizeVin, plateKind } from '@roaauto/shared';
import { checkFiscalCode } from './vehicles';

/**
 * The vehicle form as plain data and functions: what is typed, what leaving a field tidies, the
 * checks (errors block saving only where the table would refuse the value; warnings never block), and
 * the values stored. Messages are keys with their values; the form says them in the person's language.
 */

export const vehicleFields = [
  'nr_inmatriculare', 'marca_id', 'model_id', 'an_fabricatie', 'serie_sasiu', 'tip_motor_id', 'client_nume', 'client_telefon', 'client_email', 'client_cod_fiscal', 'client_adresa',
] as const;
export type VehicleField = (typeof vehicleFields)[number];
export type VehicleFormValues = Record<VehicleField, string>;

export type Message = { key: string; params?: Record<string, unknown> };
const m = (key: string, params?: Record<string, unknown>): Message => ({ key: `workshop.vehicles.${key}`, params });

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The form's values: a stored vehicle's, else those given for a new one (what was typed in the picker). */
export function formValuesOf(vehicle: Record<string, unknown> | null, initial: Partial<VehicleFormValues> = {}): VehicleFormValues {
  return Object.fromEntries(vehicleFields.map((f) => [f, vehicle ? text(vehicle[f]) : (initial[f] ?? '')])) as VehicleFormValues;
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
  if (field === 'client_nume' || field === 'client_adresa') return value.trim().replace(/\s+/g, ' ');
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

/** The values as stored: trimmed, normalised where the format is known, empty as null; no model without a make. */
export function storedValues(form: VehicleFormValues): Record<VehicleField, string | number | null> {
  const orNull = (v: string) => v.trim() || null;
  const phone = checkPhone(form.client_telefon);
  return {
    nr_inmatriculare: normalizePlate(form.nr_inmatriculare),
    marca_id: orNull(form.marca_id),
    model_id: form.marca_id ? orNull(form.model_id) : null,
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
