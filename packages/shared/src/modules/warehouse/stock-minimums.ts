import { v5 } from 'uuid';
import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { milli } from './quantity';
import { warehouseRefusals } from './refusals';

const { refuse } = warehouseRefusals;

/**
 * A product's minimum stock at one location (docs/warehouse.md, "Low stock and the reorder list"); the
 * product's own `stoc_minim` stays the minimum over all locations. One row per product and location: its id
 * is made from the two (`stockMinimumId`, a name-based UUID), so two devices that set the same minimum offline write one row
 * (the later value wins, field by field), and the server's unique index refuses a second row for the pair.
 * A minimum taken away is `minim` null, never a deleted row, so setting it again reuses the id.
 */
export const stockMinimumsTable = defineTable({
  name: 'stock_minimums',
  module: 'warehouse',
  columns: {
    product_id: col.id({ references: 'products' }),
    location_id: col.id({ references: 'stock_locations' }),
    /** Below this quantity at the location the product is low there; null: no minimum there. */
    minim: col.decimal(3, { nullable: true }),
  },
  indexes: [['product_id'], ['location_id']],
  parent: { table: 'products', column: 'product_id' },
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, previous, parent, deleting }) => {
    if (deleting) return null;
    if (!parent || parent.deleted_at) return refuse('warehouse.minimum_product');
    if (previous && (previous.product_id !== row.product_id || previous.location_id !== row.location_id)) return refuse('warehouse.minimum_moved');
    if (row.minim !== null && milli(row.minim) < 0n) return refuse('warehouse.minimum_negative');
    return null;
  },
});

/** The namespace of the minimums' ids (a fixed random UUID). */
const minimumsNamespace = '3f0c6a52-9d1e-4b7a-8c25-6e4f1d9a0b73';

/**
 * The id of the minimum of a product at a location: a name-based UUID (RFC 9562 version 5) of the two
 * ids, so every device makes the same id for the same pair, and different pairs different ids.
 */
export function stockMinimumId(productId: string, locationId: string): string {
  return v5(`${productId.toLowerCase()}/${locationId.toLowerCase()}`, minimumsNamespace);
}
