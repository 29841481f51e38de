import { checkPhone, isValidCui, isValidIban, parseWholeNumberInput, type CompanyProfile } from '@roaauto/shared';

/**
 * The company page's form as plain data and functions: the profile as typed, its checks (message keys)
 * and the row it stores.
 */
export const profileTextFields = ['nume', 'cui', 'reg_com', 'capital_social', 'adresa', 'localitate', 'judet', 'cod_postal', 'iban', 'banca', 'telefon', 'email', 'serie_implicita'] as const;
export type ProfileTextField = (typeof profileTextFields)[number];
export type ProfileForm = Record<ProfileTextField, string> & { platitor_tva: boolean; tva_la_incasare: boolean; zile_scadenta: string; logo: string | null };

/** A new company's form: registered for VAT, nothing else filled in. */
export function emptyProfileForm(): ProfileForm {
  return {
    nume: '', cui: '', reg_com: '', capital_social: '', adresa: '', localitate: '', judet: '', cod_postal: '', iban: '', banca: '', telefon: '', email: '',
    serie_implicita: '', platitor_tva: true, tva_la_incasare: false, zile_scadenta: '', logo: null,
  };
}

export function profileFormOf(p: CompanyProfile): ProfileForm {
  return {
    ...(Object.fromEntries(profileTextFields.map((k) => [k, p[k] ?? ''])) as Record<ProfileTextField, string>),
    platitor_tva: p.platitor_tva === 1,
    tva_la_incasare: p.tva_la_incasare === 1,
    zile_scadenta: p.zile_scadenta === null ? '' : String(p.zile_scadenta),
    logo: p.logo,
  };
}

/** A hint, never a block: a CUI that fails its check, or an RO prefix that does not go with the VAT checkbox. */
export function cuiWarningKey(form: Pick<ProfileForm, 'cui' | 'platitor_tva'>): string | null {
  const cui = form.cui.trim().toUpperCase();
  if (!cui) return null;
  if (!isValidCui(cui)) return 'core.company.cuiInvalid';
  if (form.platitor_tva && !cui.startsWith('RO')) return 'core.company.cuiWithoutRo';
  if (!form.platitor_tva && cui.startsWith('RO')) return 'core.company.cuiRoNotPayer';
  return null;
}

/** A phone printed on documents, checked as the customer and vehicle forms check it: a hint, never a block. */
export function phoneWarningKey(typed: string): string | null {
  return typed.trim() && !checkPhone(typed).valid ? 'core.company.phoneUnrecognised' : null;
}

/** Days are whole numbers from 0 to 365: "1e2" or "-5" is refused with a reason, never read as something else. */
export function dueDaysProblemKey(typed: string): string | null {
  return typed.trim() && parseWholeNumberInput(typed, 0, 365) === null ? 'core.company.dueDaysInvalid' : null;
}

/** The fields the form checks before it saves, each with the message key of its problem. */
export type ProfileProblems = Partial<Record<'nume' | 'cui' | 'iban' | 'zile_scadenta', string>>;

/**
 * What keeps the profile from being saved, field by field, checked as the table's rules check it
 * (`company-profile.table.ts`), so the person reads it under the field before saving, never after.
 */
export function profileProblems(form: ProfileForm): ProfileProblems {
  const problems: ProfileProblems = {};
  if (!form.nume.trim()) problems.nume = 'core.company.nameRequired';
  const cui = normalCui(form.cui);
  if (cui && !isValidCui(cui)) problems.cui = 'core.company.cuiInvalid';
  const iban = normalIban(form.iban);
  if (iban && !isValidIban(iban)) problems.iban = 'core.company.ibanInvalid';
  const days = dueDaysProblemKey(form.zile_scadenta);
  if (days) problems.zile_scadenta = days;
  return problems;
}

/** The field of the form each of the table's refusals is about (a refusal from another device's rules, or the server's). */
export const profileFieldOfRule: Readonly<Record<string, string>> = {
  'company.name_required': 'nume',
  'company.cui_invalid': 'cui',
  'company.county_unknown': 'judet',
  'company.iban_invalid': 'iban',
  'company.logo_format': 'logo',
};

const normalCui = (typed: string) => typed.trim().toUpperCase().replace(/\s+/g, '');
/** An IBAN as banks print it has spaces every four characters: stored without them, in capitals. */
const normalIban = (typed: string) => typed.replace(/\s+/g, '').toUpperCase();

/**
 * The row to store (call once `profileProblems` is empty): texts trimmed, empty as null (the name stays a
 * text), the CUI, IBAN and default series in capitals without spaces, VAT on receipt only for a VAT payer.
 */
export function profileValues(form: ProfileForm): Record<string, unknown> {
  const data: Record<string, unknown> = { platitor_tva: form.platitor_tva ? 1 : 0, tva_la_incasare: form.platitor_tva && form.tva_la_incasare ? 1 : 0, logo: form.logo };
  for (const k of profileTextFields) data[k] = form[k].trim() || null;
  data.nume = form.nume.trim();
  const phone = checkPhone(form.telefon);
  if (phone.valid) data.telefon = phone.normalized;
  data.cui = normalCui(form.cui) || null;
  data.iban = normalIban(form.iban) || null;
  data.serie_implicita = form.serie_implicita.trim().toUpperCase() || null;
  data.zile_scadenta = form.zile_scadenta.trim() === '' ? null : parseWholeNumberInput(form.zile_scadenta, 0, 365);
  return data;
}

/**
 * Whether a company is a VAT payer, as far as its CUI says: Romanian VAT payers write it with "RO".
 * A starting guess (the company page shows and changes it); no CUI yet: a payer, the common case.
 */
export function vatPayerByCui(cui: string): boolean {
  const c = cui.trim().toUpperCase();
  return c === '' || c.startsWith('RO');
}
