import type { InvoiceDocument } from '../../../../accounting/document';
import type { ReceivedDocument } from '../../../../accounting/received-invoices.table';
import { countyName } from '../../../../core/counties';
import type { Party } from '../../../../core/party';
import { bareFiscalCode, decimalToBani, fileNamePart, sagaAmount, sagaDate, sagaFileDate, sagaPrice, sagaYesNo, shareOut } from './format';
import { sagaInvoiceHeader, sagaInvoiceLine, sagaOptional, type SagaHeaderField, type SagaLineField } from './layout';
import { el, xmlDocument, type XmlNode } from './xml';

/** One invoice as SAGA imports it: the header's and lines' values by tag, and our id for it (`FacturaID`). */
export type SagaInvoice = {
  header: Partial<Record<SagaHeaderField, string>>;
  lines: Partial<Record<SagaLineField, string>>[];
  id: string;
  /** The issuer's fiscal code, the number and the date: the file's name. */
  fileName: string;
};

/** The elements of a record in the layout's order: every mandatory tag (empty when we have no value), optional ones when set. */
export function sagaFields<F extends string>(layout: readonly F[], optional: ReadonlySet<string>, values: Partial<Record<F, string>>): XmlNode[] {
  return layout.filter((tag) => !optional.has(tag) || (values[tag] ?? '') !== '').map((tag) => el(tag, values[tag]));
}

/** The `<Factura>` element. */
export function sagaInvoiceNode(invoice: SagaInvoice): XmlNode {
  return {
    tag: 'Factura',
    children: [
      { tag: 'Antet', children: sagaFields(sagaInvoiceHeader, sagaOptional.header, invoice.header) },
      { tag: 'Detalii', children: [{ tag: 'Continut', children: invoice.lines.map((l) => ({ tag: 'Linie', children: sagaFields(sagaInvoiceLine, sagaOptional.line, l) })) }] },
      el('FacturaID', invoice.id),
    ],
  };
}

/** A whole `<Facturi>` file: one invoice per file, named as the manual asks (F_<cod-fiscal>_<numar-factura>_<data-factura>.xml). */
export function sagaInvoicesXml(invoices: readonly SagaInvoice[]): string {
  return xmlDocument({ tag: 'Facturi', children: invoices.map(sagaInvoiceNode) });
}

function sagaFileName(issuerCode: string | null, number: string, date: string): string {
  return `F_${fileNamePart(bareFiscalCode(issuerCode))}_${fileNamePart(number)}_${sagaFileDate(date)}.xml`;
}

const county = (code: string) => countyName(code) ?? code;

function partyFields(prefix: 'Furnizor' | 'Client', p: Party): Partial<Record<SagaHeaderField, string>> {
  const fiscal = p.codFiscal ?? p.cnp ?? '';
  const values: Record<string, string> = {
    [`${prefix}Nume`]: p.nume,
    [`${prefix}CIF`]: fiscal,
    [`${prefix}NrRegCom`]: p.regCom ?? '',
    [`${prefix}Tara`]: p.tara,
    [`${prefix}Localitate`]: p.localitate,
    [`${prefix}Judet`]: county(p.judet),
    [`${prefix}Adresa`]: p.adresa,
    [`${prefix}Telefon`]: p.telefon ?? '',
    [`${prefix}Mail`]: p.email ?? '',
    [`${prefix}Banca`]: p.banca ?? '',
    [`${prefix}IBAN`]: p.iban ?? '',
    [`${prefix}InformatiiSuplimentare`]: '',
  };
  if (prefix === 'Furnizor') values.FurnizorCapital = p.capitalSocial ?? '';
  return values;
}

/** The invoice's number as SAGA keeps it: the series and the number ("ROA12"). */
export const sagaInvoiceNumber = (serie: string, numar: number): string => `${serie}${numar}`;

