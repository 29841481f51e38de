import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { validDotText } from './dot';
import { productBarcodeKind } from './labels/barcode';
import { milli } from './quantity';
import { warehouseRefusals } from './refusals';
import { seasonWindowsProblem } from './tyre-hotel';
import { parseTyreSize, tyreSizeKey } from './tyre-size';

const { refuse } = warehouseRefusals;

export const productKinds = ['piesa', 'anvelopa', 'consumabil'] as const;
export type ProductKind = (typeof productKinds)[number];
export const tyreSeasons = ['vara', 'iarna', 'all_season'] as const;
export type TyreSeason = (typeof tyreSeasons)[number];
/** The VAT categories of EN 16931 (the invoices' `categorie`): standard, zero, exempt, reverse charge, outside. */
export const productVatCategories = ['S', 'Z', 'E', 'AE', 'O'] as const;

/**
 * A product the shop stocks or sells: a part, a tyre or a consumable. Its purchase price is a cost and
 * lives in `product_costs`, which only `warehouse.costs` reads. A tyre's size is kept as written in its
 * one form ("205/55 R16") and as its compact key ("2055516") for search in any spelling.
 */
export const productsTable = defineTable({
  name: 'products',
  module: 'warehouse',
  columns: {
    tip: col.enum(productKinds),
    cod: col.text(60),
    nume: col.text(200),
    um: col.text(10),
    categorie_tva: col.enum(productVatCategories),
    /** The VAT rate in percent as the invoices write it ("21", "9", "0"). */
    cota_tva: col.decimal(2),
    pret_vanzare: col.money(),
    /** EAN-13/EAN-8 with a valid check digit, or Code 128 text. */
    cod_bare: col.text(48, { nullable: true }),
    anv_dimensiune: col.text(40, { nullable: true }),
    /** `tyreSizeKey` of the size: what search matches. */
    anv_cheie: col.text(12, { nullable: true }),
    anv_indice_sarcina: col.integer({ nullable: true, min: 50, max: 170 }),
    anv_indice_viteza: col.text(3, { nullable: true }),
    anv_sezon: col.enum(tyreSeasons, { nullable: true }),
    anv_marca: col.text(60, { nullable: true }),
    /** DOT week (01–53) and year, four digits ("2319"): `validDotText`. */
    anv_dot: col.text(4, { nullable: true }),
    /** Below this quantity (all locations) the product is low on stock. */
    stoc_minim: col.decimal(3, { nullable: true }),
    activ: col.boolean(),
  },
  indexes: [['cod'], ['cod_bare'], ['anv_cheie'], ['tip', 'activ']],
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, previous, deleting }) => {
    if (deleting) return null;
    if (!row.nume.trim()) return refuse('warehouse.name_required');
    // Checked when set, so a product saved before the rule keeps working until its DOT is edited.
    if (row.anv_dot !== null && row.anv_dot !== previous?.anv_dot && !validDotText(row.anv_dot)) return refuse('warehouse.dot');
    if (!row.cod.trim()) return refuse('warehouse.code_required');
    if (row.cod_bare !== null && !productBarcodeKind(row.cod_bare)) return refuse('warehouse.barcode');
    if (row.anv_dimensiune !== null || row.anv_cheie !== null) {
      const size = row.anv_dimensiune === null ? null : parseTyreSize(row.anv_dimensiune);
      if (!size || tyreSizeKey(size) !== row.anv_cheie) return refuse('warehouse.tyre_size');
    }
    return null;
  },
  search: (row) => searchKey([row.cod, row.nume, row.cod_bare, row.anv_marca, row.anv_dimensiune, row.anv_cheie].filter(Boolean).join(' ')),
});

/**
 * A supplier's code for a product (what its invoices call it): the receipts (NIR) match an invoice's
 * lines to products through it, by `cod` (indexed on both sides) and the supplier's tax id.
 */
export const productSupplierCodesTable = defineTable({
  name: 'product_supplier_codes',
  module: 'warehouse',
  columns: {
    product_id: col.id({ references: 'products' }),
    furnizor_cui: col.text(20, { nullable: true }),
    furnizor_nume: col.text(200, { nullable: true }),
    cod: col.text(60),
  },
  indexes: [['cod'], ['product_id']],
  parent: { table: 'products', column: 'product_id' },
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.cod.trim() ? null : refuse('warehouse.code_required')),
});

/** A product's last purchase price (bani per unit, net of VAT): a cost, read only with `warehouse.costs`. */
export const productCostsTable = defineTable({
  name: 'product_costs',
  module: 'warehouse',
  columns: {
    product_id: col.id({ references: 'products' }),
    pret_achizitie: col.money(),
  },
  indexes: [['product_id']],
  writePermission: 'warehouse.costs',
  read: { all: 'warehouse.costs' },
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.pret_achizitie >= 0 ? null : refuse('warehouse.cost_negative')),
});

/** A stock location (gestiune): a warehouse, a shop floor, a van. */
export const stockLocationsTable = defineTable({
  name: 'stock_locations',
  module: 'warehouse',
  columns: {
    nume: col.text(80),
    cod: col.text(20, { nullable: true }),
    activ: col.boolean(),
  },
  indexes: [],
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.nume.trim() ? null : refuse('warehouse.name_required')),
});

const ledgerColumns = ['tip', 'product_id', 'location_id', 'cantitate', 'data', 'transfer_id', 'doc_tip', 'doc_id', 'user_id', 'nota'] as const;

