import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Translate } from '@/app/errors';
import { createAppI18n } from '@/app/i18n/setup';
import { installModules } from '@/app/modules';
import { webModules } from '@/modules';
import { formatMoney } from '@roaauto/shared';
import { documentDiscountLabel, lineDiscountLabel, quantityWithUnit, vatLabel } from './document-text';

const missing: string[] = [];
let ro: Translate;
let en: Translate;
beforeAll(() => {
  installModules(webModules);
  ro = createAppI18n('ro', (l, k) => missing.push(`${k} (${l})`)).global.t;
  en = createAppI18n('en', (l, k) => missing.push(`${k} (${l})`)).global.t;
});
afterAll(() => {
  installModules([]);
  expect(missing).toEqual([]);
});

describe('how a document reads on a page', () => {
  it('says hours with the Romanian plural: 1 oră, 1,5 ore, 20 de ore', () => {
    expect(quantityWithUnit(ro, '1', '1', 'ore')).toBe('1 oră');
    expect(quantityWithUnit(ro, '1.5', '1,5', 'ore')).toBe('1,5 ore');
    expect(quantityWithUnit(ro, '2', '2', 'oră')).toBe('2 ore');
    expect(quantityWithUnit(ro, '20', '20', 'ore')).toBe('20 de ore');
    expect(quantityWithUnit(ro, '-1', '-1', 'ore')).toBe('-1 oră');
    expect(quantityWithUnit(en, '1', '1', 'ore')).toBe('1 hour');
    expect(quantityWithUnit(en, '2.5', '2.5', 'ore')).toBe('2.5 hours');
    expect(quantityWithUnit(ro, '2', '2', 'buc')).toBe('2 buc');
  });

  it('says VAT in words, without the category letters of e-Factura', () => {
    expect(vatLabel(ro, { categorie: 'S', cota: '21' })).toBe('TVA 21%');
    expect(vatLabel(ro, { categorie: 'S', cota: '11.00' })).toBe('TVA 11%');
    for (const categorie of ['Z', 'E', 'AE', 'O'] as const) {
      for (const t of [ro, en]) expect(vatLabel(t, { categorie, cota: '0' })).not.toMatch(/\((S|Z|E|AE|O)\)|^(S|Z|E|AE|O)$/);
    }
    expect(vatLabel(en, { categorie: 'S', cota: '21' })).toBe('VAT 21%');
  });
});

describe('how discounts read on a page', () => {
  it('says a line discount with its percent, reason and amount taken off (added back on a credit note)', () => {
    expect(lineDiscountLabel(ro, { procent: '12.5', suma: 1234, motiv: 'Discount fidelitate' }, 'ro')).toBe(`Reducere 12,5% — Discount fidelitate: \u2212${formatMoney(1234)}`);
    expect(lineDiscountLabel(en, { procent: null, suma: -250, motiv: 'Discount' }, 'en')).toBe(`Discount — Discount: +${formatMoney(250)}`);
  });

  it('names a document discount by its percent and VAT rate', () => {
    const d = { categorie: 'S' as const, cota: '21', motivScutire: null, baza: 12310, procent: '5', suma: 616, motiv: 'Client fidel' };
    expect(documentDiscountLabel(ro, d, 'ro')).toBe('Reducere 5% (TVA 21%)');
    expect(documentDiscountLabel(en, { ...d, procent: null }, 'en')).toBe('Discount (VAT 21%)');
  });
});
