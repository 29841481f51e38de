import { ordersTable } from '@roaauto/shared';
import { touchDerived, type SyncHook } from '../../../../sync/hooks';

/**
 * An invoice issued for an order makes the order FACTURAT on the server, whatever the device's own
 * change of the order became (refused because another device reopened it meanwhile, or not sent by a
 * user who may issue invoices but not change orders): the invoice is a legal fact, the order follows it.
 */
export const orderInvoicedHook: SyncHook = async ({ tx, store, state, touched, version, now, clientId }) => {
  for (const t of [...touched.values()]) {
    if (t.def.name !== 'invoices' || !t.isNew || t.row.tip !== 'factura' || typeof t.row.order_id !== 'string') continue;
    const key = `orders:${t.row.order_id}`;
    const order = state.get(key) ?? (await store.loadRows(tx, 'orders', [t.row.order_id]))[0];
    // An order another invoice already made FACTURAT stays with that one (two devices invoiced it offline:
    // both invoices are issued documents; a credit note corrects the extra one).
    if (!order || order.deleted_at || order.status === 'FACTURAT') continue;
    const next = { ...order, status: 'FACTURAT', factura_id: t.row.id, updated_at: now, version, last_client_id: clientId };
    touchDerived(touched, key, ordersTable, next, [`invoices:${t.row.id}`]);
    state.set(key, next);
  }
};
