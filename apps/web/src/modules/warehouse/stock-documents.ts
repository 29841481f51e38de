import { offlineWarehouseSeriesName, type StockDocumentKind, type WarehouseSeriesRef } from '@roaauto/shared';

/** The series of a kind this device holds (oldest first), as `heldSeries` reads them. */
export const heldSeriesSql = `SELECT id, serie, ultimul_numar FROM warehouse_series
  WHERE tip_document = ? AND activa = 1 AND client_id = (SELECT value FROM _sync_meta WHERE key = 'client_id') ORDER BY created_at, id`;

/**
 * The series this device numbers a document of `kind` in: the one it holds, or a new one it makes for
 * itself (the rule lets a device create a series only for itself). With a connection the server makes
 * it first (`series-source.ts`); one made here, offline or without an account, is named after this
 * device ("NIR-3F9A1C", 24 random bits), so another device making the same name is all but impossible.
 */
export function seriesToUse(kind: StockDocumentKind, held: readonly WarehouseSeriesRef[], clientId: string, newId: () => string):
{ series: WarehouseSeriesRef; create: Record<string, unknown> | null } {
  const [first] = held;
  if (first) return { series: first, create: null };
  const id = newId();
  const serie = offlineWarehouseSeriesName(kind, clientId);
  return {
    series: { id, serie, ultimul_numar: 0 },
    create: { id, tip_document: kind, serie, numar_start: 1, ultimul_numar: 0, client_id: clientId, descriere: null, activa: 1 },
  };
}

/** Lists: the newest first. */
export const receiptsListSql = `SELECT id, serie, numar, data, furnizor_nume, factura_numar, total FROM stock_receipts
  ORDER BY data DESC, numar DESC LIMIT 200`;
export const deliveryNotesListSql = `SELECT id, serie, numar, data, destinatar_nume FROM delivery_notes
  ORDER BY data DESC, numar DESC LIMIT 200`;
