import { describe, expect, it } from 'vitest';
import { companyProfileTable, coreRefusals, rowSchemas, type CompanyProfile } from '@roaauto/shared';
import { cuiWarningKey, dueDaysProblemKey, emptyProfileForm, phoneWarningKey, profileFieldOfRule, profileFormOf, profileProblems, profileValues, vatPayerByCui } from './company-form';

describe('the company form', () => {
  it('warns when the CUI fails its check or its RO prefix does not go with the VAT checkbox', () => {
    expect(cuiWarningKey({ cui: ' ', platitor_tva: true })).toBeNull();
    expect(cuiWarningKey({ cui: '14399841', platitor_tva: false })).toBe('core.company.cuiInvalid');
    expect(cuiWarningKey({ cui: '14399840', platitor_tva: true })).toBe('core.company.cuiWithoutRo');
    expect(cuiWarningKey({ cui: 'ro14399840', platitor_tva: false })).toBe('core.company.cuiRoNotPayer');
    expect(cuiWarningKey({ cui: 'ro14399840', platitor_tva: true })).toBeNull();
    expect(cuiWarningKey({ cui: '14399840', platitor_tva: false })).toBeNull();
  });

  it('the payment term is a whole number of days from 0 to 365', () => {
    expect(dueDaysProblemKey('')).toBeNull();
    expect(dueDaysProblemKey(' 30 ')).toBeNull();
    expect(dueDaysProblemKey('0')).toBeNull();
    for (const bad of ['366', '-5', '1e2', '1.5', 'zece']) expect(dueDaysProblemKey(bad), bad).toBe('core.company.dueDaysInvalid');
  });

  it('stores trimmed texts, empty as null, the CUI and series in capitals, VAT on receipt only for a VAT payer', () => {
    const form = { ...emptyProfileForm(), nume: ' Service SRL ', cui: ' ro 14399840 ', adresa: '  ', serie_implicita: ' abc ', zile_scadenta: ' 15 ', tva_la_incasare: true };
    expect(profileValues(form)).toMatchObject({
      nume: 'Service SRL', cui: 'RO14399840', adresa: null, serie_implicita: 'ABC', zile_scadenta: 15, platitor_tva: 1, tva_la_incasare: 1, logo: null,
    });
    expect(profileValues({ ...form, platitor_tva: false })).toMatchObject({ platitor_tva: 0, tva_la_incasare: 0 });
    expect(profileValues({ ...form, nume: '  ', zile_scadenta: '' })).toMatchObject({ nume: '', zile_scadenta: null });
  });

  it('a stored profile reads back into the same form', () => {
    const form = { ...emptyProfileForm(), nume: 'Service SRL', cui: 'RO14399840', judet: 'CJ', zile_scadenta: '15', tva_la_incasare: true };
    const stored = { id: 'p', ...profileValues(form) } as CompanyProfile;
    expect(profileFormOf(stored)).toEqual(form);
  });

  it('says what keeps the profile from being saved under its field, before the table refuses it', () => {
    expect(profileProblems({ ...emptyProfileForm(), nume: 'Service SRL' })).toEqual({});
    expect(profileProblems(emptyProfileForm())).toEqual({ nume: 'core.company.nameRequired' });
    const bad = { ...emptyProfileForm(), nume: 'Service SRL', cui: '14399841', iban: 'RO12 XXXX 0000', zile_scadenta: '1e2' };
    expect(profileProblems(bad)).toEqual({ cui: 'core.company.cuiInvalid', iban: 'core.company.ibanInvalid', zile_scadenta: 'core.company.dueDaysInvalid' });
    // An IBAN as the bank prints it, with spaces and in small letters, is right, and is stored without them.
    const spaced = { ...emptyProfileForm(), nume: 'Service SRL', iban: 'ro49 aaaa 1b31 0075 9384 0000' };
    expect(profileProblems(spaced)).toEqual({});
    expect(profileValues(spaced).iban).toBe('RO49AAAA1B31007593840000');
    // What the form lets through, the table's rule accepts (no refusal in English after "Save").
    for (const form of [spaced, { ...spaced, cui: 'ro 14399840', iban: '' }]) {
      const row = { id: 'p', created_at: '', updated_at: '', ...profileValues(form) } as never;
      expect(companyProfileTable.check?.({ row, previous: null, parent: null, deleting: false, clientId: 'c' }) ?? null).toBeNull();
    }
  });

  it("names the form's field of every refusal of the profile's rule that a field can cause", () => {
    for (const rule of Object.keys(profileFieldOfRule)) expect(Object.keys(coreRefusals.texts)).toContain(rule);
    const fields = new Set(Object.keys(emptyProfileForm()));
    for (const field of Object.values(profileFieldOfRule)) expect(fields.has(field), field).toBe(true);
  });
});

describe('the company phone', () => {
  it('warns on a number that is not a phone, never blocks, and stores a recognised one in its standard form', () => {
    expect(phoneWarningKey('12ab')).toBe('core.company.phoneUnrecognised');
    expect(phoneWarningKey('0264 123 456')).toBeNull();
    expect(phoneWarningKey('')).toBeNull();
    expect(profileProblems({ ...emptyProfileForm(), nume: 'Service SRL', telefon: '12ab' })).toEqual({});
    expect(profileValues({ ...emptyProfileForm(), nume: 'Service SRL', telefon: '+40 264-123-456' }).telefon).toBe('0264 123 456');
    expect(profileValues({ ...emptyProfileForm(), nume: 'Service SRL', telefon: ' 12ab ' }).telefon).toBe('12ab');
  });
});

describe('the profile made at sign-up', () => {
  it('guesses VAT registration from the CUI as written', () => {
    expect(vatPayerByCui(' ro14399840 ')).toBe(true);
    expect(vatPayerByCui('14399840')).toBe(false);
    expect(vatPayerByCui('')).toBe(true);
    const values = profileValues({ ...emptyProfileForm(), nume: ' Service Nou SRL ', cui: '14399840', platitor_tva: vatPayerByCui('14399840') });
    expect(values).toMatchObject({ nume: 'Service Nou SRL', cui: '14399840', platitor_tva: 0 });
    expect(rowSchemas(companyProfileTable).full.safeParse(values).success).toBe(true);
    const row = { id: 'p', created_at: '', updated_at: '', ...values } as never;
    expect(companyProfileTable.check?.({ row, previous: null, parent: null, deleting: false, clientId: 'c' }) ?? null).toBeNull();
  });
});
