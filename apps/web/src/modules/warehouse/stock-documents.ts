import type { StockDocumentKind, WarehouseSeriesRef } from '@roaauto/shared';

/** Series names each kind starts from on a device: NIR, AV; then NIR2, AV2… when another device holds it. */
const stems: Record<StockDocumentKind, string> = { nir: 'NIR', aviz: 'AV' };

/** The first series name of `kind` not yet taken in the company. */
export function proposedSeriesName(kind: StockDocumentKind, taken: ReadonlySet<string>): string {
  const stem = stems[kind];
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** The series of a kind this device holds (oldest first), as `heldSeries` reads them. */
export const heldSeriesSql = `SELECT id, serie, ultimul_numar FROM warehouse_series
  WHERE tip_document = ? AND activa = 1 AND client_id = (SELECT value FROM _sync_meta WHERE key = 'client_id') ORDER BY created_at, id`;

/**
 * The series this device numbers a document of `kind` in: the one it holds, or a new one it makes for
 * itself (the rule lets a device create a series only for itself). The warehouse's series are made on the
 * device, offline too; a name another device took offline in the meantime is refused on push.
 */
export function seriesToUse(kind: StockDocumentKind, held: readonly WarehouseSeriesRef[], taken: ReadonlySet<string>, clientId: string, newId: () => string):
{ series: WarehouseSeriesRef; create: Record<string, unknown> | null } {
  const [first] = held;
  if (first) return { series: first, create: null };
  const id = newId();
  const serie = proposedSeriesName(kind, taken);
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
