import { checkPhone, counties, isCountyCode, searchKey } from '@roaauto/shared';
import { apiFetch } from '@/app/api';
import type { CustomerFormValues, Message } from './customer-form';

/** A company as the server gives it from ANAF's register (`POST /api/anaf/company`). */
export type AnafCompany = {
  cui: string; denumire: string; nrRegCom: string | null; telefon: string | null; codPostal: string | null; adresa: string | null;
  stareInregistrare: string | null; platitorTva: boolean; tvaLaIncasare: boolean; eFactura: boolean; inactiv: boolean;
  sediu: {
    strada: string | null; numar: string | null; localitate: string | null; judet: string | null; judetAuto: string | null;
    detalii: string | null; codPostal: string | null;
  };
};
export type AnafAnswer = { status: 'found'; company: AnafCompany } | { status: 'not_found'; cui: string };

/** Asks the server (which asks ANAF, or answers from its cache). A request that never left is a NetworkError. */
export function lookupCompany(cui: string, token: string): Promise<AnafAnswer> {
  return apiFetch<AnafAnswer>('/api/anaf/company', { method: 'POST', json: { cui }, token });
}

const countyByName = new Map<string, string>(counties.map(([code, name]) => [searchKey(name), code]));

/** The county's code from ANAF's office: its car-plate code (`B`, `CJ`) or its name ("JUD. CLUJ", "MUNICIPIUL BUCUREŞTI"). */
export function anafCounty(sediu: AnafCompany['sediu']): string {
  const auto = sediu.judetAuto?.trim().toUpperCase() ?? '';
  if (isCountyCode(auto)) return auto;
  const name = searchKey(sediu.judet ?? '').replace(/^(jud(etul)?\.?\s*|municipiul\s+)/, '');
  return countyByName.get(name) ?? '';
}

/** Bucharest's sector in ANAF's locality ("Sector 3 Mun. Bucureşti"), or ''. */
export function anafSector(locality: string | null): string {
  return /\bsector(?:ul)?\s*([1-6])\b/i.exec(locality ?? '')?.[1] ?? '';
}

/** A locality without the kind ANAF writes before it ("Mun. Cluj-Napoca" → "Cluj-Napoca"; "Sat X Com. Y" stays). */
export function anafLocality(locality: string | null): string {
  return (locality ?? '').trim().replace(/^(mun\.|municipiul|oraș|oraş|orașul|oraşul|com\.|comuna)\s+/i, '').trim();
}

/** The street line: street, number and what else ANAF has on the office ("Str. Fabricii, nr. 1, bl. A"). */
export function anafStreet(sediu: AnafCompany['sediu']): string {
  const parts = [sediu.strada?.trim(), sediu.numar?.trim() ? `nr. ${sediu.numar.trim()}` : null, sediu.detalii?.trim()];
  return parts.filter((p): p is string => Boolean(p)).join(', ');
}

/**
 * What ANAF's answer fills: the name, the CUI (with RO for a VAT payer), the trade-register number, VAT
 * status and the registered office split into county, locality (Bucharest with its sector) and street. A
 * phone (in its standard form) only when the form has none. The form stays editable after.
 */
export function anafFormPatch(form: CustomerFormValues, c: AnafCompany): Partial<CustomerFormValues> {
  const judet = anafCounty(c.sediu);
  const patch: Partial<CustomerFormValues> = {
    tip: 'pj',
    nume: c.denumire,
    cod_fiscal: `${c.platitorTva ? 'RO' : ''}${c.cui}`,
    reg_com: c.nrRegCom ?? '',
    platitor_tva: c.platitorTva ? '1' : '0',
    judet,
    localitate: judet === 'B' ? 'București' : anafLocality(c.sediu.localitate),
    sector: judet === 'B' ? anafSector(c.sediu.localitate) : '',
    adresa: anafStreet(c.sediu) || (c.adresa ?? ''),
  };
  if (!form.telefon.trim() && c.telefon) patch.telefon = checkPhone(c.telefon).valid ? checkPhone(c.telefon).normalized : c.telefon;
  return patch;
}

/** What the form says about the company ANAF found: it uses e-Factura, it is inactive, it is not a VAT payer. */
export function anafNotes(c: AnafCompany): { warnings: Message[]; info: Message[] } {
  const warnings: Message[] = [];
  const info: Message[] = [];
  if (c.inactiv) warnings.push({ key: 'core.customers.anaf.inactive' });
  if (c.eFactura) info.push({ key: 'core.customers.anaf.eFactura' });
  info.push({ key: c.platitorTva ? 'core.customers.anaf.vatPayer' : 'core.customers.anaf.notVatPayer' });
  if (c.tvaLaIncasare) info.push({ key: 'core.customers.anaf.vatOnReceipt' });
  return { warnings, info };
}
