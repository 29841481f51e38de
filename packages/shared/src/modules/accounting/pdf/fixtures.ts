import type { Party } from '../../core/party';
import type { DevizDocument, DevizLine } from '../../workshop/deviz';
import { amountInWordsRo } from '../amount-words';
import { invoiceTotals, lineValue, type InvoiceDocument, type InvoiceLine } from '../document';
import type { ReceiptDocument } from '../payments';

/**
 * Complete, realistic sample documents for tests, benchmarks and end-to-end runs. Deterministic: the
 * same arguments give the same document. Identifiers carry valid check digits (CUI, IBAN, VIN), so
 * they also pass the e-Factura and form validations.
 */

/** A VAT-registered repair shop in Brașov. */
export const sampleSeller: Party = {
  tip: 'pj',
  nume: 'Service Auto Ștefănescu SRL',
  codFiscal: 'RO18547290',
  cnp: null,
  regCom: 'J08/1234/2015',
  adresa: 'Str. Zizinului nr. 112',
  localitate: 'Brașov',
  judet: 'BV',
  codPostal: '500407',
  tara: 'RO',
  iban: 'RO58BTRL01301202F12345XX',
  banca: 'Banca Transilvania',
  telefon: '0745 123 456',
  email: 'contact@service-stefanescu.ro',
  capitalSocial: '200',
  platitorTva: true,
};

/** A company customer in Cluj. */
export const sampleBuyer: Party = {
  tip: 'pj',
  nume: 'Transporturi Țara Moților SRL',
  codFiscal: 'RO30548219',
  cnp: null,
  regCom: 'J12/2456/2012',
  adresa: 'Calea Mănăștur nr. 5, ap. 3',
  localitate: 'Cluj-Napoca',
  judet: 'CJ',
  codPostal: '400372',
  tara: 'RO',
  iban: 'RO41RNCB0106026612345001',
  banca: 'BCR',
  telefon: '0264 555 010',
  email: 'office@tara-motilor.ro',
  capitalSocial: null,
  platitorTva: true,
};

type LineSeed = Omit<InvoiceLine, 'valoare'>;

