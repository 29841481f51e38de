import type { LineDecision, LineKind, ordersTable, RowOf } from '@roaauto/shared';

/** A stored order line (the columns the form reads and writes). */
export type OrderLineRow = {
  id: string;
  order_id: string;
  tip: LineKind;
  descriere: string;
  norma_id: string | null;
  ore: string | null;
  pret_ora: number | null;
  um: string | null;
  cantitate: string | null;
  pret_unitar: number | null;
  total: number;
  mecanic_id: string | null;
  ordine: number;
  /** The customer's decision through the client portal (set by the server); a declined line leaves the totals. */
  decizie_client?: LineDecision | null;
  /** A material line's product from the warehouse (its `order_stock` bridge). */
  product_id?: string | null;
};

/** An order as stored locally: the shared declaration's row. */
export type OrderRow = RowOf<typeof ordersTable.columns>;
