import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { isValidCnp } from '../../validation/cnp';
import { isValidCui } from '../../validation/cui';
import { isValidRegCom } from '../../validation/reg-com';
import { searchKey } from '../../validation/search';
import { isCountyCode } from './counties';
import { coreRefusals } from './refusals';

const { refuse } = coreRefusals;

/** How a customer agreed to marketing messages, or that they withdrew their consent (GDPR). */
export const marketingChannels = ['sms', 'email', 'whatsapp', 'telefon', 'personal', 'retras'] as const;
export type MarketingChannel = (typeof marketingChannels)[number];

/**
 * The company's customers: a person (`pf`: name, phone, e-mail, optional CNP) or a company (`pj`: name,
 * CUI in `cod_fiscal`, trade-register number, VAT payer). The address is the county (`judet`, a code of
 * counties.ts), the locality, the street line (`adresa`) and, in Bucharest, the sector. Marketing consent
 * is the channel it was given through (or `retras`) and its date.
 */
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
    cnp: col.text(13, { nullable: true }),
    reg_com: col.text(40, { nullable: true }),
    platitor_tva: col.boolean({ nullable: true }),
    localitate: col.text(100, { nullable: true }),
    sector: col.integer({ nullable: true, min: 1, max: 6 }),
    marketing_canal: col.enum(marketingChannels, { nullable: true }),
    marketing_data: col.date({ nullable: true }),
  },
  indexes: [['nume'], ['telefon'], ['cod_fiscal']],
  writePermission: 'clients.write',
  read: {
    all: 'orders.read',
    referencedBy: [{ table: 'vehicles', column: 'client_id' }, { table: 'orders', column: 'client_id' }],
    createdBy: true,
  },
  conflict: 'field',
  check: ({ row, previous, deleting }) => (deleting ? null : clientProblem(row, previous)),
  // Found by name without diacritics, by phone as typed or as bare digits, by fiscal code.
  search: (row) => searchKey([row.nume, row.telefon, row.telefon?.replace(/\D/g, ''), row.cod_fiscal].filter(Boolean).join(' ')),
});

type ClientFields = {
  tip: 'pf' | 'pj'; nume: string; cod_fiscal: string | null; judet: string | null; cnp: string | null; reg_com: string | null;
  sector: number | null; marketing_canal: MarketingChannel | null; marketing_data: string | null;
};

/**
 * A customer's rules. Identifiers are checked when they are written (a row from before these rules keeps
 * working until that field changes): the CNP and the CUI by their check digits, the trade-register number
 * by its form, the county by its code; a sector only in Bucharest; consent has both its channel and date.
 */
export function clientProblem(row: ClientFields, previous: ClientFields | null) {
  const changed = (c: keyof ClientFields) => row[c] !== null && row[c] !== (previous?.[c] ?? null);
  if (!row.nume.trim()) return refuse('client.name_required');
  if (changed('cnp') && !isValidCnp(row.cnp ?? '')) return refuse('client.cnp_invalid');
  if (row.tip === 'pj' && changed('cod_fiscal') && /^\s*(RO)?\s*\d+\s*$/i.test(row.cod_fiscal ?? '') && !isValidCui(row.cod_fiscal ?? '')) {
    return refuse('client.cui_invalid');
  }
  if (changed('reg_com') && !isValidRegCom(row.reg_com ?? '')) return refuse('client.reg_com_invalid');
  if (changed('judet') && !isCountyCode(row.judet ?? '')) return refuse('client.county_unknown');
  if (row.sector !== null && row.judet !== 'B') return refuse('client.sector_outside_bucharest');
  if ((row.marketing_canal === null) !== (row.marketing_data === null)) return refuse('client.consent_incomplete');
  return null;
}
