import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { workshopRefusals } from './refusals';
import { searchKey } from '../../validation/search';
import { canTransition, isEditable, lineAmountsError, lineDecisions, lineKinds, lineTotal, orderStatuses, type OrderStatus } from './order-rules';

const { refuse } = workshopRefusals;

/** Columns of an order that only change while it is a draft (status and the server's totals aside). */
const detailColumns = [
  'nr_comanda', 'data_comanda', 'vehicle_id', 'tip_deviz_id', 'km_intrare', 'observatii', 'client_nume', 'client_telefon',
  'client_email', 'client_cod_fiscal', 'client_adresa', 'nr_auto', 'serie_sasiu', 'marca_denumire', 'model_denumire',
] as const;

/** Columns a change may differ in when only its customer row moves. */
const bookkeeping = new Set(['client_id', 'updated_at', 'created_at', 'version', 'last_client_id', 'deleted_at']);

function onlyCustomerChanged(row: Record<string, unknown>, previous: Record<string, unknown>): boolean {
  return row.client_id !== previous.client_id && Object.keys(row).every((k) => bookkeeping.has(k) || row[k] === previous[k]);
}

/** A repair order (comandă / deviz), with a snapshot of the customer and vehicle as they were (Oracle dev_ordl). */
export const ordersTable = defineTable({
  name: 'orders',
  module: 'workshop',
  columns: {
    /** Unique per company; devices number from blocks the server reserves for them (see docs/workshop.md). */
    nr_comanda: col.integer({ nullable: true, min: 1, max: 999_999_999 }),
    data_comanda: col.date(),
    vehicle_id: col.id({ nullable: true, references: 'vehicles' }),
    tip_deviz_id: col.id({ nullable: true, references: 'catalog_tipuri_deviz' }),
    status: col.enum(orderStatuses),
    km_intrare: col.integer({ nullable: true, min: 0, max: 9_999_999 }),
    observatii: col.text(4000, { nullable: true }),
    client_nume: col.text(200, { nullable: true }),
    client_telefon: col.text(40, { nullable: true }),
    client_email: col.text(254, { nullable: true }),
    client_cod_fiscal: col.text(20, { nullable: true }),
    client_adresa: col.text(400, { nullable: true }),
    nr_auto: col.text(20, { nullable: true }),
    serie_sasiu: col.text(17, { nullable: true }),
    marca_denumire: col.text(80, { nullable: true }),
    model_denumire: col.text(80, { nullable: true }),
    /** Sums of the lines in bani, kept by the server (and by the device as the lines change). */
    total_manopera: col.money(),
    total_materiale: col.money(),
    total_general: col.money(),
    token_client: col.text(64, { nullable: true }),
    created_by: col.id({ nullable: true, references: 'users' }),
    oracle_id: col.bigint({ nullable: true }),
    /** The invoice that made this order FACTURAT. */
    factura_id: col.id({ nullable: true, references: 'invoices' }),
    /** The mechanic the order is assigned to: with `orders.read_assigned` (a mechanic), they read it. */
    mecanic_id: col.id({ nullable: true, references: 'mecanici' }),
    /** The customer the order was made for (its `client_*` columns are their details as copied then). */
    client_id: col.id({ nullable: true, references: 'clients' }),
  },
  indexes: [['data_comanda'], ['mecanic_id'], ['client_id'], ['status', 'data_comanda'], ['vehicle_id'], ['nr_comanda'], ['total_general'], ['status', 'total_general']],
  writePermission: 'orders.write',
  read: { all: 'orders.read', assigned: { permission: 'orders.read_assigned', column: 'mecanic_id', through: { table: 'mecanici', column: 'user_id' } } },
  conflict: 'field',
  // Not a parent in the ownership sense: the invoice an order names is handed to its rule.
  parent: { table: 'invoices', column: 'factura_id' },
  check: ({ row, previous, parent, deleting }) => {
    const was: OrderStatus | null = previous?.status ?? null;
    if (deleting) return was === 'DRAFT' || was === null ? null : refuse('order.delete_not_draft');
    if (was === null) return row.status === 'DRAFT' ? null : refuse('order.new_not_draft');
    // Which customer row an order belongs to may change at any status (two duplicates merged): the
    // details copied onto the order stay as they were.
    if (previous && onlyCustomerChanged(row, previous)) return null;
    if (was === 'FACTURAT') return refuse('order.invoiced');
    if (!canTransition(was, row.status)) return refuse('order.status_transition', { from: was, to: row.status });
    if (row.status === 'FACTURAT' && (was !== 'VALIDAT' || !parent || parent.order_id !== row.id || parent.tip !== 'factura')) {
      return refuse('order.invoiced_by_invoice');
    }
    if ((row.factura_id ?? null) !== (previous?.factura_id ?? null) && row.status !== 'FACTURAT') return refuse('order.invoice_when_invoiced');
    if (!isEditable(was) && detailColumns.some((c) => row[c] !== previous?.[c])) return refuse('order.not_draft');
    if (row.status === 'VALIDAT' && was === 'DRAFT' && !row.vehicle_id && !row.nr_auto) return refuse('order.needs_vehicle');
    return null;
  },
  search: (row) => searchKey([row.nr_comanda, row.nr_auto, row.nr_auto?.replace(/[\s-]/g, ''), row.client_nume, row.client_telefon?.replace(/\D/g, '')].filter((v) => v !== null && v !== '').join(' ')),
});

/** Labour (manoperă) and material lines of an order (Oracle dev_oper and dev_estimari_produse). */
export const orderLinesTable = defineTable({
  name: 'order_lines',
  module: 'workshop',
  columns: {
    order_id: col.id({ references: 'orders' }),
    tip: col.enum(lineKinds),
    descriere: col.text(400),
    norma_id: col.id({ nullable: true, references: 'catalog_norme' }),
    ore: col.decimal(2, { nullable: true }),
    pret_ora: col.money({ nullable: true }),
    um: col.text(10, { nullable: true }),
    cantitate: col.decimal(3, { nullable: true }),
    pret_unitar: col.money({ nullable: true }),
    total: col.money(),
    mecanic_id: col.id({ nullable: true, references: 'mecanici' }),
    ordine: col.integer({ min: 0 }),
    oracle_id: col.bigint({ nullable: true }),
    /**
     * The customer's decision through the client portal, set by the server only; a declined line leaves
     * the totals. A change of the line's content (lineContentColumns) clears it on the server.
     */
    decizie_client: col.enum(lineDecisions, { nullable: true }),
    /**
     * A material line's product from the warehouse (its `order_stock` bridge): validating the order issues
     * it from stock, reopening returns it. Declared here because the kit gives a bridge no columns of its own.
     */
    product_id: col.id({ nullable: true, references: 'products' }),
  },
  indexes: [['order_id', 'ordine'], ['product_id']],
  writePermission: 'orders.write',
  read: { all: 'orders.read', withParent: true },
  conflict: 'field',
  parent: { table: 'orders', column: 'order_id' },
  check: ({ row, previous, parent, deleting }) => {
    if (!parent || parent.deleted_at) return refuse('line.order_missing');
    if (parent.status !== 'DRAFT') return refuse('line.order_not_draft');
    if (deleting) return null;
    if (previous && previous.order_id !== row.order_id) return refuse('line.moved');
    if ((row.decizie_client ?? null) !== (previous?.decizie_client ?? null)) return refuse('line.decision_by_customer');
    if (!row.descriere.trim()) return refuse('line.description_required');
    const amounts = lineAmountsError(row);
    if (amounts) return amounts;
    if (row.total !== lineTotal(row)) return refuse('line.total_mismatch');
    return null;
  },
});
