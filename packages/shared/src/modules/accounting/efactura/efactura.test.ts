import { cnpCheckDigit, vatRate } from '@roaauto/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Party } from '../../core/party';
import {
  invoiceTotals, lineDiscount, lineGroups, lineValue, splitDocumentDiscount, type DiscountInput, type DocumentDiscount, type InvoiceDocument, type InvoiceLine, type VatCategory,
} from '../document';
import { efacturaProblems } from './br-ro';
import { efacturaXml, formatAmount, formatPrice } from './efactura';
import { anonymousConsumerId, swissUid, unitCode } from './fields';
import { euServiceReverseChargeReason, stornoDiscounts, stornoLines } from '../issue';
import { sampleBuyer, sampleSeller } from '../pdf/fixtures';
import { artefactFiles } from './official-artefacts.js';
import { describeReport, officialReports, schemaErrorsOfEach, type Finding, type OfficialReport } from './official-validation';

// The seller (IBAN written with spaces, as people type it) and a company buyer in Cluj, from the shared samples.
const seller: Party = { ...sampleSeller, iban: 'RO58 BTRL 0130 1202 F123 45XX' };
const companyInCluj: Party = { ...sampleBuyer, iban: null, banca: null, telefon: null };

const cnp = `185010112345${cnpCheckDigit('185010112345')}`;

const person: Party = {
  ...companyInCluj,
  tip: 'pf',
  nume: 'Ion Popescu',
  codFiscal: null,
  cnp,
  regCom: null,
  adresa: 'Str. Observatorului nr. 10',
  email: null,
  platitorTva: false,
};

function line(descriere: string, cantitate: string, pretUnitar: number, cota = '21', categorie: VatCategory = 'S', um = 'buc', motivScutire: string | null = null): InvoiceLine {
  return { descriere, um, cantitate, pretUnitar, categorie, cota, motivScutire, valoare: lineValue({ cantitate, pretUnitar }) };
}

function invoice(linii: InvoiceLine[], patch: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    tip: 'factura',
    serie: 'BVSA',
    numar: 1042,
    data: '2025-09-15',
    dataLivrare: '2025-09-15',
    dataScadenta: '2025-09-30',
    modalitatePlata: 'ordin_plata',
    moneda: 'RON',
    furnizor: seller,
    cumparator: companyInCluj,
    tvaLaIncasare: false,
    linii,
    totals: invoiceTotals(linii),
    stornoDe: null,
    comanda: { numar: 318, nrAuto: 'CJ 12 TMS' },
    observatii: null,
    emitent: 'Ana Ștefănescu',
    ...patch,
  };
}

/** The credit note reversing `doc` entirely: the same lines with negated quantities. */
function storno(doc: InvoiceDocument): InvoiceDocument {
  const linii = doc.linii.map((l) => line(l.descriere, `-${l.cantitate}`, l.pretUnitar, l.cota, l.categorie, l.um, l.motivScutire));
  return {
    ...doc,
    tip: 'storno',
    numar: doc.numar + 1,
    data: '2025-10-01',
    dataLivrare: '2025-10-01',
    dataScadenta: null,
    linii,
    totals: invoiceTotals(linii),
    stornoDe: { serie: doc.serie, numar: doc.numar, data: doc.data },
  };
}

/** A line with a discount taken off it. */
function discounted(l: InvoiceLine, input: DiscountInput, motiv?: string): InvoiceLine {
  const reducere = lineDiscount(l, input, motiv);
  return { ...l, reducere, valoare: lineValue({ ...l, reducere }) };
}

/** An invoice of `linii` with a discount on the whole document, split per VAT rate. */
function withDocumentDiscount(linii: InvoiceLine[], input: DiscountInput, motiv: string, patch: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const reduceri: DocumentDiscount[] = splitDocumentDiscount(lineGroups(linii), input, motiv);
  return invoice(linii, { reduceri, totals: invoiceTotals(linii, reduceri), ...patch });
}

/** The credit note reversing `quantities` of `doc` the way the app issues it, discounts reversed. */
function stornoOf(doc: InvoiceDocument, quantities: [number, string][]): InvoiceDocument {
  const linii = stornoLines(doc, new Map(quantities));
  const reduceri = stornoDiscounts(doc, linii);
  return {
    ...doc, tip: 'storno', numar: doc.numar + 1, data: '2025-10-01', dataLivrare: '2025-10-01', dataScadenta: null, linii,
    reduceri, totals: invoiceTotals(linii, reduceri), stornoDe: { serie: doc.serie, numar: doc.numar, data: doc.data },
  };
}

const discountedLines = [
  discounted(line('Plăcuțe frână față (set) Bosch', '2', 24990, '21', 'S', 'set'), { procent: '10' }, 'Discount fidelitate'),
  discounted(line('Ulei motor 5W-30 sintetic', '4.5', 4590, '21', 'S', 'l'), { suma: 1234 }),
  discounted(line('Carte tehnică', '1', 8900, '11'), { procent: '12.5' }, 'Promoție'),
  line('Manoperă', '1.5', 15000, '21', 'S', 'ore'),
];
const fourDecimalLines = [
  line('Garnitură chiulasă', '3', 1234.56, '21'),
  line('Șaibă cupru', '7', 12.5, '21'),
  discounted(line('Bolț', '1.5', 98765.43, '11'), { procent: '7.5' }),
];
const discountedInvoice = withDocumentDiscount(discountedLines, { suma: 5000 }, 'Reducere comandă');

const mixedRates = [
  line('Manoperă înlocuire plăcuțe frână față', '1.5', 15000, '21', 'S', 'ore'),
  line('Plăcuțe frână față (set) Bosch', '1', 24990, '21', 'S', 'set'),
  line('Ulei motor 5W-30 sintetic', '4.5', 4590, '21', 'S', 'l'),
  line('Carte tehnică — întreținere și reparații', '1', 8900, '11'),
  line('Ghid de conducere ecologică (broșură)', '2', 2500, '11'),
];

