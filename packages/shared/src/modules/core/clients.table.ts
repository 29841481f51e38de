import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { coreRefusals } from './refusals';

/** The company's customers (persons or companies). */
export const clientsTable = defineTable({
  name: 'clients',
  module: 'core',
  columns: {
    tip: col.enum(['pf', 'pj']),
    nume: col.text(200),
    telefon: col.text(40, { nullable: true }),
    email: col.text(254, { nullable: true }),
    cod_fiscal: col.text(20, { nullable: true }),
    adresa: col.text(400, { nullable: true }),
    judet: col.text(40, { nullable: true }),
    observatii: col.text(2000, { nullable: true }),
  },
  indexes: [['nume'], ['telefon']],
  writePermission: 'clients.write',
  read: { all: 'orders.read', referencedBy: [{ table: 'vehicles', column: 'client_id' }], createdBy: true },
  conflict: 'field',
  check: ({ row }) => (row.nume.trim() ? null : coreRefusals.refuse('client.name_required')),
  // Found by name without diacritics, by phone as typed or as bare digits, by fiscal code.
  search: (row) => searchKey([row.nume, row.telefon, row.telefon?.replace(/\D/g, ''), row.cod_fiscal].filter(Boolean).join(' ')),
});
