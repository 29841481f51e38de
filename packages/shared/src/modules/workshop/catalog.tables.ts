import { col } from '../../schema/columns';
import { defineTable, type Columns } from '../../schema/table';
import { workshopRefusals } from './refusals';

const { refuse } = workshopRefusals;
const nonEmpty = (value: string) => (value.trim() ? null : refuse('catalog.name_required'));

/**
 * A catalog list of the workshop (makes, assemblies, order types…). Items in use are deactivated
 * (`activ` = 0), not deleted, so old orders keep their meaning.
 */
function catalogTable<const N extends string, const C extends Columns>(name: N, columns: C, label: keyof C & string) {
  return defineTable({
    name,
    module: 'workshop',
    columns: { ...columns, activ: col.boolean() },
    indexes: [],
    writePermission: 'catalog.write',
    conflict: 'field',
    check: ({ row }) => nonEmpty(String(row[label])),
  });
}

export const catalogMarciTable = catalogTable('catalog_marci', { denumire: col.text(80), oracle_id: col.bigint({ nullable: true }) }, 'denumire');

export const catalogModeleTable = defineTable({
  name: 'catalog_modele',
  module: 'workshop',
  columns: { marca_id: col.id({ references: 'catalog_marci' }), denumire: col.text(80), activ: col.boolean(), oracle_id: col.bigint({ nullable: true }) },
  indexes: [['marca_id']],
  writePermission: 'catalog.write',
  conflict: 'field',
  parent: { table: 'catalog_marci', column: 'marca_id' },
  check: ({ row, parent, deleting }) => (deleting ? null : !parent ? refuse('catalog.make_missing') : nonEmpty(row.denumire)),
});

export const catalogAnsambleTable = catalogTable('catalog_ansamble', { denumire: col.text(80), oracle_id: col.bigint({ nullable: true }) }, 'denumire');

/** Standard labour times (norme): code, name, standard hours, the assembly they belong to. */
export const catalogNormeTable = catalogTable(
  'catalog_norme',
  { cod: col.text(20, { nullable: true }), denumire: col.text(200), ore_normate: col.decimal(2), ansamblu_id: col.id({ nullable: true, references: 'catalog_ansamble' }), oracle_id: col.bigint({ nullable: true }) },
  'denumire',
);

/** Standard prices (labour hour, diagnosis…), in bani per unit of measure. */
export const catalogPreturiTable = catalogTable(
  'catalog_preturi',
  { denumire: col.text(120), pret: col.money(), um: col.text(10), oracle_id: col.bigint({ nullable: true }) },
  'denumire',
);

/**
 * Order types (service, repair, ITP…). A type with a service interval (months and/or km) sets a vehicle's
 * next service from its last validated order of that type (docs/workshop.md, "Due dates").
 */
export const catalogTipuriDevizTable = catalogTable(
  'catalog_tipuri_deviz',
  {
    denumire: col.text(80), oracle_id: col.bigint({ nullable: true }),
    interval_luni: col.integer({ nullable: true, min: 1, max: 120 }),
    interval_km: col.integer({ nullable: true, min: 100, max: 1_000_000 }),
  },
  'denumire',
);

export const catalogTipuriMotoareTable = catalogTable('catalog_tipuri_motoare', { denumire: col.text(80), oracle_id: col.bigint({ nullable: true }) }, 'denumire');

/** The shop's mechanics (a mechanic may or may not have a user account). */
export const mecaniciTable = catalogTable(
  'mecanici',
  { user_id: col.id({ nullable: true, references: 'users' }), nume: col.text(80), prenume: col.text(80, { nullable: true }), oracle_id: col.bigint({ nullable: true }) },
  'nume',
);