/** One document per situation the shop meets. */
const docs = {
  cluj: invoice(mixedRates, { dataLivrare: '2025-09-12' }),
  withCnp: invoice(mixedRates.slice(0, 2), { cumparator: person, modalitatePlata: 'numerar', dataScadenta: null }),
  anonymous: invoice(mixedRates.slice(0, 2), { cumparator: { ...person, cnp: null }, modalitatePlata: 'card' }),
  bucharest: invoice(mixedRates, {
    furnizor: { ...seller, localitate: 'Sector 3', judet: 'B', codPostal: '030167' },
    cumparator: { ...companyInCluj, localitate: 'sectorul 3', judet: 'B' },
  }),
  nonPayer: invoice([line('Manoperă diagnoză', '1', 12000, '0', 'O', 'ore'), line('Bec H7', '2', 2500, '0', 'O')], {
    furnizor: { ...seller, codFiscal: '18547290', platitorTva: false },
  }),
  reverseCharge: invoice([line('Deșeuri feroase (fier vechi)', '350', 120, '0', 'AE', 'kg', 'Taxare inversă conform art. 331 alin. (2) lit. a) Cod fiscal')]),
  creditNote: storno(invoice(mixedRates)),
  euCompany: invoice(
    [line('Reparație sistem frânare camion', '3', 18000, '0', 'AE', 'ore', euServiceReverseChargeReason), line('Discuri frână', '2', 64000, '0', 'AE', 'buc', euServiceReverseChargeReason)],
    { cumparator: { ...companyInCluj, nume: 'Fuvarozó Kft.', codFiscal: 'HU12892312', regCom: null, adresa: 'Kossuth Lajos sugárút 12', localitate: 'Szeged', judet: '', codPostal: '6724', tara: 'HU' } },
  ),
  july: invoice([line('Manoperă revizie (31.07.2025)', '2', 15000, String(vatRate('RO', '2025-07-31')))], { data: '2025-08-05', dataLivrare: '2025-07-31' }),
  august: invoice([line('Manoperă revizie', '2', 15000, String(vatRate('RO', '2025-08-01')))], { data: '2025-08-01', dataLivrare: '2025-08-01' }),
  onReceipt: invoice(
    [
      line('Anvelope iarnă', '4', 45000),
      line('Discount fidelitate', '1', -5000),
      line('Curs de conducere defensivă', '1', 30000, '0', 'E', 'ore', 'Scutit conform art. 292 alin. (1) lit. a) Cod fiscal'),
    ],
    { tvaLaIncasare: true, modalitatePlata: 'altele', observatii: 'Garanție 24 luni pentru anvelope.' },
  ),
  reverseChargeNoReason: invoice([line('Fier vechi', '100', 100, '0', 'AE', 'kg')]),
  escaped: invoice([line(`Șurub M8 <inox> & "șaibă" 'grower'`, '10', 150)], {
    cumparator: { ...companyInCluj, nume: `Fier & Oțel <Trading> "SRL" 'Nord'` },
    observatii: 'a < b && c > d',
  }),
  controlCharacter: invoice(mixedRates, { cumparator: { ...companyInCluj, nume: 'Ana\u0007 SRL' } }),
  // Typed with the old cedilla letters (ş ţ Ş Ţ) everywhere a text reaches the XML.
  cedillas: invoice([line('Bujie şi furtun ţeavă', '1', 5000), line('ŞURUB ŢEAVĂ', '2', 300, '21', 'S', 'buc')], {
    furnizor: { ...seller, nume: 'Service Ştefan SRL', adresa: 'Str. Ţebei nr. 3' },
    cumparator: { ...companyInCluj, nume: 'Transport Ţurcanu SRL', adresa: 'Str. Şoimului nr. 5', localitate: 'Floreşti' },
    observatii: 'Garanţie şase luni',
  }),
  swiss: invoice(mixedRates.slice(0, 2), {
    cumparator: { ...companyInCluj, nume: 'Garage Müller AG', codFiscal: 'CHE-123.456.789 MWST', regCom: null, adresa: 'Bahnhofstrasse 1', localitate: 'Zürich', judet: '', codPostal: '8001', tara: 'CH' },
  }),
  foreignPerson: invoice(mixedRates.slice(0, 2), {
    cumparator: { ...person, nume: 'Hans Becker', cnp: 'C01X00T47', adresa: 'Hauptstraße 5', localitate: 'München', judet: '', codPostal: '80331', tara: 'DE' },
    modalitatePlata: 'card',
  }),
  foreignPersonNoId: invoice(mixedRates.slice(0, 2), {
    cumparator: { ...person, nume: 'Hans Becker', cnp: null, adresa: 'Hauptstraße 5', localitate: 'München', judet: '', codPostal: '80331', tara: 'DE' },
  }),
  foreignPersonOutsideVat: invoice([line('Manoperă diagnoză', '1', 12000, '0', 'O', 'ore')], {
    furnizor: { ...seller, codFiscal: '18547290', platitorTva: false },
    cumparator: { ...person, nume: 'Hans Becker', cnp: null, adresa: 'Hauptstraße 5', localitate: 'München', judet: '', codPostal: '80331', tara: 'DE' },
  }),
  lineDiscounts: invoice(discountedLines),
  documentPercent: withDocumentDiscount(mixedRates, { procent: '5' }, 'Reducere 5% flotă'),
  documentAmount: discountedInvoice,
  fourDecimals: invoice(fourDecimalLines),
  withReturn: invoice([
    line('Anvelopă 205/55 R16', '4', 35000),
    line('Anvelopă 205/55 R16 (retur)', '-1', 35000),
    discounted(line('Bec H7 (retur)', '-2', 2500.25, '21'), { procent: '10' }),
  ]),
  discountedCreditNote: stornoOf(discountedInvoice, [[0, '2'], [1, '4.5'], [2, '1'], [3, '1.5']]),
  discountedPartialCreditNote: stornoOf(discountedInvoice, [[0, '1'], [1, '1'], [2, '1']]),
  fortyLines: invoice(Array.from({ length: 40 }, (_, i) => mixedRates[i % mixedRates.length] as InvoiceLine)),
} satisfies Record<string, InvoiceDocument>;

