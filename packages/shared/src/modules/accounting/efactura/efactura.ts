import { fixDiacriticsDeep } from '../../../pdf/format';
import type { Party } from '../../core/party';
import { documentSums, lineGross, type InvoiceDocument, type InvoiceLine, type VatCategory } from '../document';
import {
  actualDeliveryDate,
  buyerIds,
  ciusRoCustomizationId,
  exemptionCodes,
  exemptionReason,
  invoiceNotes,
  invoiceNumber,
  discountReasonCode,
  isNotSubjectToVat,
  paymentMeansCodes,
  postalAddress,
  sellerIds,
  sellerLegalInfo,
  unitCode,
  vatPointCode,
  type PartyIds,
} from './fields';
import { XmlWriter, type Attrs } from './xml';

export { efacturaProblems, type EfacturaProblem } from './br-ro';

/**
 * The RO e-Factura XML of an issued document: UBL 2.1 under the Romanian CIUS (EN 16931 + BR-RO).
 * Check the document with `efacturaProblems` first; this function writes what it is given.
 *
 * A credit note (tip 'storno') is written as a UBL CreditNote with type code 381 and the quantities
 * and amounts of the storno turned positive. CIUS-RO allows 381 only as a CreditNoteTypeCode
 * (BR-RO-020: an Invoice may be 380, 384, 389 or 751), so the choice is between this and an Invoice
 * 380 with negative quantities; both pass ANAF's validation, but only the CreditNote says what the
 * document is, so the buyer's software books it as a credit without reading the signs, and the
 * amount due is not a negative number. The reversed invoice goes in the billing reference (BG-3).
 */

