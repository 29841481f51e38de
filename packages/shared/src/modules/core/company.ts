import type { RowOf } from '../../schema/table';
import type { companyProfileTable } from './company-profile.table';
import type { Party } from './party';

export type CompanyProfile = RowOf<typeof companyProfileTable.columns>;

/** The seller as the profile describes it today (an issued invoice keeps this copy). */
export function sellerFromProfile(p: CompanyProfile): Party {
  return {
    tip: 'pj', nume: p.nume.trim(), codFiscal: p.cui?.trim() ?? null, cnp: null, regCom: p.reg_com, adresa: p.adresa ?? '',
    localitate: p.localitate ?? '', judet: p.judet ?? '', codPostal: p.cod_postal, tara: 'RO', iban: p.iban?.replace(/\s+/g, '') ?? null,
    banca: p.banca, telefon: p.telefon, email: p.email, capitalSocial: p.capital_social, platitorTva: p.platitor_tva === 1,
  };
}

/** The seller for a document: the profile, or a blank company while the profile is not filled in (a deviz can still print). */
export function sellerOrBlank(p: CompanyProfile | null): Party {
  if (p) return sellerFromProfile(p);
  return {
    tip: 'pj', nume: '', codFiscal: null, cnp: null, regCom: null, adresa: '', localitate: '', judet: '', codPostal: null, tara: 'RO',
    iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true,
  };
}
