import { countyName } from './counties';
import type { Party } from './party';

/** A customer row's columns that documents copy. */
export type ClientDetails = {
  tip: 'pf' | 'pj'; nume: string; telefon: string | null; email: string | null; cod_fiscal: string | null; adresa: string | null;
  judet: string | null; cnp?: string | null; reg_com?: string | null; platitor_tva?: number | null; localitate?: string | null;
  sector?: number | null;
};

/** The locality as documents write it: Bucharest by its sector ("Sector 3"), else the locality. */
function locality(c: ClientDetails): string {
  if (c.judet === 'B') return c.sector ? `Sector ${c.sector}` : (c.localitate?.trim() || 'București');
  return c.localitate?.trim() ?? '';
}

/** The customer's address on one line, as an order copies it: "Str. Mare 1, Cluj-Napoca, jud. Cluj". */
export function clientAddressLine(c: ClientDetails): string | null {
  const county = c.judet ? (countyName(c.judet) ?? c.judet) : null;
  const parts = c.judet === 'B'
    ? [c.adresa?.trim(), c.sector ? `Sector ${c.sector}` : null, 'București']
    : [c.adresa?.trim(), c.localitate?.trim(), county ? `jud. ${county}` : null];
  return parts.filter((p): p is string => Boolean(p)).join(', ') || null;
}

/** The customer as an invoice's buyer (a Romanian address; a person's CNP when they gave it). */
export function clientParty(c: ClientDetails): Party {
  const pj = c.tip === 'pj';
  return {
    tip: pj ? 'pj' : 'pf',
    nume: c.nume.trim(),
    codFiscal: c.cod_fiscal?.trim() || null,
    cnp: pj ? null : c.cnp?.trim() || null,
    regCom: pj ? c.reg_com?.trim() || null : null,
    adresa: c.adresa?.trim() ?? '',
    localitate: locality(c),
    judet: c.judet ?? '',
    codPostal: null,
    tara: 'RO',
    iban: null,
    banca: null,
    telefon: c.telefon,
    email: c.email,
    capitalSocial: null,
    platitorTva: pj && c.platitor_tva === 1,
  };
}
