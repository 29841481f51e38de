import { orderDocKind, stockMovementsTable, warehouseRefusals } from '@roaauto/shared';
import type { SyncHook } from '../../sync/hooks';

/** The table of the document a movement names, by its `doc_tip` (kinds of later modules are not checked). */
export const movementDocumentTables: Readonly<Record<string, string>> = {
  nir: 'stock_receipts',
  aviz: 'delivery_notes',
  inventar: 'stock_counts',
  [orderDocKind]: 'orders',
};

/**
 * The warehouse's step of a push: a new movement whose document (a NIR, a delivery note, a count, an
 * order) is neither stored nor written by this push is refused, with its cost row (which references it)
 * and a transfer's other half. A device writes a document and its movements in one local transaction, the
 * document first, so the document was refused in this push (its number taken, its series refused, a
 * second NIR of one received invoice) or never existed: its movements must not land as stray stock. Stored
 * documents count even if deleted since (an order's parts left the shelf all the same).
 */
export const movementsSyncHook: SyncHook = async ({ tx, store, state, touched, refuse }) => {
  const wanted = new Map<string, Set<string>>();
  const movements: { key: string; table: string; docId: string; kind: string }[] = [];
  for (const [key, t] of touched) {
    if (t.def.name !== stockMovementsTable.name || !t.isNew) continue;
    const kind = typeof t.row.doc_tip === 'string' ? t.row.doc_tip : null;
    const docId = typeof t.row.doc_id === 'string' ? t.row.doc_id : null;
    const table = kind ? movementDocumentTables[kind] : undefined;
    if (!kind || !docId || !table) continue;
    movements.push({ key, table, docId, kind });
    if (!state.has(`${table}:${docId}`)) (wanted.get(table) ?? wanted.set(table, new Set()).get(table))?.add(docId);
  }
  if (!movements.length) return;
  const stored = new Set<string>();
  for (const [table, ids] of wanted) {
    // Only well-formed ids are looked up (the column is text; PostgreSQL's uuid columns refuse others).
    const list = [...ids].filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (list.length) for (const id of await store.knownIds(tx, table, list)) stored.add(`${table}:${id}`);
  }
  for (const m of movements) {
    const docKey = `${m.table}:${m.docId}`;
    if (state.has(docKey) || stored.has(docKey)) continue;
    refuse(m.key, warehouseRefusals.refuse('warehouse.movement_document', { kind: m.kind }));
  }
};
