import { searchKey } from '@roaauto/shared';
import type { VehicleFormValues } from './vehicle-form';
import { vehicleSearchPatterns } from './vehicles';

/**
 * The customers the vehicle form suggests as a name is typed: the company's customers (`clients`) and
 * the customers already written on other vehicles, found by name (without diacritics, words in any order)
 * or by phone, through the `_search` text of both tables.
 */

/** A customer as the form can fill it in; `client_id` is their customer row, when they have one. */
export type KnownCustomer = { client_id: string | null; nume: string; telefon: string | null; email: string | null; cod_fiscal: string | null; adresa: string | null };

/** Suggestions start from this many letters or digits typed. */
export const customerMinChars = 2;

const likeAll = (n: number) => Array.from({ length: Math.max(1, n) }, () => `_search LIKE ? ESCAPE '\\'`).join(' AND ');

/** The two queries (customers, then the customers of vehicles) for what was typed; null for too little. */
export function customerQueries(typed: string, limit = 20): { sql: string; params: string[] }[] | null {
  if (searchKey(typed).replace(/[^\p{L}\p{N}]/gu, '').length < customerMinChars) return null;
  const patterns = vehicleSearchPatterns(typed);
  const where = likeAll(patterns.length);
  return [
    { sql: `SELECT id AS client_id, nume, telefon, email, cod_fiscal, adresa FROM clients WHERE ${where} ORDER BY _search LIMIT ${limit}`, params: patterns },
    {
      // The newest details of each customer (SQLite takes the other columns from the row of MAX).
      sql: `SELECT client_id, client_nume AS nume, client_telefon AS telefon, client_email AS email, client_cod_fiscal AS cod_fiscal, client_adresa AS adresa, MAX(updated_at) AS seen
        FROM (SELECT * FROM vehicles WHERE ${where} AND client_nume IS NOT NULL AND TRIM(client_nume) <> '' LIMIT 200)
        GROUP BY client_nume, client_telefon ORDER BY seen DESC LIMIT ${limit}`,
      params: patterns,
    },
  ];
}

const digits = (v: string | null | undefined) => (v ?? '').replace(/\D/g, '');

/** Whether a customer is one for what was typed: every word in the name, or the digits in the phone. */
export function customerMatches(typed: string, c: KnownCustomer): boolean {
  const key = searchKey(typed);
  const typedDigits = digits(key);
  if (typedDigits.length >= customerMinChars && /^[\d\s+().\-/]+$/.test(key)) {
    const local = /^(\+|00)40/.test(key.replace(/[^\d+]/g, '')) ? `0${typedDigits.replace(/^(00)?40/, '')}` : typedDigits;
    return digits(c.telefon).includes(local);
  }
  const name = searchKey(c.nume);
  return key.split(' ').filter(Boolean).every((w) => name.includes(w));
}

/**
 * The suggestions: the company's customers first, then those of vehicles, each person once (by name and
 * phone), only those the text matches (a vehicle found by its plate is not a suggestion for a name), and
 * not the customer already in the form.
 */
export function mergeCustomers(typed: string, lists: readonly (readonly KnownCustomer[])[], current: Pick<VehicleFormValues, 'client_nume' | 'client_telefon'>, limit = 8): KnownCustomer[] {
  const id = (nume: string, telefon: string | null) => `${searchKey(nume)}|${digits(telefon)}`;
  const seen = new Set([id(current.client_nume, current.client_telefon)]);
  const out: KnownCustomer[] = [];
  for (const c of lists.flat()) {
    if (!c.nume.trim() || !customerMatches(typed, c)) continue;
    const k = id(c.nume, c.telefon);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}

/** The contact fields a picked customer fills. */
const details = [['client_telefon', 'telefon'], ['client_cod_fiscal', 'cod_fiscal'], ['client_email', 'email'], ['client_adresa', 'adresa']] as const;

/**
 * The form's customer fields once a suggestion is picked. Picking is an explicit choice of that person,
 * so their name and every detail they have on record replace what the fields hold (a phone typed for
 * someone else would now be wrong). A detail they have none of leaves its field as it is: nothing the
 * person typed is wiped for a lack of data.
 */
export function pickCustomer(form: Pick<VehicleFormValues, 'client_nume' | (typeof details)[number][0]>, c: KnownCustomer): Partial<VehicleFormValues> {
  const patch: Partial<VehicleFormValues> = { client_nume: c.nume };
  for (const [field, key] of details) {
    const value = c[key]?.trim();
    patch[field] = value || form[field];
  }
  return patch;
}
