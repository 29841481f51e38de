import { compactTaxId } from '../../core/countries';
import { bucharestSector } from '../../core/counties';
import type { Party } from '../../core/party';
import type { InvoiceDocument, PaymentMethod, VatCategory } from '../document';

/**
 * The e-Factura values (EN 16931 business terms) a document turns into. The XML writer and the rule
 * checker both read them from here, so the checker judges exactly what will be written.
 */

/** BT-24 of the Romanian CIUS. */
export const ciusRoCustomizationId = 'urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1';

/** CIUS-RO's longest texts (the BR-RO-L rules); the forms take no more than these. */
export const efacturaMaxLength = {
  itemName: 100, street: 150, city: 50, note: 300, partyName: 200, postalZone: 20, contact: 100, exemptionReason: 100, discountReason: 100,
} as const;

/** A buyer who is a private person and gave no CNP is identified by thirteen zeros (OUG 120/2021 art. 10). */
export const anonymousConsumerId = '0000000000000';

/** BT-1: series and number as one identifier, the way the invoice list searches it ("BVSA1042"). */
export function invoiceNumber(serie: string, numar: number): string {
  return `${serie.trim()}${numar}`;
}

export type PartyIds = {
  /** BT-31/BT-48, VAT identifier with its country prefix ("RO18547290"), or null. */
  vat: string | null;
  /** BT-30/BT-47, legal registration identifier: the CUI without prefix, a CNP, thirteen zeros or a foreign id. */
  legal: string | null;
};

/**
 * The seller's identifiers. A VAT payer shows its VAT code (RO + CUI); every seller shows its CUI as
 * the legal registration identifier. An invoice not subject to VAT (category O) carries no VAT
 * identifier at all (BR-O-02), even from a VAT payer.
 */
export function sellerIds(p: Party, notSubjectToVat: boolean): PartyIds {
  const raw = p.codFiscal ? compactTaxId(p.codFiscal) : p.cnp ? compactTaxId(p.cnp) : '';
  if (!raw) return { vat: null, legal: null };
  const cui = raw.startsWith('RO') ? raw.slice(2) : raw;
  return { vat: p.platitorTva && !notSubjectToVat ? `RO${cui}` : null, legal: cui };
}

/**
 * A Swiss company's UID ("CHE-123.456.789", with or without its " MWST"/" TVA"/" IVA" suffix) in its
 * official form, or null for anything else. It is a Swiss registration number, not an EU VAT number.
 */
export function swissUid(id: string): string | null {
  const m = /^CHE(\d{3})(\d{3})(\d{3})(?:MWST|TVA|IVA)?$/.exec(compactTaxId(id));
  return m ? `CHE-${m[1] ?? ''}.${m[2] ?? ''}.${m[3] ?? ''}` : null;
}

/**
 * The buyer's identifiers. A company: its VAT code when it has a country prefix (registered for VAT),
 * and its CUI as legal identifier; a Swiss UID only as the legal identifier (BT-47), since the VAT
 * identifier (BT-48, PartyTaxScheme with scheme VAT) is for EU VAT numbers. A person in Romania: the
 * CNP, or thirteen zeros when they gave none. A person abroad has no CNP: the identification number
 * they gave (ID document or foreign tax number), and none at all outside VAT. Only a taxed invoice to a
 * person abroad who gave no number keeps the thirteen zeros, because CIUS-RO wants some buyer
 * identifier there (BR-RO-120) and an invoice to a tourist must still be possible.
 */
export function buyerIds(p: Party, notSubjectToVat: boolean): PartyIds {
  if (p.tip === 'pf') {
    if (!isRomanian(p)) {
      const own = compactTaxId(p.cnp ?? '') || compactTaxId(p.codFiscal ?? '');
      return { vat: null, legal: own || (notSubjectToVat ? null : anonymousConsumerId) };
    }
    return { vat: null, legal: (p.cnp ? compactTaxId(p.cnp) : '') || anonymousConsumerId };
  }
  const raw = p.codFiscal ? compactTaxId(p.codFiscal) : '';
  if (!raw) return { vat: null, legal: null };
  const uid = swissUid(raw);
  if (uid) return { vat: null, legal: uid };
  if (!/^[A-Z]{2}/.test(raw)) return { vat: null, legal: raw };
  return { vat: notSubjectToVat ? null : raw, legal: raw.startsWith('RO') ? raw.slice(2) : raw };
}

export type PostalAddress = {
  street: string;
  city: string;
  postalZone: string | null;
  /** BT-39/BT-54: "RO-CJ" for a Romanian county, the region as written elsewhere. */
  subentity: string | null;
  country: string;
};

/** True when the party is in Romania (the county and sector rules apply only there). */
export function isRomanian(p: Party): boolean {
  return p.tara.trim().toUpperCase() === 'RO';
}

/** The address as e-Factura wants it: county as ISO 3166-2:RO, Bucharest's sector as the city. */
export function postalAddress(p: Party): PostalAddress {
  const country = p.tara.trim().toUpperCase();
  if (country !== 'RO') {
    return { street: p.adresa.trim(), city: p.localitate.trim(), postalZone: p.codPostal?.trim() || null, subentity: p.judet.trim() || null, country };
  }
  const judet = p.judet.trim().toUpperCase().replace(/^RO-/, '');
  const city = p.localitate.trim();
  return {
    street: p.adresa.trim(),
    city: judet === 'B' ? (bucharestSector(city) ?? city) : city,
    postalZone: p.codPostal?.trim() || null,
    subentity: judet ? `RO-${judet}` : null,
    country,
  };
}