const ids = (findings: readonly Finding[]) => findings.map((f) => f.id).sort();

describe('e-Factura XML', () => {
  // Every document above goes through ANAF's own checks once, all together: the schemas are compiled
  // once per root element instead of once per document.
  const reports = new Map<string, OfficialReport>();
  beforeAll(async () => {
    const names = Object.keys(docs) as (keyof typeof docs)[];
    const found = await officialReports(names.map((name) => efacturaXml(docs[name])));
    names.forEach((name, i) => { if (found[i]) reports.set(name, found[i]); });
  }, 120_000);

  it.each(Object.entries(docs))("%s: passes our rules, the UBL 2.1 schema and ANAF's CIUS-RO validation", (name, doc) => {
    expect(efacturaProblems(doc)).toEqual([]);
    expect(efacturaXml(doc)).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1</cbc:CustomizationID>');
    const report = reports.get(name);
    expect(report).toBeDefined();
    if (report) expect({ schema: report.schema, fatal: report.fatal }, describeReport(report)).toEqual({ schema: [], fatal: [] });
  });

  it('writes a company buyer in Cluj with the seller as VAT payer and one row per rate', () => {
    const xml = efacturaXml(docs.cluj);
    expect(xml).toContain('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>');
    expect(xml).toContain('<cbc:ID>BVSA1042</cbc:ID>');
    expect(xml).toContain('<cbc:CountrySubentity>RO-CJ</cbc:CountrySubentity>');
    expect(xml).toContain('<cbc:CountrySubentity>RO-BV</cbc:CountrySubentity>');
    expect(xml).toContain('<cbc:CompanyID>RO18547290</cbc:CompanyID>');
    expect(xml).toContain('<cbc:CompanyID>18547290</cbc:CompanyID>');
    expect(xml).toContain('<cbc:CompanyID>RO30548219</cbc:CompanyID>');
    expect(xml).toContain('<cbc:CompanyID>30548219</cbc:CompanyID>');
    expect(xml).toContain('<cbc:CompanyLegalForm>Reg. Com.: J08/1234/2015, Capital social: 200 lei</cbc:CompanyLegalForm>');
    // Supply before issue: the supply date, and VAT due at the delivery date (code 35).
    expect(xml).toContain('<cbc:ActualDeliveryDate>2025-09-12</cbc:ActualDeliveryDate>');
    expect(xml).toContain('<cbc:DescriptionCode>35</cbc:DescriptionCode>');
    expect(xml).toContain('<cbc:DueDate>2025-09-30</cbc:DueDate>');
    expect(xml).toContain('<cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>');
    expect(xml).toMatch(/<cac:PayeeFinancialAccount>\s*<cbc:ID>RO58BTRL01301202F12345XX<\/cbc:ID>/);
    expect(xml).toContain('<cbc:Note>Comanda nr. 318, Nr. auto CJ 12 TMS</cbc:Note>');
    // 1.5 h × 150.00 + 249.90 + 4.5 l × 45.90 = 681.45 at 21%; 89.00 + 2 × 25.00 = 139.00 at 11%.
    expect(xml).toMatch(/<cbc:TaxableAmount currencyID="RON">681.45<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="RON">143.10<\/cbc:TaxAmount>/);
    expect(xml).toMatch(/<cbc:TaxableAmount currencyID="RON">139.00<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="RON">15.29<\/cbc:TaxAmount>/);
    expect(xml).toContain('<cbc:PayableAmount currencyID="RON">978.84</cbc:PayableAmount>');
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="HUR">1.5</cbc:InvoicedQuantity>');
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="LTR">4.5</cbc:InvoicedQuantity>');
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="SET">1</cbc:InvoicedQuantity>');
    expect(xml).not.toContain('TaxExemptionReason');
  });

  it('identifies a person by CNP, or by thirteen zeros, and never as a VAT payer', () => {
    const withCnp = efacturaXml(docs.withCnp);
    expect(withCnp).toContain(`<cbc:CompanyID>${cnp}</cbc:CompanyID>`);
    expect(withCnp).toContain('<cbc:PaymentMeansCode>10</cbc:PaymentMeansCode>');
    // No due date given: the invoice is due when issued (BR-CO-25).
    expect(withCnp).toContain('<cbc:DueDate>2025-09-15</cbc:DueDate>');
    const anonymous = efacturaXml(docs.anonymous);
    expect(anonymous).toContain('<cbc:CompanyID>0000000000000</cbc:CompanyID>');
    expect(anonymous).toContain('<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>');
    expect(anonymous).not.toContain('PayeeFinancialAccount');
    expect(anonymous.match(/<cac:PartyTaxScheme>/g)).toHaveLength(1);
  });

  it('writes the comma-below letters ș ț Ș Ț where the old cedilla letters were typed, as the PDF does', () => {
    const xml = efacturaXml(docs.cedillas);
    expect(xml).not.toMatch(/[şţŞŢ]/);
    expect(xml).toContain('<cbc:Name>Bujie și furtun țeavă</cbc:Name>');
    expect(xml).toContain('<cbc:Name>ȘURUB ȚEAVĂ</cbc:Name>');
    expect(xml).toContain('<cbc:RegistrationName>Service Ștefan SRL</cbc:RegistrationName>');
    expect(xml).toContain('<cbc:StreetName>Str. Țebei nr. 3</cbc:StreetName>');
    expect(xml).toContain('<cbc:RegistrationName>Transport Țurcanu SRL</cbc:RegistrationName>');
    expect(xml).toContain('<cbc:StreetName>Str. Șoimului nr. 5</cbc:StreetName>');
    expect(xml).toContain('<cbc:CityName>Florești</cbc:CityName>');
    expect(xml).toContain('<cbc:Note>Garanție șase luni</cbc:Note>');
    // The document itself is left as it was.
    expect(docs.cedillas.cumparator.nume).toBe('Transport Ţurcanu SRL');
  });

  it('writes a Swiss UID as the legal registration identifier, never as an EU VAT number', () => {
    const xml = efacturaXml(docs.swiss);
    const buyer = /<cac:AccountingCustomerParty>[\s\S]*<\/cac:AccountingCustomerParty>/.exec(xml)?.[0] ?? '';
    expect(buyer).toContain('<cbc:IdentificationCode>CH</cbc:IdentificationCode>');
    expect(buyer).not.toContain('PartyTaxScheme');
    expect(buyer).toMatch(/<cac:PartyLegalEntity>\s*<cbc:RegistrationName>Garage Müller AG<\/cbc:RegistrationName>\s*<cbc:CompanyID>CHE-123.456.789<\/cbc:CompanyID>/);
    expect(xml.match(/CHE/g)).toHaveLength(1);
  });

  it('identifies a person from abroad by the number they gave, not by the Romanian "no CNP" code', () => {
    const xml = efacturaXml(docs.foreignPerson);
    const buyer = /<cac:AccountingCustomerParty>[\s\S]*<\/cac:AccountingCustomerParty>/.exec(xml)?.[0] ?? '';
    expect(buyer).toContain('<cbc:IdentificationCode>DE</cbc:IdentificationCode>');
    expect(buyer).toContain('<cbc:CompanyID>C01X00T47</cbc:CompanyID>');
    expect(buyer).not.toContain('PartyTaxScheme');
    expect(xml).not.toContain(anonymousConsumerId);
    // Outside VAT no identifier is required (BR-RO-120 is for taxed supplies): none is written.
    const outside = efacturaXml(docs.foreignPersonOutsideVat);
    expect(outside).not.toContain(anonymousConsumerId);
    expect(/<cac:AccountingCustomerParty>[\s\S]*<\/cac:AccountingCustomerParty>/.exec(outside)?.[0]).not.toContain('CompanyID');
    // A taxed invoice needs some buyer identifier (BR-RO-120): with no number given, the thirteen zeros remain.
    expect(efacturaXml(docs.foreignPersonNoId)).toContain(`<cbc:CompanyID>${anonymousConsumerId}</cbc:CompanyID>`);
  });

  it('writes Bucharest as RO-B with the sector as the city', () => {
    const xml = efacturaXml(docs.bucharest);
    expect(xml.match(/<cbc:CityName>SECTOR3<\/cbc:CityName>/g)).toHaveLength(2);
    expect(xml.match(/<cbc:CountrySubentity>RO-B<\/cbc:CountrySubentity>/g)).toHaveLength(2);
  });

  it('writes a seller outside VAT as category O, with no rate and no VAT identifier', () => {
    const xml = efacturaXml(docs.nonPayer);
    expect(xml).not.toContain('PartyTaxScheme');
    expect(xml).not.toContain('<cbc:Percent>');
    expect(xml).toMatch(/<cbc:ID>O<\/cbc:ID>\s*<cbc:TaxExemptionReasonCode>VATEX-EU-O<\/cbc:TaxExemptionReasonCode>\s*<cbc:TaxExemptionReason>/);
    expect(xml).toContain('<cbc:TaxAmount currencyID="RON">0.00</cbc:TaxAmount>');
    expect(xml).toContain('<cbc:CompanyID>18547290</cbc:CompanyID>');
  });

  it('writes reverse charge with its code and reason', () => {
    const xml = efacturaXml(docs.reverseCharge);
    expect(xml).toMatch(
      /<cbc:ID>AE<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>\s*<cbc:TaxExemptionReasonCode>VATEX-EU-AE<\/cbc:TaxExemptionReasonCode>\s*<cbc:TaxExemptionReason>Taxare inversă conform art. 331/,
    );
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="KGM">350</cbc:InvoicedQuantity>');
    expect(efacturaXml(docs.reverseChargeNoReason)).toContain('<cbc:TaxExemptionReason>Taxare inversă</cbc:TaxExemptionReason>');
  });

  it('writes a company in another EU state with its VAT number and country, services reverse-charged', () => {
    const xml = efacturaXml(docs.euCompany);
    expect(xml).toMatch(/<cac:AccountingCustomerParty>[\s\S]*<cbc:CityName>Szeged<\/cbc:CityName>[\s\S]*<cbc:IdentificationCode>HU<\/cbc:IdentificationCode>/);
    expect(xml).not.toMatch(/<cac:AccountingCustomerParty>[\s\S]*CountrySubentity/);
    expect(xml).toMatch(/<cac:PartyTaxScheme>\s*<cbc:CompanyID>HU12892312<\/cbc:CompanyID>/);
    expect(xml).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>');
    expect(xml).toContain(`<cbc:TaxExemptionReason>${euServiceReverseChargeReason}</cbc:TaxExemptionReason>`);
  });

  it('writes a storno as a CreditNote 381 with positive figures that names the reversed invoice', () => {
    const xml = efacturaXml(docs.creditNote);
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(xml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(xml).toMatch(/<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>BVSA1042<\/cbc:ID>\s*<cbc:IssueDate>2025-09-15<\/cbc:IssueDate>/);
    expect(xml).toContain('<cbc:CreditedQuantity unitCode="HUR">1.5</cbc:CreditedQuantity>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="RON">978.84</cbc:PayableAmount>');
    expect(xml).not.toMatch(/>-\d/);
    expect(xml).not.toContain('InvoiceLine');
    expect(xml).not.toContain('PayeeFinancialAccount');
  });

  it('writes a line discount as the line allowance (reason code 95, percent, amount, base)', () => {
    const xml = efacturaXml(docs.lineDiscounts);
    expect(xml).toMatch(new RegExp([
      '<cbc:LineExtensionAmount currencyID="RON">449.82</cbc:LineExtensionAmount>', '<cac:AllowanceCharge>', '<cbc:ChargeIndicator>false</cbc:ChargeIndicator>',
      '<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>', '<cbc:AllowanceChargeReason>Discount fidelitate</cbc:AllowanceChargeReason>',
      '<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>', '<cbc:Amount currencyID="RON">49.98</cbc:Amount>',
      '<cbc:BaseAmount currencyID="RON">499.80</cbc:BaseAmount>', '</cac:AllowanceCharge>', '<cac:Item>',
    ].join('\\s*')));
    // An amount off: no percent, the default reason.
    expect(xml).toMatch(/<cbc:LineExtensionAmount currencyID="RON">194.21<\/cbc:LineExtensionAmount>\s*<cac:AllowanceCharge>\s*<cbc:ChargeIndicator>false<\/cbc:ChargeIndicator>\s*<cbc:AllowanceChargeReasonCode>95<\/cbc:AllowanceChargeReasonCode>\s*<cbc:AllowanceChargeReason>Discount<\/cbc:AllowanceChargeReason>\s*<cbc:Amount currencyID="RON">12.34<\/cbc:Amount>\s*<cbc:BaseAmount currencyID="RON">206.55<\/cbc:BaseAmount>/);
    expect(xml).toContain('<cbc:MultiplierFactorNumeric>12.5</cbc:MultiplierFactorNumeric>');
    // No document discount: the lines' sum is the total without VAT, and no allowance total.
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="RON">946.90</cbc:LineExtensionAmount>\n    <cbc:TaxExclusiveAmount currencyID="RON">946.90</cbc:TaxExclusiveAmount>');
    expect(xml).not.toContain('AllowanceTotalAmount');
  });

  it('writes a document discount as one allowance per VAT rate before the VAT, and its total', () => {
    const xml = efacturaXml(docs.documentAmount);
    const allowances = [...xml.matchAll(/<cac:AllowanceCharge>((?:(?!<\/cac:AllowanceCharge>)[\s\S])*)<\/cac:AllowanceCharge>\s*(?=<cac:(?:AllowanceCharge|TaxTotal)>)/g)].map((m) => m[1] ?? '');
    expect(allowances).toHaveLength(2);
    expect(allowances[0]).toMatch(/<cbc:AllowanceChargeReasonCode>95<\/cbc:AllowanceChargeReasonCode>\s*<cbc:AllowanceChargeReason>Reducere comandă<\/cbc:AllowanceChargeReason>\s*<cbc:Amount currencyID="RON">45.89<\/cbc:Amount>\s*<cbc:BaseAmount currencyID="RON">869.03<\/cbc:BaseAmount>\s*<cac:TaxCategory>\s*<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>21<\/cbc:Percent>\s*<cac:TaxScheme>/);
    expect(allowances[1]).toMatch(/<cbc:Amount currencyID="RON">4.11<\/cbc:Amount>\s*<cbc:BaseAmount currencyID="RON">77.87<\/cbc:BaseAmount>\s*<cac:TaxCategory>\s*<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>11<\/cbc:Percent>/);
    expect(xml).toMatch(/<cac:TaxSubtotal>\s*<cbc:TaxableAmount currencyID="RON">823.14<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="RON">172.86<\/cbc:TaxAmount>/);
    expect(xml).toMatch(/<cac:TaxSubtotal>\s*<cbc:TaxableAmount currencyID="RON">73.76<\/cbc:TaxableAmount>\s*<cbc:TaxAmount currencyID="RON">8.11<\/cbc:TaxAmount>/);
    expect(xml).toMatch(new RegExp([
      '<cac:LegalMonetaryTotal>', '<cbc:LineExtensionAmount currencyID="RON">946.90</cbc:LineExtensionAmount>', '<cbc:TaxExclusiveAmount currencyID="RON">896.90</cbc:TaxExclusiveAmount>',
      '<cbc:TaxInclusiveAmount currencyID="RON">1077.87</cbc:TaxInclusiveAmount>', '<cbc:AllowanceTotalAmount currencyID="RON">50.00</cbc:AllowanceTotalAmount>',
      '<cbc:PayableAmount currencyID="RON">1077.87</cbc:PayableAmount>',
    ].join('\\s*')));
    expect(efacturaXml(docs.documentPercent)).toMatch(/<cbc:AllowanceChargeReason>Reducere 5% flotă<\/cbc:AllowanceChargeReason>\s*<cbc:MultiplierFactorNumeric>5<\/cbc:MultiplierFactorNumeric>/);
  });

  it('writes unit prices with up to four decimals of a leu, amounts in bani', () => {
    expect([formatPrice(1234.56), formatPrice(12.5), formatPrice(98765.43), formatPrice(150000), formatPrice(5), formatPrice(1234.5), formatPrice(0)])
      .toEqual(['12.3456', '0.125', '987.6543', '1500.00', '0.05', '12.345', '0.00']);
    const xml = efacturaXml(docs.fourDecimals);
    expect(xml).toContain('<cbc:PriceAmount currencyID="RON">12.3456</cbc:PriceAmount>');
    expect(xml).toContain('<cbc:PriceAmount currencyID="RON">0.125</cbc:PriceAmount>');
    // 3 × 12.3456 = 37.0368 lei, rounded once to 37.04.
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="RON">37.04</cbc:LineExtensionAmount>');
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="RON">0.88</cbc:LineExtensionAmount>');
  });

  it('writes returned parts on an invoice with a negative quantity and a positive price', () => {
    const xml = efacturaXml(docs.withReturn);
    expect(xml).toMatch(/<cbc:InvoicedQuantity unitCode="H87">-1<\/cbc:InvoicedQuantity>\s*<cbc:LineExtensionAmount currencyID="RON">-350.00<\/cbc:LineExtensionAmount>/);
    expect(xml).toMatch(/<cbc:InvoicedQuantity unitCode="H87">-2<\/cbc:InvoicedQuantity>\s*<cbc:LineExtensionAmount currencyID="RON">-45.01<\/cbc:LineExtensionAmount>\s*<cac:AllowanceCharge>[\s\S]*?<cbc:Amount currencyID="RON">-5.00<\/cbc:Amount>\s*<cbc:BaseAmount currencyID="RON">-50.01<\/cbc:BaseAmount>/);
    expect(xml).toContain('<cbc:PriceAmount currencyID="RON">25.0025</cbc:PriceAmount>');
    expect(xml).not.toMatch(/<cbc:PriceAmount[^>]*>-/);
  });

  it('reverses a discounted invoice as a CreditNote with its discounts, all figures positive', () => {
    const xml = efacturaXml(docs.discountedCreditNote);
    expect(xml).not.toMatch(/>-\d/);
    expect(xml).toContain('<cbc:AllowanceTotalAmount currencyID="RON">50.00</cbc:AllowanceTotalAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="RON">1077.87</cbc:PayableAmount>');
    expect(xml).toMatch(/<cac:CreditNoteLine>[\s\S]*?<cbc:Amount currencyID="RON">49.98<\/cbc:Amount>/);
    const partial = efacturaXml(docs.discountedPartialCreditNote);
    expect(partial).not.toMatch(/>-\d/);
    expect(partial).toContain('<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>');
  });

  it('charges the rate of the supply date: 19% on 2025-07-31, 21% from 2025-08-01', () => {
    const july = efacturaXml(docs.july);
    expect(july).toContain('<cbc:Percent>19</cbc:Percent>');
    expect(july).toContain('<cbc:TaxAmount currencyID="RON">57.00</cbc:TaxAmount>');
    expect(july).toContain('<cbc:ActualDeliveryDate>2025-07-31</cbc:ActualDeliveryDate>');
    const august = efacturaXml(docs.august);
    expect(august).toContain('<cbc:Percent>21</cbc:Percent>');
    expect(august).toContain('<cbc:TaxAmount currencyID="RON">63.00</cbc:TaxAmount>');
    expect(august).not.toContain('ActualDeliveryDate');
    expect(august).not.toContain('InvoicePeriod');
  });

  it('says "TVA la încasare", keeps a discount price positive and writes an exemption reason', () => {
    const xml = efacturaXml(docs.onReceipt);
    expect(xml).toContain('<cbc:Note>TVA la încasare</cbc:Note>');
    expect(xml).toContain('<cbc:DescriptionCode>432</cbc:DescriptionCode>');
    expect(xml).toContain('<cbc:Note>Garanție 24 luni pentru anvelope.</cbc:Note>');
    expect(xml).toContain('<cbc:PaymentMeansCode>1</cbc:PaymentMeansCode>');
    expect(xml).toMatch(/<cbc:InvoicedQuantity unitCode="H87">-1<\/cbc:InvoicedQuantity>\s*<cbc:LineExtensionAmount currencyID="RON">-50.00</);
    expect(xml).toContain('<cbc:PriceAmount currencyID="RON">50.00</cbc:PriceAmount>');
    expect(xml).toMatch(/<cbc:ID>E<\/cbc:ID>\s*<cbc:Percent>0<\/cbc:Percent>\s*<cbc:TaxExemptionReason>Scutit conform art. 292/);
  });

  it('escapes XML characters in names and text', () => {
    const xml = efacturaXml(docs.escaped);
    expect(xml).toContain('<cbc:RegistrationName>Fier &amp; Oțel &lt;Trading&gt; &quot;SRL&quot; &apos;Nord&apos;</cbc:RegistrationName>');
    expect(xml).toContain('<cbc:Name>Șurub M8 &lt;inox&gt; &amp; &quot;șaibă&quot; &apos;grower&apos;</cbc:Name>');
    expect(xml).toContain('<cbc:Note>a &lt; b &amp;&amp; c &gt; d</cbc:Note>');
    // A control character pasted into a name would make the file unreadable: it is dropped.
    expect(efacturaXml(docs.controlCharacter)).toContain('<cbc:RegistrationName>Ana SRL</cbc:RegistrationName>');
  });

  // Its speed is measured by `npm run bench:documents`, not by a timed test that a busy machine fails.
  it('is deterministic', () => {
    const doc = docs.fortyLines;
    expect(efacturaXml(doc)).toBe(efacturaXml(JSON.parse(JSON.stringify(doc)) as InvoiceDocument));
  });

  it('reads a Swiss UID in the forms people type it', () => {
    expect(['CHE-123.456.789 MWST', 'che123456789', 'CHE-123.456.789 TVA', 'CHE 123 456 789 IVA'].map(swissUid)).toEqual(Array(4).fill('CHE-123.456.789'));
    expect(['CHE-123.456.78', 'HU12892312', 'CH123456789'].map(swissUid)).toEqual([null, null, null]);
  });

  it('formats amounts with two decimals and maps the shop units', () => {
    expect([0, 5, -5, 100, 123450, -99999].map(formatAmount)).toEqual(['0.00', '0.05', '-0.05', '1.00', '1234.50', '-999.99']);
    expect(['buc', 'ore', 'h', 'l', 'kg', 'm', 'set', 'km', 'Buc.', 'pachet'].map(unitCode)).toEqual(['H87', 'HUR', 'HUR', 'LTR', 'KGM', 'MTR', 'SET', 'KMT', 'H87', 'H87']);
  });
});

describe('e-Factura rules', () => {
  const rules = (doc: InvoiceDocument) => efacturaProblems(doc).map((p) => p.rule);

  it('wants the sector of a Bucharest address', () => {
    const doc = invoice(mixedRates, {
      furnizor: { ...seller, localitate: 'București', judet: 'B' },
      cumparator: { ...companyInCluj, localitate: 'Bucuresti', judet: 'B' },
    });
    expect(rules(doc)).toEqual(['BR-RO-100', 'BR-RO-101']);
    expect(efacturaProblems(doc)[0]?.message).toMatch(/SECTOR1 … SECTOR6/);
  });

  it('wants a county code and the buyer address', () => {
    expect(rules(invoice(mixedRates, { cumparator: { ...companyInCluj, judet: 'Cluj' } }))).toEqual(['BR-RO-111']);
    expect(rules(invoice(mixedRates, { cumparator: { ...companyInCluj, adresa: '  ', localitate: '' } }))).toEqual(['BR-RO-082', 'BR-RO-092']);
    expect(rules(invoice(mixedRates, { cumparator: { ...person, adresa: '' } }))).toEqual(['BR-RO-082']);
  });

  it('checks the totals against the lines and the VAT breakdown', () => {
    const doc = invoice(mixedRates);
    expect(rules({ ...doc, totals: { ...doc.totals, total: doc.totals.total + 1 } })).toEqual(['BR-CO-15']);
    expect(rules({ ...doc, totals: { ...doc.totals, baza: doc.totals.baza + 100, total: doc.totals.total + 100 } })).toEqual(['BR-CO-13']);
    // Document discounts: each must come off its own rate's base and off the total (BR-S-08, BR-CO-13).
    const d = docs.documentAmount;
    const [d21, d11] = d.reduceri ?? [];
    if (!d21 || !d11) throw new Error('two discounts expected');
    expect(rules({ ...d, reduceri: [{ ...d21, suma: d21.suma + 150 }, d11] })).toEqual(['BR-S-08', 'BR-CO-13']);
    expect(rules({ ...d, reduceri: [d21] })).toEqual(['BR-S-08', 'BR-CO-13']);
    expect(rules({ ...d, reduceri: [d21, { ...d11, categorie: 'Z', cota: '0' }] })).toEqual(['BR-Z-01', 'BR-S-08']);
    expect(rules({ ...d, reduceri: [d21, { ...d11, motiv: ' ' }] })).toEqual(['BR-33']);
    expect(rules({ ...d, reduceri: [d21, { ...d11, motiv: 'x'.repeat(101) }] })).toEqual(['BR-RO-L100']);
    expect(rules({ ...d, linii: d.linii.map((l, i) => (i === 0 ? { ...l, pretUnitar: 24990.125 } : l)) })).toEqual(['BT-146']);
    const [g21, g11] = doc.totals.grupe as [NonNullable<(typeof doc.totals.grupe)[0]>, NonNullable<(typeof doc.totals.grupe)[0]>];
    const wrongVat = { ...doc, totals: { ...doc.totals, tva: doc.totals.tva + 500, total: doc.totals.total + 500, grupe: [{ ...g21, tva: g21.tva + 500 }, g11] } };
    expect(rules(wrongVat)).toEqual(['BR-S-09', 'BR-CO-17']);
    const lostRow = { ...doc, totals: { ...doc.totals, grupe: [g21] } };
    expect(rules(lostRow)).toEqual(['BR-S-08', 'BR-CO-14']);
    const wrongBase = { ...doc, totals: { ...doc.totals, grupe: [{ ...g21, baza: g21.baza - 1000 }, g11] } };
    expect(rules(wrongBase)).toEqual(['BR-S-08', 'BR-S-09', 'BR-CO-17']);
  });

  it('checks the VAT categories against the seller and the breakdown', () => {
    const nonPayer = { ...seller, codFiscal: '18547290', platitorTva: false };
    expect(rules(invoice(mixedRates, { furnizor: nonPayer }))).toEqual(['BR-S-02', 'BR-RO-065']);
    expect(rules(invoice([line('Curs', '1', 100, '0', 'E')]))).toEqual(['BR-E-10']);
    expect(rules(invoice([line('Reparație', '1', 100, '21', 'AE')]))).toEqual(['BR-AE-05', 'BR-AE-09']);
    expect(rules(invoice([line('Reparație', '1', 100, '0', 'S')]))).toEqual(['BR-S-05']);
    const mixed = invoice([line('Diagnoză', '1', 100, '0', 'O'), line('Bec', '1', 100)]);
    expect(rules(mixed)).toEqual(['BR-O-02', 'BR-O-11', 'BR-O-12']);
    const companyWithoutCui = { ...companyInCluj, codFiscal: null };
    expect(rules(invoice(mixedRates, { cumparator: companyWithoutCui }))).toEqual(['BR-RO-120']);
  });

  it('checks dates, lengths and the line data', () => {
    expect(rules(invoice(mixedRates, { data: '2025-02-30' }))).toEqual(['BR-RO-DT001']);
    expect(rules(invoice(mixedRates, { dataScadenta: '30.09.2025' }))).toEqual(['BR-RO-DT003']);
    expect(rules(invoice([line('x'.repeat(101), '1', 100)]))).toEqual(['BR-RO-L1024']);
    expect(rules(invoice(mixedRates, { observatii: 'y'.repeat(301) }))).toEqual(['BR-RO-L302']);
    // "#A12#" would be read as a note subject code; "#12#" or a lone "#" would not.
    expect(rules(invoice(mixedRates, { observatii: 'Garanție ref #A12# la furnizor' }))).toEqual(['BR-CL-08']);
    expect(rules(invoice(mixedRates, { observatii: 'Piesa #12# și #5' }))).toEqual([]);
    expect(rules(invoice(mixedRates, { cumparator: { ...companyInCluj, tara: 'UK', judet: '' } }))).toEqual(['BR-CL-14']);
    expect(rules(invoice(mixedRates, { cumparator: { ...companyInCluj, nume: '' } }))).toEqual(['BR-07']);
    expect(rules(invoice([]))).toEqual(['BR-16', 'BR-CO-18']);
    const bulb = invoice([line('Bec', '1', 100)]);
    expect(rules({ ...bulb, linii: bulb.linii.map((l) => ({ ...l, cantitate: 'doi' })) })).toEqual(['BR-22']);
  });
});

describe("the official checks the XML is held to (UBL 2.1 schema, ANAF's CIUS-RO schematron)", () => {
  const samples = artefactFiles('anaf-samples', 'xml');
  const sampleReports: OfficialReport[] = [];
  beforeAll(async () => {
    sampleReports.push(...(await officialReports(samples.map((s) => s.contents))));
  }, 120_000);

  it('accepts each of ANAF\'s sample invoices, reading their warnings as warnings', () => {
    expect(samples.length).toBeGreaterThan(0);
    expect(sampleReports).toHaveLength(samples.length);
    sampleReports.forEach((report, i) => {
      expect({ schema: report.schema, fatal: report.fatal }, `${samples[i]?.path ?? ''}\n${describeReport(report)}`).toEqual({ schema: [], fatal: [] });
    });
    // Two samples keep a payment instruction note, which ANAF only warns about.
    expect(sampleReports.flatMap((r) => ids(r.warnings))).toEqual(['UBL-CR-681', 'UBL-CR-681']);
  });

  it('refuses what ANAF refuses, naming the rule, and carries nothing over to the next document', async () => {
    const xml = efacturaXml(docs.cluj);
    const credit = efacturaXml(docs.creditNote);
    const broken = [
      // The VAT total no longer adds up: 158.39 is 143.10 + 15.29.
      xml.replace('<cbc:TaxAmount currencyID="RON">158.39</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="RON">158.49</cbc:TaxAmount>'),
      credit.replace('<cbc:TaxAmount currencyID="RON">158.39</cbc:TaxAmount>', '<cbc:TaxAmount currencyID="RON">158.49</cbc:TaxAmount>'),
      xml.replace(/(<cac:AccountingCustomerParty>[\s\S]*?)<cbc:RegistrationName>.*?<\/cbc:RegistrationName>/, '$1'),
      // The county and the Bucharest sector rules are written as reports, not asserts.
      xml.replace('<cbc:CountrySubentity>RO-CJ</cbc:CountrySubentity>', '<cbc:CountrySubentity>CJ</cbc:CountrySubentity>'),
      efacturaXml(docs.bucharest).replace('<cbc:CityName>SECTOR3</cbc:CityName>', '<cbc:CityName>Bucuresti</cbc:CityName>'),
      xml.replace(/(<cbc:StreetName>.*?<\/cbc:StreetName>)(\s*)(<cbc:CityName>.*?<\/cbc:CityName>)/, '$3$2$1'),
      xml,
    ];
    expect(new Set(broken).size).toBe(broken.length);
    const reports = await officialReports(broken);
    expect(reports.map((r) => ({ schema: r.schema.length, fatal: ids(r.fatal) }))).toEqual([
      { schema: 0, fatal: ['BR-CO-14', 'BR-CO-15'] },
      { schema: 0, fatal: ['BR-CO-14', 'BR-CO-15'] },
      { schema: 0, fatal: ['BR-07'] },
      { schema: 0, fatal: ['BR-RO-111'] },
      { schema: 0, fatal: ['BR-RO-100'] },
      // Order is the schema's business: the schematron does not look at it.
      { schema: 1, fatal: [] },
      { schema: 0, fatal: [] },
    ]);
    expect(reports[5]?.schema[0]).toMatch(/Element 'cbc:StreetName': This element is not expected/);
  });

  it('refuses, by the UBL 2.1 schema, misplaced, unknown or mistyped elements', async () => {
    const xml = efacturaXml(docs.cluj);
    const errors = await schemaErrorsOfEach([
      xml.replace('<cbc:IssueDate>2025-09-15', '<cbc:IssueDate>15.09.2025'),
      xml.replace(' currencyID="RON">681.45', '>681.45'),
      xml.replace('<cbc:Note>', '<cbc:Notes>').replace('</cbc:Note>', '</cbc:Notes>'),
      xml.replace(/<cbc:Percent>21<\/cbc:Percent>/, '<cbc:Percent>21%</cbc:Percent>'),
    ]);
    expect(errors).toEqual([
      [expect.stringMatching(/Element 'cbc:IssueDate': '15\.09\.2025' is not a valid value of the atomic type 'xs:date'/)],
      [expect.stringMatching(/Element 'cbc:TaxableAmount': The attribute 'currencyID' is required but missing/)],
      [expect.stringMatching(/Element 'cbc:Notes': This element is not expected/)],
      [expect.stringMatching(/Element 'cbc:Percent': '21%' is not a valid value of the atomic type 'xs:decimal'/)],
    ]);
  });

  it("follows UBL 2.1's cardinality and order, for both documents", async () => {
    const xml = efacturaXml(docs.cluj);
    const credit = efacturaXml(docs.creditNote);
    const delivery = /(\s*<cac:Delivery>[\s\S]*?<\/cac:Delivery>)/.exec(xml)?.[1] ?? '';
    expect(delivery).not.toBe('');
    const withoutItem = credit.replace(/<cac:Item>[\s\S]*?<\/cac:Item>/, '');
    expect(withoutItem).not.toBe(credit);
    const errors = await schemaErrorsOfEach([
      // One due date, one monetary total; a payment means has its code; delivery comes before payment means.
      xml.replace(/(<cbc:DueDate>.*?<\/cbc:DueDate>)/, '$1$1'),
      xml.replace(/(<cac:LegalMonetaryTotal>[\s\S]*?<\/cac:LegalMonetaryTotal>)/, '$1$1'),
      xml.replace(/<cbc:PaymentMeansCode>.*?<\/cbc:PaymentMeansCode>/, ''),
      xml.replace(delivery, '').replace('</cac:PaymentMeans>', `</cac:PaymentMeans>${delivery}`),
      xml.replace(/(<cac:InvoiceLine>[\s\S]*?<\/cac:InvoiceLine>\s*)+/, ''),
      // A credit note has no DueDate of its own (UBL 2.1 puts it in the payment terms), and its lines may omit the item.
      credit.replace('<cbc:CreditNoteTypeCode>', '<cbc:DueDate>2025-10-30</cbc:DueDate><cbc:CreditNoteTypeCode>'),
      withoutItem,
    ]);
    expect(errors).toEqual([
      [expect.stringMatching(/Element 'cbc:DueDate': This element is not expected\. Expected is one of \( cbc:InvoiceTypeCode,/)],
      [expect.stringMatching(/Element 'cac:LegalMonetaryTotal': This element is not expected\. Expected is \( cac:InvoiceLine \)/)],
      [expect.stringMatching(/Element 'cbc:PaymentID': This element is not expected\. Expected is one of \( cbc:ID, cbc:PaymentMeansCode \)/)],
      [expect.stringMatching(/Element 'cac:Delivery': This element is not expected/)],
      [expect.stringMatching(/Element 'Invoice': Missing child element\(s\)\. Expected is \( cac:InvoiceLine \)/)],
      [expect.stringMatching(/Element 'cbc:DueDate': This element is not expected/)],
      [],
    ]);
  });
});
