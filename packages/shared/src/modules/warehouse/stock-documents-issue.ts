import { newId } from '../../ids';
import type { WriteOp } from '../../sync/client';
import { milli } from './quantity';
import {
  stockReceiptLineAmounts, stockReceiptLineUnitCost, stockReceiptTotals,
  type DeliveryNoteDocument, type StockReceiptDocument, type StockReceiptLine,
} from './stock-documents';

/** The series a document is numbered in (a `warehouse_series` row). */
export type WarehouseSeriesRef = { id: string; serie: string; ultimul_numar: number };

/** A NIR line as typed or prefilled from an invoice, before its amounts are worked out. */
export type StockReceiptLineInput = Omit<StockReceiptLine, 'valoare' | 'tva'> & {
  /** Remember `codFurnizor` as this supplier's code for the product (a match the user made). */
  rememberCode?: boolean;
};

export type StockReceiptInput = Omit<StockReceiptDocument, 'serie' | 'numar' | 'linii' | 'totals'> & {
  series: WarehouseSeriesRef;
  linii: StockReceiptLineInput[];
  userId: string | null;
};

const negate = (q: string) => (q.startsWith('-') ? q.slice(1) : `-${q}`);

/**
 * The local writes that issue a NIR, for one transaction: the series moves to its next number, the NIR
 * is written with that number, each line's received quantity enters the location as a receipt movement
 * naming the NIR (`doc_tip` 'nir') with its unit cost, the products' last purchase price is noted
 * (`costs` holds the product_costs row ids known for them) and supplier codes the user matched are
 * remembered. The tables' rules check it again, on this device and on the server.
 */
export function stockReceiptOps(input: StockReceiptInput, costs: ReadonlyMap<string, string> = new Map()): { receiptId: string; document: StockReceiptDocument; ops: WriteOp[] } {
  const numar = input.series.ultimul_numar + 1;
  const linii: StockReceiptLine[] = input.linii.map(({ rememberCode: _remember, ...l }) => ({ ...l, ...stockReceiptLineAmounts(l) }));
  const { series, userId, linii: _lines, ...rest } = input;
  const document: StockReceiptDocument = { ...rest, serie: series.serie, numar, linii, totals: stockReceiptTotals(linii) };
  const receiptId = newId();
  const ops: WriteOp[] = [
    { op: 'update', table: 'warehouse_series', id: series.id, patch: { ultimul_numar: numar } },
    {
      op: 'create', table: 'stock_receipts', data: {
        id: receiptId, serie_id: series.id, serie: series.serie, numar, data: document.data, location_id: document.gestiune.id,
        furnizor_nume: document.furnizor.nume, furnizor_cui: document.furnizor.cui, factura_numar: document.factura.numar, factura_data: document.factura.data,
        received_invoice_id: document.facturaPrimitaId, total_fara_tva: document.totals.baza, tva: document.totals.tva, total: document.totals.total,
        document: JSON.stringify(document), emis_de: userId,
      },
    },
  ];
  const priced = new Set<string>();
  for (const [i, l] of linii.entries()) {
    const movementId = newId();
    ops.push(
      {
        op: 'create', table: 'stock_movements', data: {
          id: movementId, tip: 'intrare', product_id: l.productId, location_id: document.gestiune.id, cantitate: l.cantitate, data: document.data,
          transfer_id: null, doc_tip: 'nir', doc_id: receiptId, user_id: userId, nota: `NIR ${series.serie} ${numar}`,
        },
      },
      { op: 'create', table: 'stock_movement_costs', data: { movement_id: movementId, cost_unitar: stockReceiptLineUnitCost(l) } },
    );
    if (!priced.has(l.productId)) {
      priced.add(l.productId);
      const costId = costs.get(l.productId);
      const pret = stockReceiptLineUnitCost(l);
      ops.push(costId
        ? { op: 'update', table: 'product_costs', id: costId, patch: { pret_achizitie: pret } }
        : { op: 'create', table: 'product_costs', data: { product_id: l.productId, pret_achizitie: pret } });
    }
    const code = input.linii[i]?.rememberCode ? l.codFurnizor?.trim() : null;
    if (code) {
      ops.push({ op: 'create', table: 'product_supplier_codes', data: { product_id: l.productId, furnizor_cui: document.furnizor.cui, furnizor_nume: document.furnizor.nume, cod: code } });
    }
  }
  return { receiptId, document, ops };
}

export type DeliveryNoteInput = Omit<DeliveryNoteDocument, 'serie' | 'numar'> & { series: WarehouseSeriesRef; userId: string | null };