/** Whether two versions of a movement say the same in every column of the ledger (quantities compared as numbers). */
function sameMovement(a: Record<(typeof ledgerColumns)[number], unknown>, b: Record<(typeof ledgerColumns)[number], unknown>): boolean {
  return ledgerColumns.every((c) => (c === 'cantitate'
    ? typeof a[c] === 'string' && typeof b[c] === 'string' && milli(a[c]) === milli(b[c])
    : (a[c] ?? null) === (b[c] ?? null)));
}

/** receipt (intrare), issue (iesire), transfer, count adjustment (inventar), return (retur). */
export const movementKinds = ['intrare', 'iesire', 'transfer', 'inventar', 'retur'] as const;
export type MovementKind = (typeof movementKinds)[number];

/**
 * The stock ledger: one row per product, location and event, with a signed quantity. Rows are only
 * inserted: never changed, never deleted (a correction is another movement), so two devices that each
 * record an issue offline both keep theirs and the stock is their sum. A transfer is two rows, −q at the
 * source and +q at the destination, whose `transfer_id` names the source row: stock per location stays a
 * plain sum over one index, and the pair is one reference (written in one local transaction, pushed in order).
 * `doc_tip`/`doc_id` name the document that made it (an order, a NIR, a count, a delivery note).
 */
export const stockMovementsTable = defineTable({
  name: 'stock_movements',
  module: 'warehouse',
  columns: {
    tip: col.enum(movementKinds),
    product_id: col.id({ references: 'products' }),
    location_id: col.id({ references: 'stock_locations' }),
    /** Signed: + into the location, − out of it. */
    cantitate: col.decimal(3),
    data: col.date(),
    /** On a transfer's destination row (+q): the source row (−q), written before it. Null on every other row. */
    transfer_id: col.id({ nullable: true, references: 'stock_movements' }),
    doc_tip: col.text(30, { nullable: true }),
    /** The document's id as text: its table depends on `doc_tip` and may be a later module's. */
    doc_id: col.text(40, { nullable: true }),
    user_id: col.id({ nullable: true, references: 'users' }),
    nota: col.text(500, { nullable: true }),
  },
  // The last: the ledger in the valuation's order with every column it reads (the reports' stock value and
  // parts consumed read it whole, never the table row by row: `productLedgersSql`).
  indexes: [['product_id', 'location_id', 'data', 'cantitate'], ['location_id', 'product_id'], ['data'], ['doc_id'], ['transfer_id'],
    ['product_id', 'data', 'created_at', 'id', 'cantitate', 'tip', 'doc_tip', 'doc_id']],
  writePermission: 'warehouse.write',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, previous, deleting }) => {
    // The same movement sent again whole (two devices made it from one key: an order's stock) is no change.
    if (previous && !deleting && sameMovement(row, previous)) return null;
    if (deleting || previous) return refuse('warehouse.movement_immutable');
    const q = milli(row.cantitate);
    const signOk = row.tip === 'intrare' ? q > 0n : row.tip === 'iesire' ? q < 0n : q !== 0n;
    if (!signOk) return refuse('warehouse.movement_sign', { kind: row.tip });
    if ((row.tip === 'transfer' && q > 0n) !== (row.transfer_id !== null)) return refuse('warehouse.transfer_pair');
    return null;
  },
});

/**
 * The unit cost (bani per unit, net) of a movement into stock (a receipt, a count surplus, a return):
 * kept apart from the ledger so only `warehouse.costs` reads it. Issues carry none: their cost is what
 * the valuation method works out. A cost may be corrected (a mistyped price), the quantity never.
 */
export const stockMovementCostsTable = defineTable({
  name: 'stock_movement_costs',
  module: 'warehouse',
  columns: {
    movement_id: col.id({ references: 'stock_movements' }),
    cost_unitar: col.money(),
  },
  // A movement's latest cost read from the index alone (the valuation reads one per movement into stock).
  indexes: [['movement_id', 'updated_at', 'cost_unitar']],
  writePermission: 'warehouse.costs',
  read: { all: 'warehouse.costs' },
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.cost_unitar >= 0 ? null : refuse('warehouse.cost_negative')),
});

export const negativeStockPolicies = ['allow', 'warn', 'refuse'] as const;
export type NegativeStockPolicy = (typeof negativeStockPolicies)[number];
export const valuationMethods = ['cmp', 'fifo'] as const;
export type ValuationMethod = (typeof valuationMethods)[number];

/** The company's warehouse settings: one row (the oldest, if two devices each made one offline). */
export const warehouseSettingsTable = defineTable({
  name: 'warehouse_settings',
  module: 'warehouse',
  columns: {
    stoc_negativ: col.enum(negativeStockPolicies),
    evaluare: col.enum(valuationMethods),
    /** The tyre hotel's season-change windows, month-day ("10-01"); null: the default (docs/tyre-hotel.md). */
    iarna_de_la: col.text(5, { nullable: true }),
    iarna_pana_la: col.text(5, { nullable: true }),
    vara_de_la: col.text(5, { nullable: true }),
    vara_pana_la: col.text(5, { nullable: true }),
  },
  indexes: [],
  writePermission: 'warehouse.costs',
  read: { all: 'warehouse.read' },
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return null;
    return seasonWindowsProblem(row) ? refuse('warehouse.season_windows') : null;
  },
});

export type WarehouseSettings = { stoc_negativ: NegativeStockPolicy; evaluare: ValuationMethod };
export const defaultWarehouseSettings: WarehouseSettings = { stoc_negativ: 'warn', evaluare: 'cmp' };

/** The settings in force: the oldest row, or the defaults. */
export function effectiveWarehouseSettings(rows: readonly (WarehouseSettings & { created_at: string; id: string })[]): WarehouseSettings {
  const row = [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];
  return row ? { stoc_negativ: row.stoc_negativ, evaluare: row.evaluare } : { ...defaultWarehouseSettings };
}
