import { describe, expect, it } from 'vitest';
import type { CompanyProfile } from '@roaauto/shared';
import { cuiWarningKey, dueDaysProblemKey, emptyProfileForm, profileFormOf, profileValues } from './company-form';

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
});