/**
 * An issued invoice or credit note (a credit note has negative quantities and amounts, as SAGA keeps a storno).
 * Each VAT group's VAT, rounded once on the invoice, is shared out over its lines (and document discounts,
 * written as lines) so the lines add up to the invoice's VAT exactly.
 */
export function sagaIssuedInvoice(id: string, doc: InvoiceDocument): SagaInvoice {
  const key = (c: string, r: string) => `${c}|${Number(r)}`;
  type Row = { descriere: string; um: string; cantitate: string; pret: string; valoare: number; cota: string; group: string };
  const rows: Row[] = doc.linii.map((l) => ({
    descriere: l.descriere, um: l.um, cantitate: l.cantitate, pret: sagaPrice(l.pretUnitar), valoare: l.valoare, cota: l.cota, group: key(l.categorie, l.cota),
  }));
  for (const d of doc.reduceri ?? []) {
    const what = d.procent ? `${d.motiv} ${d.procent}%` : d.motiv;
    rows.push({ descriere: `${what} (TVA ${Number(d.cota)}%)`, um: 'buc', cantitate: '1', pret: sagaPrice(-d.suma), valoare: -d.suma, cota: d.cota, group: key(d.categorie, d.cota) });
  }
  const vat = new Map<number, number>();
  for (const g of doc.totals.grupe) {
    const members = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.group === key(g.categorie, g.cota));
    shareOut(g.tva, members.map(({ r }) => r.valoare)).forEach((share, k) => {
      const m = members[k];
      if (m) vat.set(m.i, share);
    });
  }
  const number = sagaInvoiceNumber(doc.serie, doc.numar);
  const info = doc.tip === 'storno' && doc.stornoDe
    ? `Storno la factura ${sagaInvoiceNumber(doc.stornoDe.serie, doc.stornoDe.numar)} din ${sagaDate(doc.stornoDe.data)}`
    : [doc.comanda?.nrAuto ? `Auto ${doc.comanda.nrAuto}` : '', doc.observatii ?? ''].filter(Boolean).join('; ');
  return {
    id,
    fileName: sagaFileName(doc.furnizor.codFiscal, number, doc.data),
    header: {
      ...partyFields('Furnizor', doc.furnizor),
      ...partyFields('Client', doc.cumparator),
      FacturaNumar: number,
      FacturaData: sagaDate(doc.data),
      FacturaScadenta: doc.dataScadenta ? sagaDate(doc.dataScadenta) : '',
      FacturaTaxareInversa: sagaYesNo(doc.linii.some((l) => l.categorie === 'AE')),
      FacturaTVAIncasare: sagaYesNo(doc.tvaLaIncasare),
      FacturaInformatiiSuplimentare: info,
      FacturaMoneda: doc.moneda,
      FacturaGreutate: '',
      FacturaIndexSPV: '',
    },
    lines: rows.map((r, i) => ({
      LinieNrCrt: String(i + 1), Descriere: r.descriere, UM: r.um, Cantitate: r.cantitate, Pret: r.pret, Valoare: sagaAmount(r.valoare),
      ProcTVA: String(Number(r.cota)), TVA: sagaAmount(vat.get(i) ?? 0),
    })),
  };
}

/**
 * A supplier's invoice received through e-Factura, as SAGA imports it into "Intrări" (the company's fiscal code
 * is the `ClientCIF`). Amounts are in the document's currency; each VAT group's amount is shared out over its lines.
 */
