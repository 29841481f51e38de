import { describe, expect, it } from 'vitest';
import { accountingRefusals } from '../modules/accounting/refusals';
import { coreRefusals } from '../modules/core/refusals';
import { workshopRefusals } from '../modules/workshop/refusals';
import { defineRefusals, fillText, refusalError, textParams } from './refusals';

const all = { core: coreRefusals, workshop: workshopRefusals, accounting: accountingRefusals };

describe('refusal codes', () => {
  it('have a text in every language, naming the same parameters, and no code is declared twice', () => {
    const seen = new Map<string, string>();
    for (const [module, kit] of Object.entries(all)) {
      for (const [code, texts] of Object.entries(kit.texts)) {
        expect(seen.get(code), `${code} is declared by ${seen.get(code)} and ${module}`).toBeUndefined();
        seen.set(code, module);
        expect(code).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
        for (const lang of ['en', 'ro'] as const) expect(texts[lang].trim(), `${code} ${lang}`).not.toBe('');
        expect(textParams(texts.ro), `${code}: the Romanian text names other parameters`).toEqual(textParams(texts.en));
        // vue-i18n reads these characters as syntax: a text that holds one would not show as written.
        for (const lang of ['en', 'ro'] as const) expect(texts[lang], `${code} ${lang}`).not.toMatch(/[@|$%]/);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
  });

  it('refuse with the code, its parameters and the English text filled in', () => {
    const kit = defineRefusals({ 'x.moved': { en: 'From {from} to {to}', ro: 'Din {from} în {to}' } });
    const r = kit.refuse('x.moved', { from: 'DRAFT', to: 'FACTURAT' });
    expect(r).toEqual({ code: 'x.moved', params: { from: 'DRAFT', to: 'FACTURAT' }, message: 'From DRAFT to FACTURAT' });
    const err = refusalError(r);
    expect(err.code).toBe('validation_failed');
    expect(err.toBody()).toEqual({ error: { code: 'validation_failed', message: 'From DRAFT to FACTURAT', rule: 'x.moved', params: { from: 'DRAFT', to: 'FACTURAT' } } });
    expect(() => kit.refuse('x.other' as never)).toThrow(/Unknown refusal code/);
  });

  it('fill only the parameters they are given', () => {
    expect(fillText('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(fillText('{constructor}', {})).toBe('{constructor}');
    expect(textParams('{b} {a} {b}')).toEqual(['a', 'b']);
  });
});