const namespaces = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** Bani as an amount with exactly two decimals: 123450 → "1234.50", -5 → "-0.05". */
export function formatAmount(bani: number): string {
  const whole = Math.round(bani);
  const abs = Math.abs(whole);
  const cents = abs % 100;
  return `${whole < 0 ? '-' : ''}${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * A unit price in bani (up to two decimals of a ban) as lei with two to four decimals, exactly:
 * 123450 → "1234.50", 1234.56 → "12.3456", 1234.5 → "12.345".
 */
export function formatPrice(bani: number): string {
  const [whole = '0', fraction = ''] = String(Math.abs(bani)).split('.');
  if (!fraction) return formatAmount(bani);
  const digits = whole.padStart(3, '0');
  return `${bani < 0 ? '-' : ''}${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}${fraction}`;
}

/** A discount percent as UBL writes it (BT-94/BT-138): "10", "12.5". */
function formatFactor(procent: string): string {
  return formatPercent(procent);
}

/** A rate as UBL writes it: "21", "9.5" (the document's "21.00" without its trailing zeros). */
function formatPercent(cota: string): string {
  const t = cota.trim();
  return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
}

function negate(quantity: string): string {
  const t = quantity.trim().replace(/^\+/, '');
  if (t.startsWith('-')) return t.slice(1);
  return /^[0.]*$/.test(t) ? t : `-${t}`;
}

export function efacturaXml(typed: InvoiceDocument): string {
  // ș ț with the comma below wherever a text was typed with the old cedilla letters, as on the PDF.
  const doc = fixDiacriticsDeep(typed);
  const creditNote = doc.tip === 'storno';
  const root = creditNote ? 'CreditNote' : 'Invoice';
  // A CreditNote states the reversal with positive figures; the storno's own are negative.
  const sign = creditNote ? -1 : 1;
  const money: Attrs = { currencyID: doc.moneda };
  const amount = (bani: number) => formatAmount(sign * bani);
  const outsideVat = isNotSubjectToVat(doc);
  const w = new XmlWriter();

  w.open(root, { xmlns: namespaces[root], 'xmlns:cac': namespaces.cac, 'xmlns:cbc': namespaces.cbc });
  w.leaf('cbc:CustomizationID', ciusRoCustomizationId);
  w.leaf('cbc:ID', invoiceNumber(doc.serie, doc.numar));
  w.leaf('cbc:IssueDate', doc.data);
  if (creditNote) {
    w.leaf('cbc:CreditNoteTypeCode', '381');
  } else {
    // BR-CO-25: an amount due needs a due date; without one the invoice is due when issued.
    w.leaf('cbc:DueDate', doc.dataScadenta ?? doc.data);
    w.leaf('cbc:InvoiceTypeCode', '380');
  }
  for (const note of invoiceNotes(doc)) w.leaf('cbc:Note', note);
  w.leaf('cbc:DocumentCurrencyCode', doc.moneda);

  const pointCode = vatPointCode(doc);
  if (pointCode) w.group('cac:InvoicePeriod', () => w.leaf('cbc:DescriptionCode', pointCode));

  const reversed = doc.stornoDe;
  if (reversed) {
    w.group('cac:BillingReference', () =>
      w.group('cac:InvoiceDocumentReference', () => {
        w.leaf('cbc:ID', invoiceNumber(reversed.serie, reversed.numar));
        w.leaf('cbc:IssueDate', reversed.data);
      }),
    );
  }

  w.group('cac:AccountingSupplierParty', () => writeParty(w, doc.furnizor, sellerIds(doc.furnizor, outsideVat), sellerLegalInfo(doc.furnizor)));
  w.group('cac:AccountingCustomerParty', () => writeParty(w, doc.cumparator, buyerIds(doc.cumparator, outsideVat), null));

  const delivered = actualDeliveryDate(doc);
  if (delivered) w.group('cac:Delivery', () => w.leaf('cbc:ActualDeliveryDate', delivered));

  w.group('cac:PaymentMeans', () => {
    w.leaf('cbc:PaymentMeansCode', paymentMeansCodes[doc.modalitatePlata]);
    if (creditNote) w.leaf('cbc:PaymentDueDate', doc.dataScadenta);
    // The seller's account is where the buyer pays an invoice; a credit note is paid the other way.
    const iban = doc.furnizor.iban?.replace(/\s+/g, '');
    if (!creditNote && doc.modalitatePlata === 'ordin_plata' && iban) {
      w.leaf('cbc:PaymentID', invoiceNumber(doc.serie, doc.numar));
      w.group('cac:PayeeFinancialAccount', () => w.leaf('cbc:ID', iban));
    }
  });

  // Document discounts (BG-20), one per VAT category and rate, before the VAT they reduce.
  for (const d of doc.reduceri ?? []) {
    w.group('cac:AllowanceCharge', () => {
      w.leaf('cbc:ChargeIndicator', 'false');
      w.leaf('cbc:AllowanceChargeReasonCode', discountReasonCode);
      w.leaf('cbc:AllowanceChargeReason', d.motiv);
      if (d.procent !== null) w.leaf('cbc:MultiplierFactorNumeric', formatFactor(d.procent));
      w.leaf('cbc:Amount', amount(d.suma), money);
      w.leaf('cbc:BaseAmount', amount(d.baza), money);
      writeCategory(w, 'cac:TaxCategory', d.categorie, d.cota, null);
    });
  }

  w.group('cac:TaxTotal', () => {
    w.leaf('cbc:TaxAmount', amount(doc.totals.tva), money);
    for (const g of doc.totals.grupe) {
      w.group('cac:TaxSubtotal', () => {
        w.leaf('cbc:TaxableAmount', amount(g.baza), money);
        w.leaf('cbc:TaxAmount', amount(g.tva), money);
        writeCategory(w, 'cac:TaxCategory', g.categorie, g.cota, exemptionReason(g.categorie, g.motivScutire));
      });
    }
  });

  w.group('cac:LegalMonetaryTotal', () => {
    // BT-106 is the lines' net sum; the document discounts (BT-107) come off it to make BT-109.
    const sums = documentSums(doc);
    w.leaf('cbc:LineExtensionAmount', amount(sums.linii), money);
    w.leaf('cbc:TaxExclusiveAmount', amount(doc.totals.baza), money);
    w.leaf('cbc:TaxInclusiveAmount', amount(doc.totals.total), money);
    if ((doc.reduceri ?? []).length > 0) w.leaf('cbc:AllowanceTotalAmount', amount(sums.reduceri), money);
    w.leaf('cbc:PayableAmount', amount(doc.totals.total), money);
  });

  doc.linii.forEach((line, i) => writeLine(w, line, i + 1, creditNote, money));
  w.close();
  return w.toString();
}

function writeParty(w: XmlWriter, p: Party, ids: PartyIds, legalInfo: string | null): void {
  const address = postalAddress(p);
  w.group('cac:Party', () => {
    w.group('cac:PostalAddress', () => {
      w.leaf('cbc:StreetName', address.street);
      w.leaf('cbc:CityName', address.city);
      w.leaf('cbc:PostalZone', address.postalZone);
      w.leaf('cbc:CountrySubentity', address.subentity);
      w.group('cac:Country', () => w.leaf('cbc:IdentificationCode', address.country));
    });
    if (ids.vat) {
      w.group('cac:PartyTaxScheme', () => {
        w.leaf('cbc:CompanyID', ids.vat);
        w.group('cac:TaxScheme', () => w.leaf('cbc:ID', 'VAT'));
      });
    }
    w.group('cac:PartyLegalEntity', () => {
      w.leaf('cbc:RegistrationName', p.nume);
      w.leaf('cbc:CompanyID', ids.legal);
      w.leaf('cbc:CompanyLegalForm', legalInfo);
    });
    if (p.telefon?.trim() || p.email?.trim()) {
      w.group('cac:Contact', () => {
        w.leaf('cbc:Telephone', p.telefon);
        w.leaf('cbc:ElectronicMail', p.email);
      });
    }
  });
}

/** BG-23's category or a line's (BT-151/152): no rate for "not subject to VAT" (BR-O-05, BR-48). */
function writeCategory(w: XmlWriter, element: string, categorie: VatCategory, cota: string, reason: string | null): void {
  w.group(element, () => {
    w.leaf('cbc:ID', categorie);
    if (categorie !== 'O') w.leaf('cbc:Percent', formatPercent(cota));
    if (reason !== null) {
      w.leaf('cbc:TaxExemptionReasonCode', exemptionCodes[categorie]);
      w.leaf('cbc:TaxExemptionReason', reason);
    }
    w.group('cac:TaxScheme', () => w.leaf('cbc:ID', 'VAT'));
  });
}

function writeLine(w: XmlWriter, line: InvoiceLine, id: number, creditNote: boolean, money: Attrs): void {
  let quantity = creditNote ? negate(line.cantitate) : line.cantitate.trim();
  let price = line.pretUnitar;
  // The item price may not be negative (BR-27): a discount line carries its sign in the quantity.
  if (price < 0) {
    price = -price;
    quantity = negate(quantity);
  }
  w.group(creditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', () => {
    w.leaf('cbc:ID', String(id));
    w.leaf(creditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', quantity, { unitCode: unitCode(line.um) });
    const sign = creditNote ? -1 : 1;
    w.leaf('cbc:LineExtensionAmount', formatAmount(sign * line.valoare), money);
    // The line's discount (BG-27): its amount taken from the gross quantity × price (BT-137).
    const d = line.reducere;
    if (d) {
      w.group('cac:AllowanceCharge', () => {
        w.leaf('cbc:ChargeIndicator', 'false');
        w.leaf('cbc:AllowanceChargeReasonCode', discountReasonCode);
        w.leaf('cbc:AllowanceChargeReason', d.motiv);
        if (d.procent !== null) w.leaf('cbc:MultiplierFactorNumeric', formatFactor(d.procent));
        w.leaf('cbc:Amount', formatAmount(sign * d.suma), money);
        w.leaf('cbc:BaseAmount', formatAmount(sign * lineGross(line)), money);
      });
    }
    w.group('cac:Item', () => {
      w.leaf('cbc:Name', line.descriere);
      writeCategory(w, 'cac:ClassifiedTaxCategory', line.categorie, line.cota, null);
    });
    w.group('cac:Price', () => w.leaf('cbc:PriceAmount', formatPrice(price), money));
  });
}
