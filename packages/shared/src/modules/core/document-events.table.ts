import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { coreRefusals } from './refusals';

export const documentKinds = ['factura', 'deviz'] as const;
export const documentActions = ['emitere', 'storno', 'tiparire', 'descarcare', 'partajare', 'efactura', 'email'] as const;
export type DocumentAction = (typeof documentActions)[number];

/**
 * The audit trail of fiscal documents: every issue, credit note, print, download, share, e-mail and
 * e-Factura export, by whom and on which device (or by the server). Append-only: a record is never changed or
 * deleted, and it syncs like any row, so an offline device's prints reach the server's trail too.
 */
export const documentEventsTable = defineTable({
  name: 'document_events',
  module: 'core',
  columns: {
    document: col.enum(documentKinds),
    document_id: col.id({ references: ['invoices', 'orders'] }),
    actiune: col.enum(documentActions),
    /** What people read in the trail: "Factura ROA 12", "Deviz 1045". */
    descriere: col.text(200),
    user_id: col.id({ nullable: true, references: 'users' }),
    /** The device (sync client id), or null when the server did it. */
    client_id: col.id({ nullable: true, references: 'devices' }),
  },
  indexes: [['document_id']],
  writePermission: 'documents.print',
  read: { all: 'audit.read', createdBy: true },
  conflict: 'field',
  check: ({ previous, deleting }) => (deleting || previous ? coreRefusals.refuse('audit.immutable') : null),
});