export function sagaReceivedInvoice(id: string, doc: ReceivedDocument, indexSpv: string): SagaInvoice {
  const sign = doc.kind === 'credit_note' ? -1 : 1;
  const key = (c: string | null, p: string | null) => `${c ?? ''}|${Number(p ?? '0')}`;
  type Row = { descriere: string; um: string; cantitate: string; pret: string; valoare: number; cota: string | null; group: string; cod: string };
  const rows: Row[] = doc.lines.map((l) => ({
    descriere: l.description, um: l.unit ?? '', cantitate: sign < 0 ? negate(l.quantity) : l.quantity, pret: l.unitPrice,
    valoare: sign * decimalToBani(l.net), cota: l.vatPercent, group: key(l.vatCategory, l.vatPercent), cod: l.sellerCode ?? '',
  }));
  for (const a of doc.allowances ?? []) {
    const amount = sign * (a.charge ? 1 : -1) * Math.abs(decimalToBani(a.amount));
    rows.push({ descriere: a.reason ?? (a.charge ? 'Majorare' : 'Reducere'), um: 'buc', cantitate: '1', pret: sagaAmount(amount), valoare: amount, cota: a.vatPercent, group: key(a.vatCategory, a.vatPercent), cod: '' });
  }
  const vat = new Map<number, number>();
  for (const g of doc.vat) {
    const members = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.group === key(g.category, g.percent));
    shareOut(sign * decimalToBani(g.amount), members.map(({ r }) => r.valoare)).forEach((share, k) => {
      const m = members[k];
      if (m) vat.set(m.i, share);
    });
  }
  const address = (a: ReceivedDocument['supplier']['address']) => a ?? { street: null, city: null, county: null, postalCode: null, country: null };
  const s = address(doc.supplier.address);
  const b = address(doc.buyer.address);
  const countyOf = (c: string | null) => (c ? county(c.replace(/^RO-/, '')) : '');
  return {
    id,
    fileName: sagaFileName(doc.supplier.vatId ?? doc.supplier.cui, doc.number, doc.issueDate),
    header: {
      FurnizorNume: doc.supplier.name, FurnizorCIF: doc.supplier.vatId ?? doc.supplier.cui ?? '', FurnizorNrRegCom: doc.supplier.regCom ?? '',
      FurnizorCapital: '', FurnizorTara: s.country ?? '', FurnizorLocalitate: s.city ?? '', FurnizorJudet: countyOf(s.county), FurnizorAdresa: s.street ?? '',
      FurnizorTelefon: '', FurnizorMail: '', FurnizorBanca: '', FurnizorIBAN: doc.supplier.iban ?? '', FurnizorInformatiiSuplimentare: '',
      ClientNume: doc.buyer.name, ClientInformatiiSuplimentare: '', ClientCIF: doc.buyer.vatId ?? doc.buyer.cui ?? '', ClientNrRegCom: doc.buyer.regCom ?? '',
      ClientJudet: countyOf(b.county), ClientTara: b.country ?? '', ClientLocalitate: b.city ?? '', ClientAdresa: b.street ?? '',
      ClientBanca: '', ClientIBAN: '', ClientTelefon: '', ClientMail: '',
      FacturaNumar: doc.number,
      FacturaData: sagaDate(doc.issueDate),
      FacturaScadenta: doc.dueDate ? sagaDate(doc.dueDate) : '',
      FacturaTaxareInversa: sagaYesNo(doc.lines.some((l) => l.vatCategory === 'AE')),
      FacturaTVAIncasare: sagaYesNo((doc.notes ?? []).some((n) => /tva la [iî]ncasare/i.test(n))),
      FacturaInformatiiSuplimentare: doc.kind === 'credit_note' && doc.precedingInvoice ? `Storno la factura ${doc.precedingInvoice}` : '',
      FacturaMoneda: doc.currency,
      FacturaGreutate: '',
      FacturaIndexSPV: indexSpv,
    },
    lines: rows.map((r, i) => ({
      LinieNrCrt: String(i + 1), Descriere: r.descriere, CodArticolFurnizor: r.cod, UM: r.um, Cantitate: r.cantitate, Pret: r.pret,
      Valoare: sagaAmount(r.valoare), ProcTVA: r.cota === null ? '' : String(Number(r.cota)), TVA: sagaAmount(vat.get(i) ?? 0),
    })),
  };
}

function negate(quantity: string): string {
  const q = quantity.trim();
  if (/^-?0*(\.0*)?$/.test(q)) return q;
  return q.startsWith('-') ? q.slice(1) : `-${q}`;
}