/** Every fifth line is a book at the reduced rate (11%), the rest labour and parts at 21%. */
const invoiceSeeds: LineSeed[] = [
  { descriere: 'Manoperă înlocuire plăcuțe frână față', um: 'ore', cantitate: '1.5', pretUnitar: 15000, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Plăcuțe frână față (set) Bosch', um: 'set', cantitate: '1', pretUnitar: 24990, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Ulei motor 5W-30 sintetic', um: 'l', cantitate: '4.5', pretUnitar: 4590, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Filtru ulei și garnitură bușon', um: 'buc', cantitate: '1', pretUnitar: 3850, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Carte tehnică — întreținere și reparații', um: 'buc', cantitate: '1', pretUnitar: 8900, categorie: 'S', cota: '11', motivScutire: null },
  { descriere: 'Echilibrare roți și schimb anvelope vară/iarnă', um: 'set', cantitate: '1', pretUnitar: 16000, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Țeavă eșapament intermediară', um: 'buc', cantitate: '1', pretUnitar: 41200, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Diagnoză computerizată și verificare sistem de frânare', um: 'ore', cantitate: '0.75', pretUnitar: 18000, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Lichid de frână DOT 4', um: 'l', cantitate: '1', pretUnitar: 3990, categorie: 'S', cota: '21', motivScutire: null },
  { descriere: 'Ghid de conducere ecologică (broșură)', um: 'buc', cantitate: '2', pretUnitar: 2500, categorie: 'S', cota: '11', motivScutire: null },
];

/** Adds each line's net value (quantity × price, rounded once). */
export function withValues(lines: readonly LineSeed[]): InvoiceLine[] {
  return lines.map((l) => ({ ...l, valoare: lineValue(l) }));
}

/** The document with these lines, their values and its totals recomputed. */
export function withLines(doc: InvoiceDocument, lines: readonly LineSeed[]): InvoiceDocument {
  const linii = withValues(lines);
  return { ...doc, linii, totals: invoiceTotals(linii) };
}

/** An invoice from sampleSeller to sampleBuyer with `lines` lines, mixed 21% and 11%. */
export function sampleInvoice(lines: number, patch: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const seeds = Array.from({ length: lines }, (_, i) => {
    const seed = invoiceSeeds[i % invoiceSeeds.length] as LineSeed;
    return i < invoiceSeeds.length ? seed : { ...seed, descriere: `${seed.descriere} (poz. ${i + 1})` };
  });
  const doc: InvoiceDocument = {
    tip: 'factura',
    serie: 'BVSA',
    numar: 1042,
    data: '2025-09-15',
    dataLivrare: '2025-09-12',
    dataScadenta: '2025-09-30',
    modalitatePlata: 'ordin_plata',
    moneda: 'RON',
    furnizor: sampleSeller,
    cumparator: sampleBuyer,
    tvaLaIncasare: false,
    linii: [],
    totals: { baza: 0, tva: 0, total: 0, grupe: [] },
    stornoDe: null,
    comanda: { numar: 318, nrAuto: 'CJ 12 TMS' },
    observatii: null,
    emitent: 'Ana Ștefănescu',
  };
  return { ...withLines(doc, seeds), ...patch };
}

/** The credit note that reverses `invoice` entirely: same lines with negated quantities. */
export function sampleCreditNote(invoice: InvoiceDocument, numar = invoice.numar + 1, data = '2025-10-01'): InvoiceDocument {
  const negated = invoice.linii.map(({ valoare: _valoare, ...l }) => ({
    ...l,
    cantitate: l.cantitate.startsWith('-') ? l.cantitate.slice(1) : `-${l.cantitate}`,
  }));
  return {
    ...withLines(invoice, negated),
    tip: 'storno',
    numar,
    data,
    dataLivrare: data,
    dataScadenta: null,
    stornoDe: { serie: invoice.serie, numar: invoice.numar, data: invoice.data },
  };
}

const devizLabour: Omit<DevizLine, 'valoare'>[] = [
  { tip: 'manopera', descriere: 'Înlocuire kit distribuție', cantitate: '3.5', um: 'ore', pretUnitar: 15000, mecanic: 'Mihai Țurcanu' },
  { tip: 'manopera', descriere: 'Înlocuire pompă apă', cantitate: '1', um: 'ore', pretUnitar: 15000, mecanic: 'Mihai Țurcanu' },
  { tip: 'manopera', descriere: 'Verificare și reglaj frână de mână', cantitate: '0.5', um: 'ore', pretUnitar: 15000, mecanic: 'Ion Dumitrașcu' },
];

const devizMaterials: Omit<DevizLine, 'valoare'>[] = [
  { tip: 'material', descriere: 'Kit distribuție cu pompă apă (INA)', cantitate: '1', um: 'set', pretUnitar: 89900, mecanic: null },
  { tip: 'material', descriere: 'Antigel concentrat G12+', cantitate: '3', um: 'l', pretUnitar: 2890, mecanic: null },
  { tip: 'material', descriere: 'Cablu frână de mână stânga', cantitate: '1', um: 'buc', pretUnitar: 12450, mecanic: null },
];

/** A deviz with `lines` lines, alternating labour and materials, VAT at 21%. */
export function sampleDeviz(lines: number, patch: Partial<DevizDocument> = {}): DevizDocument {
  const linii: DevizLine[] = Array.from({ length: lines }, (_, i) => {
    const pool = i % 2 === 0 ? devizLabour : devizMaterials;
    const seed = pool[Math.floor(i / 2) % pool.length] as Omit<DevizLine, 'valoare'>;
    return { ...seed, valoare: lineValue(seed) };
  });
  const manopera = linii.filter((l) => l.tip === 'manopera').reduce((s, l) => s + l.valoare, 0);
  const materiale = linii.filter((l) => l.tip === 'material').reduce((s, l) => s + l.valoare, 0);
  // VAT at the standard rate on the whole net amount, rounded once, as the invoice for it will have.
  const { baza, tva } = invoiceTotals(linii.map((l) => ({ ...l, categorie: 'S' as const, cota: '21', motivScutire: null })));
  return {
    numar: 318,
    data: '2025-09-10',
    status: 'VALIDAT',
    furnizor: sampleSeller,
    client: { nume: 'Andrei Mureșan', telefon: '0722 334 455', codFiscal: null, adresa: 'Str. Lungă nr. 14, Brașov' },
    vehicul: { nrAuto: 'BV 07 STF', marca: 'Volkswagen', model: 'Golf V', vin: 'WVWZZZ1K36W612345', km: 187450 },
    tipDeviz: 'Reparație mecanică',
    linii,
    totals: { manopera, materiale, baza, cotaTva: '21', tva, total: baza + tva },
    observatii: null,
    ...patch,
  };
}

/** A receipt for a cash payment of 1 200,50 lei of a sample invoice. */
export function sampleReceipt(patch: Partial<ReceiptDocument> = {}): ReceiptDocument {
  return {
    serie: 'CH', numar: 7, data: '2025-09-15', suma: 120_050, sumaInLitere: amountInWordsRo(patch.suma ?? 120_050), moneda: 'RON',
    furnizor: sampleSeller, platitor: sampleBuyer, factura: { serie: 'ROA', numar: 12, data: '2025-09-01' },
    explicatie: 'Contravaloare factura seria ROA nr. 12 din 01.09.2025', emitent: 'Ana Ștefănescu', ...patch,
  };
}
