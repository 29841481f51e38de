import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { workshopRefusals } from './refusals';
import { searchKey } from '../../validation/search';

/**
 * The latest year of manufacture a vehicle may have: next year (a car sold in autumn is often next year's
 * model). The column's bound (1900–2100) cannot move with the calendar, so the table's rule checks this one.
 * Counted from the latest calendar day on Earth (UTC+14), so no device or server refuses a year another
 * one, in an earlier time zone on New Year's night, accepted.
 */
export function maxManufactureYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 14 * 3_600_000).getUTCFullYear() + 1;
}

/**
 * A customer's vehicle with the customer's details, as in the plan (Oracle dev_masiniclienti). The make
 * and model are text (`marca`, `model`: any make, also one the catalog does not list); `marca_id` and
 * `model_id` name the catalog's entry when the text is one of them. A row written by an older app may
 * have only the ids: what is shown is the catalog's name when there is an id, else the text.
 */
export const vehiclesTable = defineTable({
  name: 'vehicles',
  module: 'workshop',
  columns: {
    client_id: col.id({ nullable: true, references: 'clients' }),
    client_nume: col.text(200, { nullable: true }),
    client_telefon: col.text(40, { nullable: true }),
    client_email: col.text(254, { nullable: true }),
    client_cod_fiscal: col.text(20, { nullable: true }),
    client_adresa: col.text(400, { nullable: true }),
    nr_inmatriculare: col.text(20),
    marca_id: col.id({ nullable: true, references: 'catalog_marci' }),
    model_id: col.id({ nullable: true, references: 'catalog_modele' }),
    marca: col.text(80, { nullable: true }),
    model: col.text(80, { nullable: true }),
    an_fabricatie: col.integer({ nullable: true, min: 1900, max: 2100 }),
    serie_sasiu: col.text(17, { nullable: true }),
    tip_motor_id: col.id({ nullable: true, references: 'catalog_tipuri_motoare' }),
    oracle_id: col.integer({ nullable: true }),
    /** Due dates (docs/workshop.md, "Due dates"): the ITP and RCA expiry, the next service as typed. */
    itp_expira: col.date({ nullable: true }),
    rca_expira: col.date({ nullable: true }),
    revizie_data: col.date({ nullable: true }),
    revizie_km: col.integer({ nullable: true, min: 0, max: 9_999_999 }),
    /** The due date the customer was last called or reminded about, per item: a mark of the due list. */
    itp_anuntat: col.date({ nullable: true }),
    rca_anuntat: col.date({ nullable: true }),
    revizie_anuntat: col.date({ nullable: true }),
  },
  indexes: [['nr_inmatriculare'], ['client_nume'], ['client_telefon'], ['itp_expira'], ['rca_expira'], ['revizie_data']],
  writePermission: 'vehicles.write',
  read: { all: 'orders.read', referencedBy: [{ table: 'orders', column: 'vehicle_id' }], createdBy: true },
  conflict: 'field',
  check: ({ row, previous, deleting }) => {
    if (deleting) return null;
    if (!row.nr_inmatriculare.trim()) return workshopRefusals.refuse('vehicle.plate_required');
    // Only a year being written: a row stored before the rule keeps whatever else changes on it.
    const year = row.an_fabricatie;
    if (year != null && year !== previous?.an_fabricatie && year > maxManufactureYear()) {
      return workshopRefusals.refuse('vehicle.year_future', { max: maxManufactureYear() });
    }
    return null;
  },
  // Plates are searched without spaces too ("B 123 ABC" and "b123abc" meet); the plate comes first (lists
  // of vehicles are ordered by this text), the make and model last.
  search: (row) => searchKey([
    row.nr_inmatriculare, row.nr_inmatriculare.replace(/[\s-]/g, ''), row.client_nume, row.client_telefon, row.client_telefon?.replace(/\D/g, ''), row.serie_sasiu,
    row.marca, row.model,
  ].filter(Boolean).join(' ')),
});
