import { checkPhone, isValidCnp, isValidCui, newId, searchKey, type SqlRow, type SqlValue, type WriteOp } from '@roaauto/shared';
import { customerQueries } from './customer-suggestions';

/**
 * A vehicle belongs to a customer row (`client_id`) and keeps a copy of their details (`client_*`). The
 * vehicle form links it as it is saved: to the customer picked from the suggestions while that is still
 * the person in the form, else to a customer with the same name and phone, else to a new customer made
 * from the details typed. A vehicle with a customer's name and no customer row is offered the same on its
 * page: pick one of the likely customers, or make one from its details.
 */
export type CustomerLink = { id: string; nume: string; telefon: string | null };

/** The customer details written on a vehicle. */
export type VehicleCustomer = {
  client_nume: string | null; client_telefon: string | null; client_email: string | null; client_cod_fiscal: string | null; client_adresa: string | null;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The customer details of a vehicle row. */
export function vehicleCustomerOf(row: Record<string, unknown>): VehicleCustomer & { client_id: string | null } {
  return {
    client_id: str(row.client_id), client_nume: str(row.client_nume), client_telefon: str(row.client_telefon), client_email: str(row.client_email),
    client_cod_fiscal: str(row.client_cod_fiscal), client_adresa: str(row.client_adresa),
  };
}

const digits = (v: string | null | undefined) => (v ?? '').replace(/\D/g, '').replace(/^(00)?40/, '0');

/** Whether a customer row is the person written on the vehicle: the same name (diacritics aside) and phone. */
export function sameCustomer(c: { nume: string; telefon: string | null }, v: VehicleCustomer): boolean {
  if (!v.client_nume || searchKey(c.nume) !== searchKey(v.client_nume)) return false;
  return digits(c.telefon) === digits(v.client_telefon) || !v.client_telefon;
}

/** Whether the link still holds after an edit: the same name, or the same phone (a name's typo fixed). */
export function linkHolds(link: CustomerLink | null, v: VehicleCustomer): boolean {
  if (!link || !v.client_nume?.trim()) return false;
  if (searchKey(link.nume) === searchKey(v.client_nume)) return true;
  const phone = digits(link.telefon);
  return phone.length >= 6 && phone === digits(v.client_telefon);
}

/** A new customer row from the details on a vehicle: a company when the code is a valid CUI, a person otherwise. */
export function customerFromVehicle(v: VehicleCustomer): Record<string, string | null> | null {
  const nume = v.client_nume?.trim().replace(/\s+/g, ' ');
  if (!nume) return null;
  const code = v.client_cod_fiscal?.trim() || null;
  const company = code !== null && isValidCui(code);
  const cnp = !company && code !== null && isValidCnp(code) ? code : null;
  const phone = v.client_telefon?.trim() ? checkPhone(v.client_telefon) : null;
  return {
    tip: company ? 'pj' : 'pf',
    nume,
    telefon: phone?.normalized || null,
    email: v.client_email?.trim() || null,
    cod_fiscal: cnp ? null : code,
    cnp,
    adresa: v.client_adresa?.trim() || null,
  };
}

type Query = (sql: string, params: readonly SqlValue[]) => Promise<SqlRow[]>;

/** The device's customers who may be the one written on a vehicle: by the words of the name, then by phone. */
export async function likelyCustomers(query: Query, v: VehicleCustomer, limit = 5): Promise<CustomerLink[]> {
  const found = new Map<string, CustomerLink>();
  for (const typed of [v.client_nume, v.client_telefon]) {
    const q = typed ? customerQueries(typed, limit)?.[0] : undefined;
    if (!q) continue;
    for (const r of await query(q.sql, q.params)) {
      if (typeof r.client_id === 'string' && !found.has(r.client_id)) {
        found.set(r.client_id, { id: r.client_id, nume: String(r.nume), telefon: typeof r.telefon === 'string' ? r.telefon : null });
      }
    }
  }
  return [...found.values()].slice(0, limit);
}

/**
 * The customer a saved vehicle names and the writes that make it: the kept link, an existing customer who
 * is the same person, or a new customer (created in the same transaction as the vehicle).
 */
export async function customerForSave(query: Query, v: VehicleCustomer, link: CustomerLink | null): Promise<{ clientId: string | null; ops: WriteOp[] }> {
  if (!v.client_nume?.trim()) return { clientId: null, ops: [] };
  if (link && linkHolds(link, v)) return { clientId: link.id, ops: [] };
  const same = (await likelyCustomers(query, v, 20)).find((c) => sameCustomer(c, v));
  if (same) return { clientId: same.id, ops: [] };
  const data = customerFromVehicle(v);
  if (!data) return { clientId: null, ops: [] };
  const id = newId();
  return { clientId: id, ops: [{ op: 'create', table: 'clients', data: { id, ...data } }] };
}
