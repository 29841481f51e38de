import type { TableDef } from '@roaauto/shared';
import type { TenantTx } from '../core/tenancy/tenant-scope';
import type { Row, SyncStore } from './sync.store';

/** The rows a push changes, by `table:id`, as they will be written. */
export type TouchedRows = Map<string, { def: TableDef; row: Row; isNew: boolean }>;

/**
 * A module's server-side step of a push, after every mutation was checked and before the rows are
 * written: it may change touched rows or touch more (numbers the server assigns, totals it derives).
 * What it sets carries the push's version, so devices pull it like any other change.
 */
export type SyncHook = (ctx: {
  tx: TenantTx;
  store: SyncStore;
  /** Every row the push loaded or changed, by `table:id` (the server's current copies). */
  state: Map<string, Row>;
  touched: TouchedRows;
  version: number;
  now: string;
  clientId: string;
}) => Promise<void>;
