import { XMLParser } from 'fast-xml-parser';
import { normalizeCui, type ReceivedAddress, type ReceivedAllowance, type ReceivedDocument } from '@roaauto/shared';

/**
 * A supplier's invoice as ANAF hands it over (UBL 2.1 Invoice or CreditNote, CIUS-RO), read into what the
 * inbox shows: supplier, number, dates, lines, VAT per rate and totals. Amounts stay decimal strings as
 * written (any currency); `toBani` turns one into bani.
 */
export type ReceivedInvoice = ReceivedDocument;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['InvoiceLine', 'CreditNoteLine', 'TaxTotal', 'TaxSubtotal', 'PartyTaxScheme', 'PartyName', 'PaymentMeans', 'Note', 'AllowanceCharge', 'PayeeFinancialAccount', 'InvoiceDocumentReference'].includes(name),
});

const node = (v: unknown): Node | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null);
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node).filter((n): n is Node => n !== null) : node(v) ? [node(v) as Node] : []);
/** An element's text (a plain value, or `#text` beside attributes). */
function text(v: unknown): string | null {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || null;
  const n = node(v);
  const t = n?.['#text'];
  return typeof t === 'string' || typeof t === 'number' ? String(t).trim() || null : null;
}
/** The texts of a repeated element (notes). */
const texts = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(text).filter((t): t is string => t !== null);
const at = (n: Node | null, ...path: string[]): unknown => path.reduce<unknown>((cur, key) => {
  const c = Array.isArray(cur) ? cur[0] : cur;
  return node(c)?.[key];
}, n);
const str = (n: Node | null, ...path: string[]) => text(Array.isArray(at(n, ...path)) ? (at(n, ...path) as unknown[])[0] : at(n, ...path));
const attr = (v: unknown, name: string): string | null => {
  const n = node(Array.isArray(v) ? v[0] : v);
  const a = n?.[`@${name}`];
  return typeof a === 'string' ? a : null;
};

/** A decimal amount as bani (rounded half away from zero). */
export function toBani(amount: string | null): number {
  if (!amount) return 0;
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!m) return 0;
  const whole = Number(m[2] || '0');
  const frac = (m[3] ?? '').padEnd(3, '0');
  const bani = whole * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] ? -bani : bani;
}

function address(a: Node | null): ReceivedAddress | null {
  if (!a) return null;
  const street = [str(a, 'StreetName'), str(a, 'AdditionalStreetName'), str(a, 'AddressLine', 'Line')].filter(Boolean).join(', ') || null;
  const out = { street, city: str(a, 'CityName'), county: str(a, 'CountrySubentity'), postalCode: str(a, 'PostalZone'), country: str(a, 'Country', 'IdentificationCode') };
  return Object.values(out).some(Boolean) ? out : null;
}

function party(p: Node | null) {
  const vatId = list(at(p, 'PartyTaxScheme')).map((s) => str(s, 'CompanyID')).find((v): v is string => Boolean(v)) ?? null;
  const legal = str(p, 'PartyLegalEntity', 'CompanyID');
  const name = str(p, 'PartyLegalEntity', 'RegistrationName') ?? list(at(p, 'PartyName')).map((n) => str(n, 'Name')).find(Boolean) ?? '';
  const id = vatId ?? legal;
  const cui = id ? normalizeCui(id) : null;
  // The legal-entity id is the trade-register number when a VAT id names the party already.
  const regCom = vatId && legal && normalizeCui(legal) !== cui ? legal : null;
  return { name, cui: cui && /^\d{2,10}$/.test(cui) ? cui : cui || null, vatId, regCom, address: address(node(at(p, 'PostalAddress'))) };
}

/** Allowances and charges (document or line level) as written. */
function allowances(v: unknown): ReceivedAllowance[] {
  return list(v).map((a) => ({
    charge: str(a, 'ChargeIndicator') === 'true',
    reason: str(a, 'AllowanceChargeReason') ?? str(a, 'AllowanceChargeReasonCode'),
    amount: str(a, 'Amount') ?? '0',
    percent: str(a, 'MultiplierFactorNumeric'),
    base: str(a, 'BaseAmount'),
    vatCategory: str(a, 'TaxCategory', 'ID'),
    vatPercent: str(a, 'TaxCategory', 'Percent'),
  }));
}