/**
 * The local writes that issue a delivery note: the series' next number, the note, and per line either a
 * transfer (−q at the source, +q at the destination naming it) when the goods go to another location, or
 * an issue (−q) when they go to a customer; every movement names the note (`doc_tip` 'aviz').
 */
export function deliveryNoteOps(input: DeliveryNoteInput): { noteId: string; document: DeliveryNoteDocument; ops: WriteOp[] } {
  const numar = input.series.ultimul_numar + 1;
  const { series, userId, ...rest } = input;
  const document: DeliveryNoteDocument = { ...rest, serie: series.serie, numar };
  const noteId = newId();
  const to = document.catre;
  const ops: WriteOp[] = [
    { op: 'update', table: 'warehouse_series', id: series.id, patch: { ultimul_numar: numar } },
    {
      op: 'create', table: 'delivery_notes', data: {
        id: noteId, serie_id: series.id, serie: series.serie, numar, data: document.data, location_id: document.din.id,
        to_location_id: to.tip === 'gestiune' ? to.id : null, destinatar_nume: to.nume, document: JSON.stringify(document), emis_de: userId,
      },
    },
  ];
  const base = { data: document.data, doc_tip: 'aviz', doc_id: noteId, user_id: userId, nota: `Aviz ${series.serie} ${numar}` };
  for (const l of document.linii) {
    if (milli(l.cantitate) <= 0n) continue;
    const out = newId();
    ops.push({
      op: 'create', table: 'stock_movements', data: {
        ...base, id: out, tip: to.tip === 'gestiune' ? 'transfer' : 'iesire', product_id: l.productId, location_id: document.din.id, cantitate: negate(l.cantitate), transfer_id: null,
      },
    });
    if (to.tip === 'gestiune') {
      ops.push({ op: 'create', table: 'stock_movements', data: { ...base, id: newId(), tip: 'transfer', product_id: l.productId, location_id: to.id, cantitate: l.cantitate, transfer_id: out } });
    }
  }
  return { noteId, document, ops };
}

/** The received invoices that already have a NIR: the inbox offers only the others. */
export function invoicesWithReceipt(receipts: readonly { received_invoice_id: string | null }[]): Set<string> {
  return new Set(receipts.flatMap((r) => (r.received_invoice_id ? [r.received_invoice_id] : [])));
}

/** A supplier invoice's line as the e-Factura inbox keeps it (the fields a NIR reads). */
export type InvoiceLineForReceipt = {
  description: string; quantity: string; unit: string | null; unitPrice: string; vatPercent: string | null;
  sellerCode?: string | null; standardCode?: string | null;
};

/** What the device knows to match invoice lines to products: supplier codes and barcodes. */
export type ProductMatchIndex = {
  supplierCodes: readonly { product_id: string; furnizor_cui: string | null; cod: string }[];
  barcodes: readonly { id: string; cod_bare: string | null }[];
};

/** A tax id's digits without the RO prefix and spaces ("RO 123" → "123"). */
const cuiDigits = (cui: string | null | undefined) => (cui ?? '').toUpperCase().replace(/^RO/, '').replace(/\s+/g, '');
const sameCode = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The product an invoice line is: first by this supplier's code for it (a code remembered without a
 * supplier also counts), then by its EAN among the products' barcodes; null when the user must pick.
 */
export function matchInvoiceLine(line: Pick<InvoiceLineForReceipt, 'sellerCode' | 'standardCode'>, supplierCui: string | null, index: ProductMatchIndex): { productId: string; by: 'supplier_code' | 'ean' } | null {
  const code = line.sellerCode?.trim();
  if (code) {
    const mine = cuiDigits(supplierCui);
    const hits = index.supplierCodes.filter((c) => sameCode(c.cod, code) && (c.furnizor_cui === null || cuiDigits(c.furnizor_cui) === mine));
    const exact = hits.find((c) => c.furnizor_cui !== null) ?? hits[0];
    if (exact) return { productId: exact.product_id, by: 'supplier_code' };
  }
  const ean = line.standardCode?.trim();
  if (ean) {
    const p = index.barcodes.find((b) => b.cod_bare !== null && b.cod_bare === ean);
    if (p) return { productId: p.id, by: 'ean' };
  }
  return null;
}

/**
 * An invoice amount in lei as written ("12.3456") as bani with at most two decimals of a ban (1234.56),
 * rounded half up beyond that; null when it is not a plain non-negative decimal.
 */
export function leiToUnitPriceBani(amount: string): number | null {
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(5, '0');
  // Hundredths of a ban, rounded on the fifth decimal of a leu.
  const hundredths = BigInt(m[1] ?? '0') * 10_000n + BigInt(frac.slice(0, 4)) + (Number(frac[4]) >= 5 ? 1n : 0n);
  return Number(hundredths) / 100;
}
