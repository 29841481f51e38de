import type { StockDocumentKind, WarehouseSeriesRef } from '@roaauto/shared';
import { apiFetch, NetworkError } from '@/app/api';
import type { LocalDatabase } from '@/db/local-database';
import { heldSeriesSql, seriesToUse } from './stock-documents';

/**
 * The series a document of `kind` is numbered in on this device, before it is issued: the one it holds;
 * else, signed in and online, the one the server makes for it (`POST /api/warehouse/series`: a company
 * name such as NIR or NIR2, unique because the server names it), brought here by a sync; else (offline,
 * no account, the server unreachable) one the device makes itself, named after the device.
 */
export async function seriesForIssue(
  db: LocalDatabase, kind: StockDocumentKind, o: { online: boolean; token: (() => Promise<string>) | null }, newId: () => string,
): Promise<{ series: WarehouseSeriesRef; create: Record<string, unknown> | null }> {
  const held = () => db.query<WarehouseSeriesRef>(heldSeriesSql, [kind]);
  const clientId = await db.clientId();
  let mine = await held();
  if (!mine.length && o.online && o.token) {
    try {
      await apiFetch('/api/warehouse/series', { method: 'POST', json: { tipDocument: kind, clientId }, token: await o.token() });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
    }
    // Without cloud sync the series stays on the server: the device then makes its own, as offline.
    await db.syncNow().catch(() => undefined);
    mine = await held();
  }
  return seriesToUse(kind, mine, clientId, newId);
}
