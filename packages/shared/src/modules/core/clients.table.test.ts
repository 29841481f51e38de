import { describe, expect, it } from 'vitest';
import { clientsTable } from './clients.table';

const now = '2026-12-01T10:00:00.000Z';
const client = (patch: Record<string, unknown> = {}) => ({
  id: 'c1', created_at: now, updated_at: now, tip: 'pf', nume: 'Ion Popescu', telefon: null, email: null, cod_fiscal: null, adresa: null,
  judet: null, observatii: null, cnp: null, reg_com: null, platitor_tva: null, localitate: null, sector: null, marketing_canal: null,
  marketing_data: null, ...patch,
});
const check = (row: Record<string, unknown>, previous: Record<string, unknown> | null = null, deleting = false) =>
  clientsTable.check?.({ row: row as never, previous: previous as never, parent: null, deleting, clientId: 'device' })?.code ?? null;

describe("a customer's rules", () => {
  it('takes a person with a valid CNP and a company with a valid CUI and trade-register number', () => {
    expect(check(client({ cnp: '1960523046217' }))).toBeNull();
    expect(check(client({ tip: 'pj', nume: 'Auto SRL', cod_fiscal: 'RO14399840', reg_com: 'J12/1234/2015', platitor_tva: 1 }))).toBeNull();
    expect(check(client({ tip: 'pj', nume: 'Auto SRL', reg_com: 'J2023001234408' }))).toBeNull();
  });

  it('refuses a wrong CNP, CUI, trade-register number or county', () => {
    expect(check(client({ cnp: '1960523046218' }))).toBe('client.cnp_invalid');
    expect(check(client({ tip: 'pj', cod_fiscal: 'RO14399841' }))).toBe('client.cui_invalid');
    expect(check(client({ tip: 'pj', reg_com: 'J99/1/2015' }))).toBe('client.reg_com_invalid');
    expect(check(client({ judet: 'Cluj' }))).toBe('client.county_unknown');
    expect(check(client({ nume: '  ' }))).toBe('client.name_required');
  });

  it("keeps a foreign company's VAT code and a person's old fiscal code as they are", () => {
    expect(check(client({ tip: 'pj', cod_fiscal: 'HU12892312' }))).toBeNull();
    expect(check(client({ tip: 'pf', cod_fiscal: '1960523046217' }))).toBeNull();
  });

  it('checks identifiers only when they are written: older rows keep working', () => {
    const old = client({ tip: 'pj', cod_fiscal: '123', judet: 'Cluj' });
    expect(check({ ...old, telefon: '0722123456' }, old)).toBeNull();
    expect(check({ ...old, cod_fiscal: '125' }, old)).toBe('client.cui_invalid');
    expect(check(old, old, true)).toBeNull();
  });

  it('has a sector only in Bucharest', () => {
    expect(check(client({ judet: 'B', localitate: 'București', sector: 3 }))).toBeNull();
    expect(check(client({ judet: 'CJ', sector: 3 }))).toBe('client.sector_outside_bucharest');
    expect(check(client({ sector: 1 }))).toBe('client.sector_outside_bucharest');
  });

  it('records marketing consent with its channel and date together', () => {
    expect(check(client({ marketing_canal: 'sms', marketing_data: '2026-12-01' }))).toBeNull();
    expect(check(client({ marketing_canal: 'retras', marketing_data: '2026-12-02' }))).toBeNull();
    expect(check(client({ marketing_canal: 'sms' }))).toBe('client.consent_incomplete');
    expect(check(client({ marketing_data: '2026-12-01' }))).toBe('client.consent_incomplete');
  });
});
