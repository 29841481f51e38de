import { describe, expect, it } from 'vitest';
import { clientsTable } from '@roaauto/shared';
import { consentChosen, customerErrors, customerFormOf, customerPatch, customerWarnings, storedCustomer } from './customer-form';

const company = () => ({
  ...customerFormOf(null), tip: 'pj', nume: ' Auto  Someș SRL ', cod_fiscal: '14399840', reg_com: 'j12/1234/2015', platitor_tva: '1',
  judet: 'CJ', localitate: 'Cluj-Napoca', adresa: 'Str. Fabricii 1', cnp: '1960523046217',
});

describe('the customer form', () => {
  it('opens empty as a person, or with a stored customer as stored', () => {
    expect(customerFormOf(null)).toMatchObject({ tip: 'pf', nume: '', sector: '' });
    expect(customerFormOf({ tip: 'pj', nume: 'X SRL', sector: 3, platitor_tva: 1, telefon: null })).toMatchObject({ tip: 'pj', nume: 'X SRL', sector: '3', platitor_tva: '1', telefon: '' });
  });

  it('blocks what the table refuses: no name, a wrong CNP, CUI or trade-register number, consent without a date', () => {
    expect(customerErrors(customerFormOf(null))).toEqual({ nume: { key: 'core.customers.err.name', params: undefined } });
    const person = { ...customerFormOf(null), nume: 'Ion', cnp: '1960523046218' };
    expect(Object.keys(customerErrors(person))).toEqual(['cnp']);
    const firm = { ...company(), cod_fiscal: 'RO14399841', reg_com: 'J41/1/2015', marketing_canal: 'sms' };
    expect(Object.keys(customerErrors(firm)).sort()).toEqual(['cod_fiscal', 'marketing_data', 'reg_com']);
    // A foreign VAT code is not a Romanian CUI.
    expect(customerErrors({ ...company(), cod_fiscal: 'HU12892312' })).toEqual({});
  });

  it('warns of an unusual phone or e-mail without blocking', () => {
    const form = { ...customerFormOf(null), nume: 'Ion', telefon: '12', email: 'ion@' };
    expect(Object.keys(customerWarnings(form)).sort()).toEqual(['email', 'telefon']);
    expect(customerErrors(form)).toEqual({});
  });

  it('stores a company with RO for a VAT payer, the register number in capitals, no CNP, and passes the table rule', () => {
    const row = storedCustomer(company());
    expect(row).toMatchObject({ tip: 'pj', nume: 'Auto Someș SRL', cod_fiscal: 'RO14399840', reg_com: 'J12/1234/2015', platitor_tva: 1, cnp: null, sector: null });
    expect(storedCustomer({ ...company(), platitor_tva: '0', cod_fiscal: 'RO 14399840' }).cod_fiscal).toBe('14399840');
    const now = '2026-12-01T00:00:00.000Z';
    expect(clientsTable.check?.({ row: { id: 'c', created_at: now, updated_at: now, ...row }, previous: null, parent: null, deleting: false, clientId: 'd' })).toBeNull();
  });

  it("stores a person's phone in its standard form, a sector only in Bucharest, and no company fields", () => {
    const form = { ...customerFormOf(null), nume: 'Ana', telefon: '+40722123456', judet: 'B', sector: '3', reg_com: 'J12/1/2015', platitor_tva: '1', email: ' Ana@X.ro ' };
    expect(storedCustomer(form)).toMatchObject({ tip: 'pf', telefon: '0722 123 456', sector: 3, reg_com: null, platitor_tva: null, email: 'ana@x.ro' });
    expect(storedCustomer({ ...form, judet: 'CJ' }).sector).toBeNull();
  });

  it('dates consent the day it is chosen, keeps the date of the same channel, and clears both', () => {
    const form = customerFormOf(null);
    expect(consentChosen(form, 'sms', '2026-12-01')).toEqual({ marketing_canal: 'sms', marketing_data: '2026-12-01' });
    expect(consentChosen({ ...form, marketing_canal: 'sms', marketing_data: '2026-01-05' }, 'sms', '2026-12-01')).toEqual({ marketing_canal: 'sms', marketing_data: '2026-01-05' });
    expect(consentChosen({ ...form, marketing_canal: 'sms', marketing_data: '2026-01-05' }, 'retras', '2026-12-01').marketing_data).toBe('2026-12-01');
    expect(consentChosen(form, '')).toEqual({ marketing_canal: '', marketing_data: '' });
    expect(storedCustomer({ ...form, nume: 'X', marketing_canal: 'nimic', marketing_data: '2026-12-01' })).toMatchObject({ marketing_canal: null, marketing_data: null });
  });

  it('changes only what differs from the row as it was opened', () => {
    const opened = { ...storedCustomer(company()), id: 'c1', telefon: null };
    const values = { ...storedCustomer(company()), telefon: '0722 123 456' };
    expect(customerPatch(opened, values)).toEqual({ telefon: '0722 123 456' });
  });
});
