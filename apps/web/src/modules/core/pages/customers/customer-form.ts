import {
  checkPhone, counties, isValidCnp, isValidCui, isValidRegCom, marketingChannels, normalizeCui, normalizeRegCom, type MarketingChannel,
} from '@roaauto/shared';

/**
 * The customer form as plain data and functions: the values as typed, the checks (errors block saving
 * where the table would refuse the value; warnings never block) and the row stored. Messages are keys
 * with their values; the form says them in the person's language.
 */
export const customerFields = [
  'tip', 'nume', 'telefon', 'email', 'cnp', 'cod_fiscal', 'reg_com', 'platitor_tva', 'judet', 'localitate', 'sector', 'adresa',
  'observatii', 'marketing_canal', 'marketing_data',
] as const;
export type CustomerField = (typeof customerFields)[number];
export type CustomerFormValues = Record<CustomerField, string>;

export type Message = { key: string; params?: Record<string, unknown> };
const m = (key: string, params?: Record<string, unknown>): Message => ({ key: `core.customers.${key}`, params });

export { counties, marketingChannels };
export const sectors = ['1', '2', '3', '4', '5', '6'] as const;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The form's values: a stored customer's, else empty ones (a person) with what is given. */
export function customerFormOf(row: Record<string, unknown> | null, initial: Partial<CustomerFormValues> = {}): CustomerFormValues {
  const values = Object.fromEntries(customerFields.map((f) => [f, row ? text(row[f]) : initial[f] ?? ''])) as CustomerFormValues;
  if (!values.tip) values.tip = 'pf';
  return values;
}

/** Today as YYYY-MM-DD on this device (the date consent is recorded with). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Choosing how consent was given (or withdrawn) dates it today; no channel, no date. */
export function consentChosen(form: CustomerFormValues, channel: string, today = localToday()): Partial<CustomerFormValues> {
  if (!channel) return { marketing_canal: '', marketing_data: '' };
  return { marketing_canal: channel, marketing_data: channel === form.marketing_canal && form.marketing_data ? form.marketing_data : today };
}

/** What blocks saving, by field: what the table's rules would refuse. */
export function customerErrors(form: CustomerFormValues): Partial<Record<CustomerField, Message>> {
  const errors: Partial<Record<CustomerField, Message>> = {};
  if (!form.nume.trim()) errors.nume = m('err.name');
  if (form.tip === 'pf' && form.cnp.trim() && !isValidCnp(form.cnp)) errors.cnp = m('err.cnp');
  if (form.tip === 'pj' && looksRomanian(form.cod_fiscal) && !isValidCui(form.cod_fiscal)) errors.cod_fiscal = m('err.cui');
  if (form.tip === 'pj' && form.reg_com.trim() && !isValidRegCom(form.reg_com)) errors.reg_com = m('err.regCom');
  if (form.marketing_canal && !form.marketing_data) errors.marketing_data = m('err.consentDate');
  return errors;
}

/** What is said but does not block: a phone or e-mail of an unusual shape. */
export function customerWarnings(form: CustomerFormValues): Partial<Record<CustomerField, Message>> {
  const warnings: Partial<Record<CustomerField, Message>> = {};
  if (form.telefon.trim() && !checkPhone(form.telefon).valid) warnings.telefon = m('warn.phone');
  if (form.email.trim() && !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(form.email.trim())) warnings.email = m('warn.email');
  return warnings;
}

/** A CUI as Romanian codes are written (digits, with or without RO); a foreign VAT code is kept as typed. */
function looksRomanian(code: string): boolean {
  return /^\s*(RO)?\s*\d[\d\s]*$/i.test(code);
}

/** The columns a save writes. */
export type StoredCustomer = {
  tip: 'pf' | 'pj'; nume: string; telefon: string | null; email: string | null; cnp: string | null; cod_fiscal: string | null;
  reg_com: string | null; platitor_tva: 0 | 1 | null; judet: string | null; localitate: string | null; sector: number | null;
  adresa: string | null; observatii: string | null; marketing_canal: MarketingChannel | null; marketing_data: string | null;
};

/**
 * The values as stored: trimmed, empty as null, the phone in its standard form, a company's CUI with `RO`
 * when it pays VAT (as invoices write it), the trade-register number in capitals; the fields of the other
 * kind of customer are not kept (a person has no trade-register number), a sector only in Bucharest.
 */
export function storedCustomer(form: CustomerFormValues): StoredCustomer {
  const orNull = (v: string) => v.trim().replace(/\s+/g, ' ') || null;
  const pj = form.tip === 'pj';
  const phone = checkPhone(form.telefon);
  const vat = pj && form.platitor_tva ? (form.platitor_tva === '1' ? 1 : 0) : null;
  let codFiscal = orNull(form.cod_fiscal);
  if (pj && codFiscal && looksRomanian(codFiscal)) codFiscal = `${vat === 1 ? 'RO' : ''}${normalizeCui(codFiscal)}`;
  const judet = orNull(form.judet);
  const canal = (marketingChannels as readonly string[]).includes(form.marketing_canal) ? (form.marketing_canal as MarketingChannel) : null;
  return {
    tip: pj ? 'pj' : 'pf',
    nume: form.nume.trim().replace(/\s+/g, ' '),
    telefon: phone.valid ? phone.normalized : orNull(form.telefon),
    email: orNull(form.email)?.toLowerCase() ?? null,
    cnp: pj ? null : orNull(form.cnp),
    cod_fiscal: codFiscal,
    reg_com: pj && form.reg_com.trim() ? normalizeRegCom(form.reg_com) : null,
    platitor_tva: vat,
    judet,
    localitate: orNull(form.localitate),
    sector: judet === 'B' && /^[1-6]$/.test(form.sector) ? Number(form.sector) : null,
    adresa: orNull(form.adresa),
    observatii: form.observatii.trim() || null,
    marketing_canal: canal,
    marketing_data: canal ? orNull(form.marketing_data) : null,
  };
}

/**
 * What an edit changes: only the values that differ from the row as the form opened it, so a change another
 * device made meanwhile to another field stays.
 */
export function customerPatch(opened: Record<string, unknown>, values: StoredCustomer): Partial<StoredCustomer> {
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => (opened[k] ?? null) !== v));
}
