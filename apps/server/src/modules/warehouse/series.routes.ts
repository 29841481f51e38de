import { z } from 'zod';
import { newId, stockDocumentKinds, warehouseSeriesName, warehouseSeriesTable, type StockDocumentKind } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import type { SyncService } from '../../sync/sync.service';
import { publicRow } from '../../sync/sync.store';

const table = warehouseSeriesTable.name;

/** A unique index refused the row (another request took the same name at the same moment). */
function nameTaken(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The NIR or aviz series of `kind` the device `clientId` numbers in: the oldest active one it holds, or
 * a new one the server names (NIR, NIR2…: the first name free in the company) and gives it. Only the server
 * can promise a name is used once, so with a connection a device asks here rather than making one itself.
 */
export async function deviceWarehouseSeries(sync: SyncService, auth: UserAuth, kind: StockDocumentKind, clientId: string) {
  await sync.claimClient(auth, clientId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await sync.serverWrite(auth.tenantId, async ({ tx, now }) => {
        const rows = await tx.db.selectFrom(table).selectAll().where('deleted_at', 'is', null).execute();
        const held = rows.filter((r) => r.client_id === clientId && r.tip_document === kind && r.activa === 1)
          .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];
        if (held) return { rows: [], result: { created: false, series: publicRow(warehouseSeriesTable, held) } };
        // Deleted series keep their name: the unique index holds it.
        const taken = new Set((await tx.db.selectFrom(table).select('serie').execute()).map((r) => r.serie));
        const row = {
          id: newId(), tip_document: kind, serie: warehouseSeriesName(kind, taken), numar_start: 1, ultimul_numar: 0, client_id: clientId, descriere: null, activa: 1,
        };
        return { rows: [{ table, row, isNew: true }], result: { created: true, series: { ...row, created_at: now, updated_at: now } } };
      });
    } catch (err) {
      if (!nameTaken(err) || attempt >= 2) throw err;
    }
  }
}

/** `POST /api/warehouse/series`: the device's series of a kind, made by the server when it has none. */
export const warehouseSeriesRoutes: ModuleRoutes = async (app, { guards, sync }) => {
  app.post('/api/warehouse/series', {
    onRequest: [guards.permission('warehouse.write'), guards.module('warehouse')],
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['warehouse'],
      summary: 'The NIR or delivery-note series this device numbers in; made (with a free name) if it holds none',
      body: z.object({ tipDocument: z.enum(stockDocumentKinds), clientId: z.uuid() }).strict(),
    },
  }, async (request, reply) => {
    const out = await deviceWarehouseSeries(sync, userOf(request), request.body.tipDocument, request.body.clientId);
    return reply.code(out.created ? 201 : 200).send(out);
  });
};
