import { z } from 'zod';
import {
  can, DomainError, effectiveWarehouseSettings, fromMilli, milli, newId, refusalError, stockMovementsTable, warehouseRefusals,
  type NegativeStockPolicy, type ValuationMethod,
} from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';

const movementBody = z.object({
  id: z.uuid().optional(),
  tip: z.enum(['intrare', 'iesire', 'transfer', 'inventar', 'retur']),
  product_id: z.uuid(),
  location_id: z.uuid(),
  cantitate: z.string().regex(/^-?\d{1,12}(\.\d{1,3})?$/),
  data: z.iso.date(),
  transfer_id: z.uuid().nullable().optional(),
  doc_tip: z.string().max(30).nullable().optional(),
  doc_id: z.string().max(40).nullable().optional(),
  nota: z.string().max(500).nullable().optional(),
  /** Bani per unit, for a movement into stock; needs `warehouse.costs`. */
  cost_unitar: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
}).strict();

/** The company's settings as stored (the oldest row), or the defaults. */
async function settingsOf(tx: TenantTx): Promise<{ stoc_negativ: NegativeStockPolicy; evaluare: ValuationMethod }> {
  const rows = await tx.db.selectFrom('warehouse_settings').select(['id', 'created_at', 'stoc_negativ', 'evaluare']).where('deleted_at', 'is', null).execute();
  return effectiveWarehouseSettings(rows);
}

/** Stock (thousandths) of each product and location asked, summed exactly from the ledger. */
async function stockOf(tx: TenantTx, pairs: readonly { product_id: string; location_id: string }[]): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  const products = [...new Set(pairs.map((p) => p.product_id))];
  if (!products.length) return out;
  const rows = await tx.db.selectFrom('stock_movements').select(['product_id', 'location_id', 'cantitate'])
    .where('product_id', 'in', products).where('deleted_at', 'is', null).execute();
  for (const r of rows) {
    const key = `${r.product_id}|${r.location_id}`;
    out.set(key, (out.get(key) ?? 0n) + milli(r.cantitate));
  }
  return out;
}

/**
 * The warehouse's endpoints. Devices write the ledger through sync (offline first); these are the online
 * path: movements recorded while the server sees the stock, where the company's "refuse" policy for
 * negative stock is enforced, and the stock as the server has it.
 */
export const warehouseRoutes: ModuleRoutes = async (app, { guards, database, sync }) => {
  app.get('/api/warehouse/stock', {
    onRequest: [guards.permission('warehouse.read'), guards.module('warehouse')],
    schema: { tags: ['warehouse'], summary: 'Stock per product and location (the sum of the movements)', querystring: z.object({ productId: z.uuid().optional() }).strict() },
  }, async (request) => {
    const productId = request.query.productId;
    return withTenant(database, userOf(request).tenantId, async (tx) => {
      let q = tx.db.selectFrom('stock_movements').select(['product_id', 'location_id', 'cantitate']).where('deleted_at', 'is', null);
      if (productId) q = q.where('product_id', '=', productId);
      const sums = new Map<string, { product_id: string; location_id: string; q: bigint }>();
      for (const r of await q.execute()) {
        const key = `${r.product_id}|${r.location_id}`;
        const s = sums.get(key) ?? sums.set(key, { product_id: r.product_id, location_id: r.location_id, q: 0n }).get(key);
        if (s) s.q += milli(r.cantitate);
      }
      return { stock: [...sums.values()].map((s) => ({ productId: s.product_id, locationId: s.location_id, cantitate: fromMilli(s.q), negativ: s.q < 0n })) };
    });
  });

  app.post('/api/warehouse/movements', {
    onRequest: [guards.permission('warehouse.write'), guards.module('warehouse')],
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['warehouse'],
      summary: 'Records movements (one, or a transfer\'s two rows) while online: with the "refuse" policy, an issue beyond the stock is refused',
      body: z.object({ movements: z.array(movementBody).min(1).max(2) }).strict(),
    },
  }, async (request, reply) => {
    const user = userOf(request);
    const { movements } = request.body;
    if (movements.some((m) => m.cost_unitar != null) && !can(user.role, 'warehouse.costs')) {
      throw new DomainError('forbidden', 'Recording costs needs warehouse.costs');
    }
    const ids = await sync.serverWrite(user.tenantId, async ({ tx, load }) => {
      const products = await load('products', movements.map((m) => m.product_id));
      const locations = await load('stock_locations', movements.map((m) => m.location_id));
      for (const m of movements) {
        if (!products.some((p) => p.id === m.product_id && !p.deleted_at)) throw new DomainError('validation_failed', 'Unknown product');
        if (!locations.some((l) => l.id === m.location_id && !l.deleted_at)) throw new DomainError('validation_failed', 'Unknown location');
      }
      const now = new Date().toISOString();
      const rows = movements.map((m) => ({
        id: m.id ?? newId(), tip: m.tip, product_id: m.product_id, location_id: m.location_id, cantitate: m.cantitate, data: m.data,
        transfer_id: m.transfer_id ?? null, doc_tip: m.doc_tip ?? null, doc_id: m.doc_id ?? null, user_id: user.userId, nota: m.nota ?? null,
      }));
      for (const row of rows) {
        // A transfer's destination names its source row, which is one of this request's.
        if (row.transfer_id !== null && !rows.some((r) => r.id === row.transfer_id)) throw refusalError(warehouseRefusals.refuse('warehouse.transfer_pair'));
        const problem = stockMovementsTable.check?.({ row: { ...row, created_at: now, updated_at: now }, previous: null, parent: null, deleting: false, clientId: '' });
        if (problem) throw refusalError(problem);
      }
      if ((await settingsOf(tx)).stoc_negativ === 'refuse') {
        const stock = await stockOf(tx, rows);
        for (const row of rows) {
          const key = `${row.product_id}|${row.location_id}`;
          const before = stock.get(key) ?? 0n;
          const after = before + milli(row.cantitate);
          stock.set(key, after);
          if (milli(row.cantitate) < 0n && after < 0n) {
            throw refusalError(warehouseRefusals.refuse('warehouse.negative_stock', { stock: fromMilli(before), quantity: fromMilli(-milli(row.cantitate)) }));
          }
        }
      }
      const costRows = movements.flatMap((m, i) => (m.cost_unitar != null ? [{ id: newId(), movement_id: rows[i]?.id ?? '', cost_unitar: m.cost_unitar }] : []));
      return {
        rows: [...rows.map((row) => ({ table: 'stock_movements', row, isNew: true })), ...costRows.map((row) => ({ table: 'stock_movement_costs', row, isNew: true }))],
        result: rows.map((r) => r.id),
      };
    });
    return reply.code(201).send({ ids });
  });
};
