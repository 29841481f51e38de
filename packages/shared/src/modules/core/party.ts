import { countryName, isEuVatNumber } from './countries';
import { bucharestSector, countyName } from './counties';

/** A seller or buyer. Money-free; identifiers as people write them ("RO18547290", "1850101…"). */
export type Party = {
  /** 'pj': a company or sole trader (has a CUI); 'pf': a private person. */
  tip: 'pj' | 'pf';
  nume: string;
  /** CUI/CIF, with the RO prefix when the party is registered for VAT. Null for a person. */
  codFiscal: string | null;
  /** A person's CNP when they gave it. */
  cnp: string | null;
  /** Trade-register number ("J12/1234/2015"). */
  regCom: string | null;
  adresa: string;
  localitate: string;
  /** County code (counties.ts): "CJ", "B"; for Bucharest `localitate` names the sector. */
  judet: string;
  codPostal: string | null;
  /** ISO 3166-1 alpha-2. */
  tara: string;
  iban: string | null;
  banca: string | null;
  telefon: string | null;
  email: string | null;
  capitalSocial: string | null;
  platitorTva: boolean;
};

// How a party is written on documents and pages: its address and its tax identifier.

/** Street, city, county (Bucharest by its sector), postal code; the country when not Romania. */
export function partyAddress(p: Pick<Party, 'adresa' | 'localitate' | 'judet' | 'codPostal' | 'tara'>): string {
  const parts = [p.adresa.trim()];
  const romania = !p.tara || p.tara.toUpperCase() === 'RO';
  if (romania && p.judet === 'B') {
    const sector = bucharestSector(p.localitate);
    parts.push(sector ? `Sector ${sector.slice(-1)}` : p.localitate.trim());
    if (!/bucure[sș]ti/i.test(p.localitate)) parts.push('București');
  } else {
    parts.push(p.localitate.trim());
    const county = romania ? countyName(p.judet) : null;
    if (county) parts.push(`jud. ${county}`);
    else if (p.judet.trim()) parts.push(p.judet.trim());
  }
  if (p.codPostal?.trim()) parts.push(p.codPostal.trim());
  if (!romania) parts.push(countryName(p.tara.toUpperCase()));
  return parts.filter((s) => s !== '').join(', ');
}

/**
 * "CUI: 18547290" in Romania; abroad "Cod TVA: HU12892312" or "Cod fiscal: …"; "CNP: …" for a person;
 * a person abroad, "Nr. identificare: …" (the passport, ID card or tax number they gave).
 */
export function partyTaxId(p: Pick<Party, 'codFiscal' | 'cnp' | 'tara'> & { tip?: Party['tip'] }): string | null {
  if (p.codFiscal && p.tip === 'pf' && p.tara !== 'RO') return `Nr. identificare: ${p.codFiscal}`;
  if (p.codFiscal) {
    const label = p.tara === 'RO' ? 'CUI' : isEuVatNumber(p.tara, p.codFiscal) ? 'Cod TVA' : 'Cod fiscal';
    return `${label}: ${p.codFiscal}`;
  }
  return p.cnp ? `CNP: ${p.cnp}` : null;
}
