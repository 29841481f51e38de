import type { SyncHook } from '../sync/hooks';
import { ordersSyncHook } from './workshop/orders.sync';

/** The modules' steps of a push (see sync/hooks.ts), in the order they run. */
export const syncHooks: readonly SyncHook[] = [ordersSyncHook];
