import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { workshopRefusals } from './refusals';
import { searchKey } from '../../validation/search';

/** A customer's vehicle with the customer's details, as in the plan (Oracle dev_masiniclienti). */
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
    an_fabricatie: col.integer({ nullable: true, min: 1900, max: 2100 }),
    serie_sasiu: col.text(17, { nullable: true }),
    tip_motor_id: col.id({ nullable: true, references: 'catalog_tipuri_motoare' }),
    oracle_id: col.integer({ nullable: true }),
  },
  indexes: [['nr_inmatriculare'], ['client_nume'], ['client_telefon']],
  writePermission: 'vehicles.write',
  read: { all: 'orders.read', referencedBy: [{ table: 'orders', column: 'vehicle_id' }], createdBy: true },
  conflict: 'field',
  check: ({ row }) => (row.nr_inmatriculare.trim() ? null : workshopRefusals.refuse('vehicle.plate_required')),
  // Plates are searched without spaces too ("B 123 ABC" and "b123abc" meet).
  search: (row) => searchKey([row.nr_inmatriculare, row.nr_inmatriculare.replace(/[\s-]/g, ''), row.client_nume, row.client_telefon, row.client_telefon?.replace(/\D/g, ''), row.serie_sasiu].filter(Boolean).join(' ')),
});
