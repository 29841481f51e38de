import { fixDiacriticsDeep } from '../../../pdf/format';
import { isCountryCode } from '../../core/countries';
import { bucharestSectors, isCountyCode } from '../../core/counties';
import type { Party } from '../../core/party';
import { isUnitPriceBani } from '../../../money/decimal';
import { documentSums, vatCategories, type DocumentDiscount, type InvoiceDocument, type VatCategory } from '../document';
import {
  actualDeliveryDate,
  buyerIds,
  efacturaMaxLength,
  exemptionReason,
  invoiceNotes,
  invoiceNumber,
  isNotSubjectToVat,
  isRomanian,
  postalAddress,
  sellerIds,
  sellerLegalInfo,
} from './fields';

/**
 * The EN 16931 and CIUS-RO (schematron 1.0.9) rules that can fail for what `efacturaXml` writes,
 * checked on the document before it is written, each under its official id, so a document that would
 * be refused by ANAF's validation is caught while it can still be corrected. Rules that our writer
 * satisfies by construction (element order, code lists, decimals of formatted amounts, the
 * specification identifier) are not repeated here.
 */

export type EfacturaProblem = { rule: string; message: string };

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const decimalPattern = /^[+-]?\d+(\.\d+)?$/;

function isIsoDate(text: string | null | undefined): boolean {
  if (!text || !datePattern.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The rate as a number, or null when the text is not a decimal. */
function rateOf(cota: string): number | null {
  const t = cota.trim();
  return decimalPattern.test(t) ? Number(t) : null;
}

/** VAT of a base at a rate, rounded half away from zero to bani, as the schematron rounds it. */
function vatOf(baseBani: number, rate: number): number {
  const exact = (Math.abs(baseBani) * rate) / 100;
  return Math.sign(baseBani) * Math.round(exact + 1e-9);
}

const isBani = (n: number) => Number.isSafeInteger(n);

export function efacturaProblems(typed: InvoiceDocument): EfacturaProblem[] {
  // The texts as the XML writes them (comma-below letters, composed), so lengths are counted alike.
  const doc = fixDiacriticsDeep(typed);
  const problems: EfacturaProblem[] = [];
  const report = (rule: string, message: string) => problems.push({ rule, message });
  const tooLong = (rule: string, value: string | null | undefined, max: number, what: string) => {
    const length = value?.trim().replace(/\s+/g, ' ').length ?? 0;
    if (length > max) report(rule, `${what} has ${length} characters; e-Factura allows at most ${max}`);
  };

  // The document (BG-0).
  const id = invoiceNumber(doc.serie, doc.numar);
  if (!doc.serie.trim() || !Number.isSafeInteger(doc.numar) || doc.numar < 1) report('BR-02', 'The invoice needs a series and a whole number');
  if (!/\d/.test(id)) report('BR-RO-010', 'The invoice number must contain at least one digit');
  tooLong('BR-RO-L155', id, 200, 'The invoice number');
  if (!isIsoDate(doc.data)) report('BR-RO-DT001', `The issue date "${doc.data}" is not a date written YYYY-MM-DD`);
  if (doc.dataScadenta !== null && !isIsoDate(doc.dataScadenta)) report('BR-RO-DT003', `The due date "${doc.dataScadenta}" is not a date written YYYY-MM-DD`);
  const delivered = actualDeliveryDate(doc);
  if (delivered !== null && !isIsoDate(delivered)) report('BR-RO-DT004', `The supply date "${delivered}" is not a date written YYYY-MM-DD`);
  if (doc.stornoDe) {
    tooLong('BR-RO-L156', invoiceNumber(doc.stornoDe.serie, doc.stornoDe.numar), 200, 'The reversed invoice number');
    if (!isIsoDate(doc.stornoDe.data)) report('BR-RO-DT001', `The reversed invoice's date "${doc.stornoDe.data}" is not a date written YYYY-MM-DD`);
  }
  const notes = invoiceNotes(doc);
  if (notes.length > 20) report('BR-RO-A020', 'An invoice may carry at most 20 notes');
  for (const note of notes) {
    tooLong('BR-RO-L302', note, efacturaMaxLength.note, 'A note (the remarks or the order reference)');
    // A note whose first "#…#" holds three characters is read as a UNCL 4451 subject code.
    const subject = /^[^#]*#([^#]*)#/.exec(note)?.[1];
    if (subject?.length === 3) report('BR-CL-08', `The remarks contain "#${subject}#", which e-Factura reads as a note subject code; write them without the # signs`);
  }

  // Seller (BG-4) and buyer (BG-7).
  const outsideVat = isNotSubjectToVat(doc);
  const seller = sellerIds(doc.furnizor, outsideVat);
  const buyer = buyerIds(doc.cumparator, outsideVat);
  checkParty(doc.furnizor, 'seller', report, tooLong);
  checkParty(doc.cumparator, 'buyer', report, tooLong);
  if (seller.vat === null && seller.legal === null) report('BR-CO-26', 'The seller needs a fiscal code (CUI)');
  tooLong('BR-RO-L1000', sellerLegalInfo(doc.furnizor), 1000, "The seller's trade-register and capital mention");

  // Lines (BG-25).
  if (doc.linii.length === 0) report('BR-16', 'An invoice needs at least one line');
  const used = new Set<VatCategory>();
  doc.linii.forEach((l, i) => {
    const n = `Line ${i + 1}`;
    if (!l.descriere.trim()) report('BR-25', `${n} has no description`);
    tooLong('BR-RO-L1024', l.descriere, efacturaMaxLength.itemName, `${n}'s description`);
    if (!decimalPattern.test(l.cantitate.trim())) report('BR-22', `${n}'s quantity "${l.cantitate}" is not a number`);
    if (!l.um.trim()) report('BR-23', `${n} has no unit of measure`);
    if (!isBani(l.valoare)) report('BR-DEC-23', `${n}'s net amount is not a whole number of bani`);
    // Not an official rule: prices are written with up to four decimals of a leu (BT-146).
    if (!isUnitPriceBani(l.pretUnitar)) report('BT-146', `${n}'s unit price has more than four decimals of a leu`);
    const d = l.reducere;
    if (d) {
      if (!isBani(d.suma)) report('BR-DEC-24', `${n}'s discount is not a whole number of bani`);
      if (!d.motiv.trim()) report('BR-42', `${n}'s discount needs a reason`);
      tooLong('BR-RO-L100', d.motiv, efacturaMaxLength.discountReason, `${n}'s discount reason`);
    }
    if (!(vatCategories as readonly string[]).includes(l.categorie)) {
      report('BR-CO-04', `${n} has no valid VAT category`);
      return;
    }
    used.add(l.categorie);
    const rate = rateOf(l.cota);
    if (l.categorie === 'S' && !(rate !== null && rate > 0)) report('BR-S-05', `${n} is standard rated and needs a VAT rate above zero`);
    if ((l.categorie === 'Z' || l.categorie === 'E' || l.categorie === 'AE') && rate !== 0) {
      report(`BR-${l.categorie}-05`, `${n} is in category ${l.categorie}, whose VAT rate must be 0`);
    }
  });

  // Who must be identified for the categories used.
  const sellerVatId = seller.vat !== null;
  const buyerId = buyer.vat !== null || buyer.legal !== null;
  if (used.has('S') && !sellerVatId) report('BR-S-02', 'Standard-rated lines need the seller to be registered for VAT (VAT code RO…)');
  if (used.has('Z') && !sellerVatId) report('BR-Z-02', 'Zero-rated lines need the seller to be registered for VAT');
  if (used.has('E') && !sellerVatId) report('BR-E-02', 'VAT-exempt lines need the seller to be registered for VAT');
  if (used.has('AE') && !(sellerVatId && buyerId)) report('BR-AE-02', 'Reverse charge needs the seller registered for VAT and the buyer identified by CUI');
  const taxed = ['S', 'Z', 'E', 'AE'].some((c) => used.has(c as VatCategory));
  if (taxed && !sellerVatId) report('BR-RO-065', "The seller's VAT identifier must be present for taxable supplies");
  if (taxed && !buyerId) report('BR-RO-120', 'The buyer needs a CUI (or, for a person, a CNP or 0000000000000)');
  if (used.has('O') && (seller.vat !== null || buyer.vat !== null)) {
    report('BR-O-02', 'Lines not subject to VAT cannot be on an invoice that shows VAT identifiers');
  }

  // Document discounts (BG-20).
  (doc.reduceri ?? []).forEach((d, i) => {
    const n = `Document discount ${i + 1}`;
    if (!isBani(d.suma) || !isBani(d.baza)) report('BR-DEC-01', `${n} is not a whole number of bani`);
    if (!d.motiv.trim()) report('BR-33', `${n} needs a reason`);
    tooLong('BR-RO-L100', d.motiv, efacturaMaxLength.discountReason, `${n}'s reason`);
    if (!(vatCategories as readonly string[]).includes(d.categorie)) {
      report('BR-32', `${n} has no valid VAT category`);
      return;
    }
    const rate = rateOf(d.cota);
    if (!used.has(d.categorie)) report(`BR-${d.categorie}-01`, `${n} is in VAT category ${d.categorie}, which no line has`);
    if (d.categorie === 'S' && !(rate !== null && rate > 0)) report('BR-S-06', `${n} is standard rated and needs a VAT rate above zero`);
    if ((d.categorie === 'Z' || d.categorie === 'E' || d.categorie === 'AE') && rate !== 0) report(`BR-${d.categorie}-06`, `${n} is in category ${d.categorie}, whose VAT rate must be 0`);
  });

  checkBreakdown(doc, used, report, tooLong);
  checkTotals(doc, report);
  return problems;
}

type Report = (rule: string, message: string) => void;
type TooLong = (rule: string, value: string | null | undefined, max: number, what: string) => void;

/** Rule ids differ for the seller and the buyer: [seller, buyer]. */
const partyRules = {
  name: ['BR-06', 'BR-07'],
  nameLength: ['BR-RO-L201', 'BR-RO-L203'],
  street: ['BR-RO-081', 'BR-RO-082'],
  streetLength: ['BR-RO-L151', 'BR-RO-L152'],
  city: ['BR-RO-091', 'BR-RO-092'],
  cityLength: ['BR-RO-L0501', 'BR-RO-L0502'],
  postalZone: ['BR-RO-L0201', 'BR-RO-L0202'],
  country: ['BR-09', 'BR-11'],
  sector: ['BR-RO-100', 'BR-RO-101'],
  county: ['BR-RO-110', 'BR-RO-111'],
  telephone: ['BR-RO-L1005', 'BR-RO-L1010'],
  email: ['BR-RO-L1006', 'BR-RO-L1011'],
} as const;

function checkParty(p: Party, who: 'seller' | 'buyer', report: Report, tooLong: TooLong): void {
  const k = who === 'seller' ? 0 : 1;
  const Who = who === 'seller' ? 'The seller' : 'The buyer';
  const address = postalAddress(p);
  if (!p.nume.trim()) report(partyRules.name[k], `${Who} has no name`);
  tooLong(partyRules.nameLength[k], p.nume, efacturaMaxLength.partyName, `${Who}'s name`);
  if (!address.street) report(partyRules.street[k], `${Who}'s address (street) is missing`);
  tooLong(partyRules.streetLength[k], address.street, efacturaMaxLength.street, `${Who}'s address`);
  if (!address.city) report(partyRules.city[k], `${Who}'s city is missing`);
  tooLong(partyRules.cityLength[k], address.city, efacturaMaxLength.city, `${Who}'s city`);
  tooLong(partyRules.postalZone[k], address.postalZone, efacturaMaxLength.postalZone, `${Who}'s postal code`);
  if (!address.country) report(partyRules.country[k], `${Who} has no country`);
  else if (!isCountryCode(address.country)) report('BR-CL-14', `${Who}'s country "${address.country}" is not an ISO 3166-1 code`);
  tooLong(partyRules.telephone[k], p.telefon, efacturaMaxLength.contact, `${Who}'s telephone`);
  tooLong(partyRules.email[k], p.email, efacturaMaxLength.contact, `${Who}'s e-mail`);
  if (!isRomanian(p)) return;
  const judet = address.subentity?.slice(3) ?? '';
  if (!isCountyCode(judet)) {
    report(partyRules.county[k], `${Who}'s county "${p.judet}" is not a Romanian county code (RO-AB … RO-VS, RO-B)`);
  } else if (judet === 'B' && !(bucharestSectors as readonly string[]).includes(address.city)) {
    report(partyRules.sector[k], `${Who} is in Bucharest, so the locality must name the sector (SECTOR1 … SECTOR6), not "${p.localitate}"`);
  }
}

function checkBreakdown(doc: InvoiceDocument, used: ReadonlySet<VatCategory>, report: Report, tooLong: TooLong): void {
  const groups = doc.totals.grupe;
  if (groups.length === 0) report('BR-CO-18', 'The invoice needs a VAT breakdown');

  for (const c of vatCategories) {
    const count = groups.filter((g) => g.categorie === c).length;
    const lines = used.has(c);
    if (lines !== (count > 0) || (c !== 'S' && count > 1)) {
      report(`BR-${c}-01`, lines ? `Lines in category ${c} need exactly one VAT breakdown row of that category` : `The VAT breakdown has a ${c} row without ${c} lines`);
    }
  }
  if (groups.some((g) => g.categorie === 'O')) {
    if (groups.some((g) => g.categorie !== 'O')) report('BR-O-11', 'An invoice not subject to VAT cannot have other VAT breakdown rows');
    if (doc.linii.some((l) => l.categorie !== 'O')) report('BR-O-12', 'An invoice not subject to VAT cannot have lines in another VAT category');
  }

  for (const g of groups) {
    const label = g.categorie === 'S' ? `the ${g.cota}% VAT row` : `the ${g.categorie} VAT row`;
    if (!isBani(g.baza)) report('BR-DEC-19', `The base of ${label} is not a whole number of bani`);
    if (!isBani(g.tva)) report('BR-DEC-20', `The VAT of ${label} is not a whole number of bani`);
    const rate = rateOf(g.cota);
    if (g.categorie !== 'O' && rate === null) {
      report('BR-48', `${label} needs a VAT rate`);
      continue;
    }
    if (g.categorie === 'S') {
      // A rate of 0 or less is reported on its lines (BR-S-05).
      if (rate === null || rate <= 0) continue;
      const lines = doc.linii.filter((l) => l.categorie === 'S' && rateOf(l.cota) === rate);
      const sum = lines.reduce((s, l) => s + l.valoare, 0) - allowances(doc, (d) => d.categorie === 'S' && rateOf(d.cota) === rate);
      // The schematron accepts a difference below one unit of currency for the standard rate.
      if (lines.length === 0 || Math.abs(g.baza - sum) >= 100) {
        report('BR-S-08', `The base of ${label} (${g.baza} bani) is not the sum of its lines less its discounts (${sum} bani)`);
      }
      const expected = vatOf(g.baza, rate);
      if (Math.abs(g.tva - expected) >= 100) {
        report('BR-S-09', `The VAT of ${label} should be ${expected} bani, not ${g.tva}`);
        report('BR-CO-17', `The VAT of ${label} is not its base × rate, rounded`);
      }
    } else {
      const sum = doc.linii.filter((l) => l.categorie === g.categorie).reduce((s, l) => s + l.valoare, 0) - allowances(doc, (d) => d.categorie === g.categorie);
      if (g.baza !== sum) report(`BR-${g.categorie}-08`, `The base of ${label} (${g.baza} bani) is not the sum of its lines less its discounts (${sum} bani)`);
      if (g.tva !== 0) report(`BR-${g.categorie}-09`, `${label} cannot carry VAT`);
    }
    const reason = exemptionReason(g.categorie, g.motivScutire);
    if (g.categorie === 'E' && reason === null) report('BR-E-10', 'VAT-exempt lines need the legal reason for the exemption');
    // 1.0.9's schematron never reaches this rule (an earlier one takes the same node), but the
    // specification sets the limit, and a later version may check it.
    tooLong('BR-RO-L1019', reason, efacturaMaxLength.exemptionReason, `The exemption reason of ${label}`);
  }

  // Standard-rated lines whose rate has no breakdown row (a row per rate, BR-S-08).
  const sRates = new Set(groups.filter((g) => g.categorie === 'S').map((g) => rateOf(g.cota)));
  for (const rate of new Set(doc.linii.filter((l) => l.categorie === 'S').map((l) => rateOf(l.cota)))) {
    if (rate !== null && rate > 0 && !sRates.has(rate)) report('BR-S-08', `The ${rate}% lines have no VAT breakdown row`);
  }
}

/** The sum of the document discounts that `which` picks. */
function allowances(doc: InvoiceDocument, which: (d: DocumentDiscount) => boolean): number {
  return (doc.reduceri ?? []).filter(which).reduce((s, d) => s + d.suma, 0);
}

function checkTotals(doc: InvoiceDocument, report: Report): void {
  const t = doc.totals;
  if (![t.baza, t.tva, t.total].every(isBani)) {
    report('BR-DEC-12', 'The invoice totals must be whole numbers of bani');
    return;
  }
  const sums = documentSums(doc);
  if (t.baza !== sums.linii - sums.reduceri) {
    report('BR-CO-13', `The total without VAT (${t.baza} bani) is not the sum of the lines less the document discounts (${sums.linii - sums.reduceri} bani)`);
  }
  const vat = t.grupe.reduce((s, g) => s + g.tva, 0);
  if (t.tva !== vat) report('BR-CO-14', `The total VAT (${t.tva} bani) is not the sum of the VAT breakdown (${vat} bani)`);
  if (t.total !== t.baza + t.tva) report('BR-CO-15', `The total with VAT (${t.total} bani) is not the total without VAT plus VAT (${t.baza + t.tva} bani)`);
}