/** Reads a UBL Invoice or CreditNote; throws when the XML is neither. */
export function readReceivedInvoice(xml: string): ReceivedInvoice {
  const doc = node(parser.parse(xml));
  const root = node(doc?.Invoice) ?? node(doc?.CreditNote);
  if (!doc || !root) throw new Error('Not a UBL Invoice or CreditNote');
  const kind = node(doc.Invoice) ? 'invoice' : 'credit_note';
  const currency = str(root, 'DocumentCurrencyCode') ?? 'RON';
  const number = str(root, 'ID') ?? '';
  const issueDate = str(root, 'IssueDate') ?? '';
  const dueDate = str(root, 'DueDate') ?? list(at(root, 'PaymentMeans')).map((p) => str(p, 'PaymentDueDate')).find(Boolean) ?? null;
  const totals = node(at(root, 'LegalMonetaryTotal'));
  const taxTotals = list(at(root, 'TaxTotal'));
  const taxTotal = taxTotals.find((tt) => attr(at(tt, 'TaxAmount'), 'currencyID') === currency) ?? taxTotals[0] ?? null;
  const vat = list(at(taxTotal, 'TaxSubtotal')).map((s) => ({
    category: str(s, 'TaxCategory', 'ID') ?? '',
    percent: str(s, 'TaxCategory', 'Percent'),
    base: str(s, 'TaxableAmount') ?? '0',
    amount: str(s, 'TaxAmount') ?? '0',
    exemption: str(s, 'TaxCategory', 'TaxExemptionReason') ?? str(s, 'TaxCategory', 'TaxExemptionReasonCode'),
  }));
  const otherTax = taxTotals.find((tt) => tt !== taxTotal && attr(at(tt, 'TaxAmount'), 'currencyID'));
  const iban = list(at(root, 'PaymentMeans')).flatMap((p) => list(at(p, 'PayeeFinancialAccount'))).map((a) => str(a, 'ID')).find(Boolean) ?? null;
  const lines = list(at(root, kind === 'invoice' ? 'InvoiceLine' : 'CreditNoteLine')).map((l) => {
    const qty = at(l, kind === 'invoice' ? 'InvoicedQuantity' : 'CreditedQuantity');
    return {
      description: str(l, 'Item', 'Name') ?? str(l, 'Item', 'Description') ?? '',
      quantity: text(qty) ?? '0',
      unit: attr(qty, 'unitCode'),
      unitPrice: str(l, 'Price', 'PriceAmount') ?? '0',
      net: str(l, 'LineExtensionAmount') ?? '0',
      vatCategory: str(l, 'Item', 'ClassifiedTaxCategory', 'ID'),
      vatPercent: str(l, 'Item', 'ClassifiedTaxCategory', 'Percent'),
      note: texts(at(l, 'Note')).join(' ') || null,
      allowances: allowances(at(l, 'AllowanceCharge')),
      sellerCode: str(l, 'Item', 'SellersItemIdentification', 'ID'),
      standardCode: str(l, 'Item', 'StandardItemIdentification', 'ID'),
    };
  });
  const supplier = party(node(at(root, 'AccountingSupplierParty', 'Party')));
  const buyer = party(node(at(root, 'AccountingCustomerParty', 'Party')));
  return {
    kind, number, issueDate, dueDate, currency,
    supplier: { ...supplier, iban },
    buyer: { name: buyer.name, cui: buyer.cui, vatId: buyer.vatId, regCom: buyer.regCom, address: buyer.address },
    lines,
    vat,
    totals: {
      net: str(totals, 'TaxExclusiveAmount') ?? str(totals, 'LineExtensionAmount') ?? '0',
      vat: text(at(taxTotal, 'TaxAmount')) ?? '0',
      total: str(totals, 'TaxInclusiveAmount') ?? '0',
      payable: str(totals, 'PayableAmount') ?? '0',
      lineNet: str(totals, 'LineExtensionAmount'),
      allowances: str(totals, 'AllowanceTotalAmount'),
      charges: str(totals, 'ChargeTotalAmount'),
      prepaid: str(totals, 'PrepaidAmount'),
      rounding: str(totals, 'PayableRoundingAmount'),
    },
    notes: texts(at(root, 'Note')).map((n) => n.replace(/^#[A-Z]{3}#/, '')),
    allowances: allowances(at(root, 'AllowanceCharge')),
    taxCurrencyVat: otherTax ? { currency: attr(at(otherTax, 'TaxAmount'), 'currencyID') ?? '', amount: text(at(otherTax, 'TaxAmount')) ?? '0' } : null,
    precedingInvoice: str(root, 'BillingReference', 'InvoiceDocumentReference', 'ID'),
    paymentTerms: str(root, 'PaymentTerms', 'Note'),
  };
}
