import { isCountyCode } from '../accounting/counties';
import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { coreRefusals } from './refusals';
import { isValidCui } from '../../validation/cui';

const { refuse } = coreRefusals;

/**
 * The company's fiscal profile: what its documents print in their header and what an invoice needs of
 * the seller. One row per company; if two devices each saved a first one offline, the oldest is the
 * profile (see `currentProfile`) and the other is left unused.
 */
export const companyProfileTable = defineTable({
  name: 'company_profile',
  module: 'core',
  columns: {
    nume: col.text(200),
    /** CUI/CIF as written: with the RO prefix when the company is registered for VAT. */
    cui: col.text(20, { nullable: true }),
    platitor_tva: col.boolean(),
    /** The VAT-on-receipt system (art. 282 Codul fiscal): every invoice says "TVA la încasare". */
    tva_la_incasare: col.boolean(),
    reg_com: col.text(40, { nullable: true }),
    capital_social: col.text(40, { nullable: true }),
    adresa: col.text(400, { nullable: true }),
    /** The city; in Bucharest the sector ("Sector 3"). */
    localitate: col.text(100, { nullable: true }),
    /** County code (counties.ts). */
    judet: col.text(2, { nullable: true }),
    cod_postal: col.text(10, { nullable: true }),
    iban: col.text(34, { nullable: true }),
    banca: col.text(100, { nullable: true }),
    telefon: col.text(40, { nullable: true }),
    email: col.text(254, { nullable: true }),
    /** A small PNG or JPEG as a data URL, printed in the documents' header. */
    logo: col.text(400_000, { nullable: true }),
    /** The series a device of this company proposes when it gets its first invoice series. */
    serie_implicita: col.text(20, { nullable: true }),
    /** Days from the invoice date to the due date, when the invoice does not say otherwise. */
    zile_scadenta: col.integer({ nullable: true, min: 0, max: 365 }),
  },
  indexes: [],
  writePermission: 'company.update',
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return refuse('company.no_delete');
    if (!row.nume.trim()) return refuse('company.name_required');
    if (row.cui && !isValidCui(row.cui)) return refuse('company.cui_invalid');
    if (row.judet && !isCountyCode(row.judet)) return refuse('company.county_unknown');
    if (row.iban && !isValidIban(row.iban)) return refuse('company.iban_invalid');
    if (row.logo && !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(row.logo)) return refuse('company.logo_format');
    return null;
  },
});

/** ISO 13616 check (mod 97 = 1); spaces ignored. */
export function isValidIban(input: string): boolean {
  const iban = input.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (iban.startsWith('RO') && iban.length !== 24) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** The profile among possibly several rows: the oldest one (the same choice on every device). */
export function currentProfile<T extends { created_at: string; id: string }>(rows: readonly T[]): T | null {
  return [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0] ?? null;
}
