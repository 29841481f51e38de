import { describe, expect, it } from 'vitest';
import { anafCounty, anafFormPatch, anafLocality, anafNotes, anafSector, anafStreet, type AnafCompany } from './anaf-fill';
import { customerFormOf } from './customer-form';

/** Companies as the server passes on ANAF's answer. */
const cluj: AnafCompany = {
  cui: '14399840', denumire: 'SERVICE AUTO SOMEȘ SRL', nrRegCom: 'J12/1234/2015', telefon: '0264123456', codPostal: '400000',
  adresa: 'JUD. CLUJ, MUN. CLUJ-NAPOCA, STR. FABRICII, NR.1', stareInregistrare: 'INREGISTRAT', platitorTva: true, tvaLaIncasare: false,
  eFactura: true, inactiv: false,
  sediu: { strada: 'Str. Fabricii', numar: '1', localitate: 'Mun. Cluj-Napoca', judet: 'CLUJ', judetAuto: 'CJ', detalii: 'Bl. A', codPostal: '400000' },
};
const bucharest: AnafCompany = {
  ...cluj, cui: '18547290', denumire: 'TRANSPORT RAPID SRL', nrRegCom: 'J40/100/2010', platitorTva: false, eFactura: false, inactiv: true, tvaLaIncasare: false,
  sediu: { strada: 'Bd. Unirii', numar: '10', localitate: 'Sector 3 Mun. Bucureşti', judet: 'MUNICIPIUL BUCUREŞTI', judetAuto: null, detalii: null, codPostal: '030833' },
};

describe("filling a customer from ANAF's answer", () => {
  it('splits the registered office into county, locality and street', () => {
    expect(anafFormPatch(customerFormOf(null), cluj)).toEqual({
      tip: 'pj', nume: 'SERVICE AUTO SOMEȘ SRL', cod_fiscal: 'RO14399840', reg_com: 'J12/1234/2015', platitor_tva: '1',
      judet: 'CJ', localitate: 'Cluj-Napoca', sector: '', adresa: 'Str. Fabricii, nr. 1, Bl. A', telefon: '0264 123 456',
    });
  });

  it("gives a Bucharest company its sector, a non-payer's CUI without RO, and keeps a phone already typed", () => {
    const form = { ...customerFormOf(null), telefon: '0722 000 111' };
    expect(anafFormPatch(form, bucharest)).toEqual({
      tip: 'pj', nume: 'TRANSPORT RAPID SRL', cod_fiscal: '18547290', reg_com: 'J40/100/2010', platitor_tva: '0',
      judet: 'B', localitate: 'București', sector: '3', adresa: 'Bd. Unirii, nr. 10',
    });
  });

  it('reads counties by plate code or by name, localities without their kind', () => {
    expect(anafCounty({ ...cluj.sediu, judetAuto: null, judet: 'JUD. ARGEŞ' })).toBe('AG');
    expect(anafCounty({ ...cluj.sediu, judetAuto: null, judet: 'Caraş-Severin' })).toBe('CS');
    expect(anafCounty({ ...cluj.sediu, judetAuto: null, judet: 'Nicăieri' })).toBe('');
    expect(anafLocality('Oraş Voluntari')).toBe('Voluntari');
    expect(anafLocality('Sat Florești Com. Florești')).toBe('Sat Florești Com. Florești');
    expect(anafSector('Sector 6 Mun. Bucureşti')).toBe('6');
    expect(anafSector('Mun. Cluj-Napoca')).toBe('');
    expect(anafStreet({ ...cluj.sediu, strada: null, numar: null, detalii: null })).toBe('');
  });

  it('says an inactive company is inactive, and whether it uses e-Factura and pays VAT', () => {
    expect(anafNotes(bucharest)).toEqual({ warnings: [{ key: 'core.customers.anaf.inactive' }], info: [{ key: 'core.customers.anaf.notVatPayer' }] });
    expect(anafNotes(cluj).info.map((m) => m.key)).toEqual(['core.customers.anaf.eFactura', 'core.customers.anaf.vatPayer']);
  });
});
