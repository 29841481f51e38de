import { z } from 'zod';
import { countAdjustments, countReport, DomainError, refusalError, warehouseRefusals, type CountLedgerRow } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';

/**
 * A count's online path: the differences report as the server's ledger has it, and applying a finished
 * count, once: its `inventar` movements have ids fixed by the count and the product, so a second apply (a
 * retry, or a phone that applied offline first) finds them and writes nothing again. Phones apply offline
 * the same way (the same rows) through sync.
 */
export const countRoutes: ModuleRoutes = async (app, { guards, sync }) => {
  app.post('/api/warehouse/counts/:id/apply', {
    onRequest: [guards.permission('warehouse.write'), guards.module('warehouse')],
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['warehouse'],
      summary: 'Applies a finished count: its differences become inventar movements, once',
      params: z.object({ id: z.uuid() }).strict(),
    },
  }, async (request) => {
    const user = userOf(request);
    const countId = request.params.id;
    return sync.serverWrite(user.tenantId, async ({ tx, load, children, now }) => {
      const [count] = await load('stock_counts', [countId]);
      if (!count || count.deleted_at) throw new DomainError('not_found', 'No such count');
      if (count.status === 'deschis') throw refusalError(warehouseRefusals.refuse('warehouse.count_status'));
      const locationId = String(count.location_id);
      const lines = (await children('stock_count_lines', 'count_id', [countId])).map((l) => ({ product_id: String(l.product_id), cantitate: String(l.cantitate) }));
      const ledger: CountLedgerRow[] = await tx.db.selectFrom('stock_movements').select(['product_id', 'cantitate', 'created_at', 'doc_tip', 'doc_id'])
        .where('location_id', '=', locationId).where('deleted_at', 'is', null).execute();
      const report = countReport({ countId, start: count.created_at, ledger, lines });
      const adjustments = countAdjustments({ countId, locationId, data: now.slice(0, 10), userId: user.userId, report });
      const existing = new Set((await load('stock_movements', adjustments.map((a) => a.id))).map((r) => r.id));
      const fresh = adjustments.filter((a) => !existing.has(a.id));
      const rows: { table: string; row: Record<string, unknown>; isNew: boolean }[] = fresh.map((row) => ({ table: 'stock_movements', row, isNew: true }));
      if (count.status !== 'aplicat') rows.push({ table: 'stock_counts', row: { ...count, status: 'aplicat', aplicat_la: now }, isNew: false });
      return {
        rows,
        result: { applied: fresh.length, already: adjustments.length - fresh.length, differences: report.differences },
      };
    });
  });
};
