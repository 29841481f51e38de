import { describe, expect, it } from 'vitest';
import { clientAddressLine, clientParty } from './client-party';
import { partyAddress } from './party';

const company = {
  tip: 'pj' as const, nume: 'Transport Rapid SRL', telefon: '021 312 3456', email: null, cod_fiscal: 'RO18547290', adresa: 'Bd. Unirii 10',
  judet: 'B', cnp: null, reg_com: 'J40/100/2010', platitor_tva: 1, localitate: 'București', sector: 3,
};

describe('a customer on documents', () => {
  it('writes the address on one line, Bucharest by its sector', () => {
    expect(clientAddressLine(company)).toBe('Bd. Unirii 10, Sector 3, București');
    expect(clientAddressLine({ ...company, judet: 'CJ', localitate: 'Cluj-Napoca', sector: null })).toBe('Bd. Unirii 10, Cluj-Napoca, jud. Cluj');
    expect(clientAddressLine({ ...company, adresa: null, judet: null, localitate: null })).toBeNull();
  });

  it("is an invoice's buyer with the trade-register number and VAT status of a company", () => {
    const party = clientParty(company);
    expect(party).toMatchObject({ tip: 'pj', codFiscal: 'RO18547290', regCom: 'J40/100/2010', platitorTva: true, localitate: 'Sector 3', judet: 'B', cnp: null });
    expect(partyAddress(party)).toBe('Bd. Unirii 10, Sector 3, București');
  });

  it('is a person with their CNP and no company fields', () => {
    const person = clientParty({ ...company, tip: 'pf', nume: 'Ion Pop', cod_fiscal: null, cnp: '1960523046217', judet: 'CJ', localitate: 'Dej', sector: null });
    expect(person).toMatchObject({ tip: 'pf', cnp: '1960523046217', regCom: null, platitorTva: false, localitate: 'Dej' });
  });
});
