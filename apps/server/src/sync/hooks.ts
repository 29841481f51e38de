import type { Entitlements, Refusal, TableDef } from '@roaauto/shared';
import type { TenantTx } from '../core/tenancy/tenant-scope';
import type { Row, SyncStore } from './sync.store';

/**
 * The rows a push changes, by `table:id`, as they will be written. `sources` are the keys of the
 * pushed rows a hook derived this one from (an invoice for its order's status, lines for their
 * order's totals): if the database refuses the row, the mutations of those rows answer for it.
 */
export type TouchedRows = Map<string, { def: TableDef; row: Row; isNew: boolean; sources?: ReadonlySet<string> }>;

/** Records a row a hook changed, keeping what it was derived from alongside any earlier sources. */
export function touchDerived(touched: TouchedRows, key: string, def: TableDef, row: Row, sources: Iterable<string>): void {
  const before = touched.get(key);
  const all = new Set(before?.sources);
  for (const s of sources) if (s !== key) all.add(s);
  touched.set(key, { def, row, isNew: before?.isNew ?? false, sources: all });
}

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
  /** The pushing company's plan: its modules and limits. */
  entitlements: Entitlements;
  /**
   * Runs `fn` once the push is committed (never if it is not): work outside the database that must
   * follow only what was stored, such as sending what the push queued. Errors are logged, not thrown.
   */
  afterCommit: (fn: () => void) => void;
  /**
   * Refuses the pushed row `table:id` with a rule's refusal, as if its table's rule had: the mutations
   * that made it are answered `rejected` (with the stored copy, if any, for the device to roll back to),
   * the row is not written, and neither is any row of the push that references it (a transfer's other
   * half, a movement's cost), which is refused alike. For rules that need more than one row and its
   * parent (a movement whose document was refused in the same push).
   */
  refuse: (key: string, refusal: Refusal) => void;
}) => Promise<void>;
