import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { accountingRefusals } from './refusals';

const { refuse } = accountingRefusals;

/** An allowance (discount, BG-20/BG-27) or a charge (BG-21/BG-28), as written. Older rows have none. */
export type ReceivedAllowance = {
  charge: boolean; reason: string | null; amount: string; percent: string | null; base: string | null; vatCategory: string | null; vatPercent: string | null;
};
export type ReceivedLine = {
  description: string; quantity: string; unit: string | null; unitPrice: string; net: string; vatCategory: string | null; vatPercent: string | null;
  /** The line's note (BT-127), its allowances and charges; absent on rows read before they were kept. */
  note?: string | null;
  allowances?: ReceivedAllowance[];
  /** The seller's item code (BT-155) and the item's standard id, usually its EAN (BT-157): what a NIR matches products by. */
  sellerCode?: string | null;
  standardCode?: string | null;
};
export type ReceivedVat = { category: string; percent: string | null; base: string; amount: string; exemption?: string | null };
/** A party's postal address as written (BG-5/BG-8). */
export type ReceivedAddress = { street: string | null; city: string | null; county: string | null; postalCode: string | null; country: string | null };
/** A supplier's invoice as read from its UBL (the server's reader); amounts as written, in the document's currency. */
export type ReceivedDocument = {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  supplier: { name: string; cui: string | null; vatId: string | null; regCom?: string | null; address?: ReceivedAddress | null; iban?: string | null };
  buyer: { name: string; cui: string | null; vatId?: string | null; regCom?: string | null; address?: ReceivedAddress | null };
  lines: ReceivedLine[];
  vat: ReceivedVat[];
  totals: {
    net: string; vat: string; total: string; payable: string;
    lineNet?: string | null; allowances?: string | null; charges?: string | null; prepaid?: string | null; rounding?: string | null;
  };
  /** The fields below are absent on rows read before they were kept. */
  notes?: string[];
  allowances?: ReceivedAllowance[];
  /** The VAT total in another currency when the document gives it (BT-111, RON for a foreign-currency invoice). */
  taxCurrencyVat?: { currency: string; amount: string } | null;
  /** The invoice a credit note corrects (BT-25). */
  precedingInvoice?: string | null;
  paymentTerms?: string | null;
};

/** What ANAF delivered: a device changes only `platita` and `platita_la`. */
const fixedColumns = [
  'anaf_id', 'tip', 'furnizor_nume', 'furnizor_cui', 'numar', 'data_emitere', 'data_scadenta', 'moneda', 'total_fara_tva', 'tva', 'total', 'document', 'duplicat',
] as const;

/**
 * The inbox of supplier invoices received through e-Factura (docs/efactura-spv.md). The server writes
 * them as it downloads them from ANAF (one row per ANAF message); devices only mark them paid.
 */
export const receivedInvoicesTable = defineTable({
  name: 'received_invoices',
  module: 'accounting',
  columns: {
    /** ANAF's message (download) id: a message is stored once. */
    anaf_id: col.text(40),
    tip: col.enum(['factura', 'storno']),
    furnizor_nume: col.text(300),
    furnizor_cui: col.text(30, { nullable: true }),
    numar: col.text(100),
    data_emitere: col.date(),
    data_scadenta: col.date({ nullable: true }),
    moneda: col.text(3),
    total_fara_tva: col.money(),
    tva: col.money(),
    total: col.money(),
    /** The whole document as read (JSON, `ReceivedDocument`). */
    document: col.text(2_000_000),
    /** Another row has the same supplier and number (ANAF delivered it twice, or it was re-sent). */
    duplicat: col.boolean(),
    platita: col.boolean(),
    platita_la: col.date({ nullable: true }),
  },
  indexes: [['anaf_id'], ['furnizor_cui', 'numar'], ['data_emitere']],
  writePermission: 'invoices.issue',
  read: { all: 'invoices.issue' },
  conflict: 'field',
  check: ({ row, previous, deleting }) => {
    if (!previous || deleting) return refuse('received.server_only');
    for (const key of fixedColumns) {
      if (row[key] !== previous[key]) return refuse('received.only_paid');
    }
    return null;
  },
  search: (row) => [row.furnizor_nume, row.furnizor_cui ?? '', row.numar].join(' ').toLowerCase(),
});
