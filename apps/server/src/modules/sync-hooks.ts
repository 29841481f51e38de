import type { SyncHook } from '../sync/hooks';
import { invoicesSyncHook } from './accounting/invoices.sync';
import { ordersSyncHook } from './workshop/orders.sync';

/** The modules' steps of a push (see sync/hooks.ts), in the order they run. */
export const syncHooks: readonly SyncHook[] = [invoicesSyncHook, ordersSyncHook];