/** BT-33: trade-register number and share capital, the legal mentions of art. 319(20) lit. e). */
export function sellerLegalInfo(p: Party): string | null {
  const parts: string[] = [];
  if (p.regCom?.trim()) parts.push(`Reg. Com.: ${p.regCom.trim()}`);
  const capital = p.capitalSocial?.trim();
  if (capital) parts.push(`Capital social: ${/^\d+(\.\d+)?$/.test(capital) ? `${capital} lei` : capital}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * BT-81, UNTDID 4461: cash 10, bank card 48, payment to bank account 42, and "instrument not
 * defined" 1 for anything else (97, clearing between partners, would claim a set-off we don't know of).
 */
export const paymentMeansCodes: Readonly<Record<PaymentMethod, string>> = { numerar: '10', card: '48', ordin_plata: '42', altele: '1' };

/**
 * BT-130, UN/ECE Recommendation 20: the units a shop writes. Anything else is a piece (H87), which
 * is what "buc" means and what the ANAF samples use for counted items.
 */
const unitCodes: Readonly<Record<string, string>> = {
  buc: 'H87', bucata: 'H87', bucati: 'H87', pcs: 'H87',
  ore: 'HUR', ora: 'HUR', h: 'HUR',
  min: 'MIN',
  l: 'LTR', litri: 'LTR', litru: 'LTR',
  kg: 'KGM', g: 'GRM', t: 'TNE',
  m: 'MTR', cm: 'CMT', mm: 'MMT', mp: 'MTK', m2: 'MTK', mc: 'MTQ', m3: 'MTQ',
  km: 'KMT',
  set: 'SET', seturi: 'SET',
  per: 'PR', pereche: 'PR', perechi: 'PR',
  zi: 'DAY', zile: 'DAY',
};

const diacritics: Readonly<Record<string, string>> = { ă: 'a', â: 'a', î: 'i', ș: 's', ş: 's', ț: 't', ţ: 't' };

export function unitCode(um: string): string {
  const key = um.trim().toLowerCase().replace(/[ăâîșşțţ]/g, (c) => diacritics[c] ?? c).replace(/\.$/, '');
  return unitCodes[key] ?? 'H87';
}

/** BT-121 for the categories that need an exemption reason code. */
export const exemptionCodes: Readonly<Partial<Record<VatCategory, string>>> = { AE: 'VATEX-EU-AE', O: 'VATEX-EU-O' };

/** BT-120 when the document gives none: the wording the law asks for (art. 319(20) lit. m), o)). */
export const defaultExemptionReasons: Readonly<Partial<Record<VatCategory, string>>> = {
  AE: 'Taxare inversă',
  O: 'Operațiune neimpozabilă / în afara sferei TVA',
};

/** BT-120 of a breakdown row: written for E, AE and O; never for S and Z (BR-S-10, BR-Z-10). */
export function exemptionReason(categorie: VatCategory, motiv: string | null): string | null {
  if (categorie === 'S' || categorie === 'Z') return null;
  return motiv?.trim() || defaultExemptionReasons[categorie] || null;
}

/** True for a document all of whose lines are outside the scope of VAT (category O). */
export function isNotSubjectToVat(doc: InvoiceDocument): boolean {
  return doc.linii.length > 0 && doc.linii.every((l) => l.categorie === 'O');
}

/** BT-22, the invoice notes: the remarks, "TVA la încasare", the repair order and vehicle. */
export function invoiceNotes(doc: InvoiceDocument): string[] {
  const notes: string[] = [];
  const remarks = doc.observatii?.trim();
  if (remarks) notes.push(remarks);
  if (doc.tvaLaIncasare) notes.push('TVA la încasare');
  const order = doc.comanda;
  if (order && (order.numar != null || order.nrAuto?.trim())) {
    const parts = [order.numar != null ? `Comanda nr. ${order.numar}` : null, order.nrAuto?.trim() ? `Nr. auto ${order.nrAuto.trim()}` : null];
    notes.push(parts.filter((p) => p !== null).join(', '));
  }
  return notes;
}

/**
 * BT-8, the code of the VAT point date: 432 ("paid to date") for VAT on receipt, 35 (actual delivery
 * date) when the supply date differs from the issue date; none when both are the issue date.
 */
export function vatPointCode(doc: InvoiceDocument): string | null {
  if (doc.tvaLaIncasare) return '432';
  if (doc.dataLivrare && doc.dataLivrare !== doc.data) return '35';
  return null;
}

/** BT-72 only when it says something the issue date does not. */
export function actualDeliveryDate(doc: InvoiceDocument): string | null {
  return doc.dataLivrare && doc.dataLivrare !== doc.data ? doc.dataLivrare : null;
}

/** BT-98/BT-140, UNCL 5189: 95, "Discount", for every discount a shop gives (its words go in the reason). */
export const discountReasonCode = '95';
