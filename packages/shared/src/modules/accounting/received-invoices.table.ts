import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { accountingRefusals } from './refusals';

const { refuse } = accountingRefusals;

/** A supplier's invoice as read from its UBL (the server's reader); amounts as written, in the document's currency. */
export type ReceivedLine = { description: string; quantity: string; unit: string | null; unitPrice: string; net: string; vatCategory: string | null; vatPercent: string | null };
export type ReceivedVat = { category: string; percent: string | null; base: string; amount: string };
export type ReceivedDocument = {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  supplier: { name: string; cui: string | null; vatId: string | null };
  buyer: { name: string; cui: string | null };
  lines: ReceivedLine[];
  vat: ReceivedVat[];
  totals: { net: string; vat: string; total: string; payable: string };
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
