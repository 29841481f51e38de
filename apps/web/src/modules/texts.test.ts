import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, DomainError, decimalInputProblems, errorCodes, fieldProblems, moduleDefinitions, refusalError, textParams, type RefusalParams } from '@roaauto/shared';
import { NetworkError } from '@/app/api';
import { errorText, issueText, rejectionText, type Translate } from '@/app/errors';
import { createAppI18n, pluralForms } from '@/app/i18n/setup';
import { shellMessages } from '@/app/i18n/shell';
import { locales, type Locale, type MessageTree } from '@/app/module-kit';
import { installModules } from '@/app/modules';
import { webModules } from './index';

/**
 * Every error a person can meet has a text in every language of the app: each error code of the
 * server and the sync engine, each refusal code of each module's rules, each problem of a field. The
 * app's i18n is built as the browser builds it, with a missing-text handler that fails the test (the
 * browser reports it on the console, where the e2e tests fail on it): a key never reaches the screen.
 */
const missing: string[] = [];
const i18nOf = (locale: Locale) => createAppI18n(locale, (l, key) => missing.push(`${key} (${l})`));
let translate: Record<Locale, Translate>;

beforeAll(() => {
  installModules(webModules);
  translate = Object.fromEntries(locales.map((l) => [l, i18nOf(l).global.t as Translate])) as Record<Locale, Translate>;
});
afterAll(() => installModules([]));

/** A text that is a key or still holds a placeholder would show its insides to people. */
function expectSaid(text: string, what: string, english?: string): void {
  expect(text, what).not.toMatch(/^(shell|refusals|core|workshop|accounting)\.[\w.]+$/);
  expect(text, what).not.toMatch(/\{\w+\}/);
  expect(text.trim(), what).not.toBe('');
  if (english) expect(text, `${what}: the server's English`).not.toContain(english);
}

describe('texts of errors', () => {
  it('every error code has a text in every language, never the English of the server', () => {
    for (const locale of locales) {
      for (const code of errorCodes) expectSaid(errorText(translate[locale], new ApiError(400, code, 'The English of the server')), `${locale} ${code}`, 'The English of the server');
      expectSaid(errorText(translate[locale], new NetworkError('Failed to fetch')), `${locale} offline`, 'Failed to fetch');
    }
    expect(missing).toEqual([]);
  });

  it('every refusal code of every module has a text in every language, its parameters filled', () => {
    let codes = 0;
    for (const locale of locales) {
      for (const { id, refusals = {} } of moduleDefinitions) {
        for (const [rule, texts] of Object.entries(refusals)) {
          codes++;
          const params: RefusalParams = Object.fromEntries(textParams(texts.en).map((p) => [p, `«${p}»`]));
          const refusal = { code: rule, params, message: 'The English of the rule' };
          const said = errorText(translate[locale], refusalError(refusal));
          expectSaid(said, `${locale} ${id} ${rule}`, 'The English of the rule');
          for (const p of Object.keys(params)) expect(said, `${locale} ${rule} names {${p}}`).toContain(`«${p}»`);
          expect(rejectionText(translate[locale], { code: 'validation_failed', message: 'The English of the rule', rule, params }), `${locale} ${rule} on the sync page`).toBe(said);
        }
      }
    }
    expect(codes).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('every field problem has a text in every language, with its limit in words', () => {
    for (const locale of locales) {
      for (const problem of fieldProblems) {
        for (const limit of [undefined, 1, 2, 20, 200]) {
          expectSaid(issueText(translate[locale], { path: 'nume', problem, ...(limit === undefined ? {} : { limit }) }), `${locale} ${problem} ${limit}`);
        }
      }
    }
    const tooLong = new DomainError('validation_failed', 'nume: Too big: expected string to have <=200 characters', {
      issues: [{ path: 'nume', problem: 'too_long', limit: 200, message: 'Too big: expected string to have <=200 characters' }],
    });
    expect(errorText(translate.ro, tooLong, { fields: { nume: 'Nume' } })).toBe('Nume: cel mult 200 de caractere.');
    expect(errorText(translate.en, tooLong)).toBe('At most 200 characters.');
    expect(missing).toEqual([]);
  });

  it('a key the code asks for that no language has is reported, not shown quietly', () => {
    const heard: string[] = [];
    const i18n = createAppI18n('ro', (l, key) => heard.push(`${key} (${l})`));
    i18n.global.t('shell.errors.noSuchText');
    expect(heard).toEqual(['shell.errors.noSuchText (ro)']);
    expect(i18n.global.te('shell.errors.generic')).toBe(true);
    expect(heard).toHaveLength(1);
  });
});

describe('texts of typed numbers', () => {
  it('every reason a typed number is refused has a text for each field it can be typed in, in every language', () => {
    for (const locale of locales) {
      const t = translate[locale];
      for (const problem of decimalInputProblems) {
        for (const field of ['hours', 'quantity', 'rate', 'price']) expectSaid(t(`workshop.orders.line.figures.${field}.${problem}`, { n: 2 }), `${locale} order ${field} ${problem}`);
        for (const field of ['quantityProblem', 'priceProblem']) expectSaid(t(`accounting.issue.errors.${field}.${problem}`, { n: 3 }), `${locale} invoice ${field} ${problem}`);
        for (const field of ['hoursProblem', 'priceProblem']) expectSaid(t(`workshop.catalog.errors.${field}.${problem}`), `${locale} catalog ${field} ${problem}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('plurals', () => {
  it('Romanian has three forms: one, a few (0, 2–19 and numbers ending in 01–19) and "de" from 20 on', () => {
    const ro = (n: number) => translate.ro('shell.errors.field.too_long', { n }, n);
    expect(ro(1)).toBe('Cel mult un caracter.');
    expect(ro(2)).toBe('Cel mult 2 caractere.');
    expect(ro(19)).toBe('Cel mult 19 caractere.');
    expect(ro(20)).toBe('Cel mult 20 de caractere.');
    expect(ro(101)).toBe('Cel mult 101 caractere.');
    expect(ro(120)).toBe('Cel mult 120 de caractere.');
    expect(ro(0)).toBe('Cel mult 0 caractere.');
    const en = (n: number) => translate.en('shell.errors.field.too_long', { n }, n);
    expect([en(1), en(2), en(20)]).toEqual(['At most one character.', 'At most 2 characters.', 'At most 20 characters.']);
  });

  it('every text with plural forms has all the forms of its language', () => {
    const wrong: string[] = [];
    const walk = (tree: MessageTree, locale: Locale, prefix: string): void => {
      for (const [k, v] of Object.entries(tree)) {
        if (typeof v !== 'string') walk(v, locale, `${prefix}${k}.`);
        else if (v.includes('|') && v.split('|').length !== pluralForms[locale].length) wrong.push(`${locale} ${prefix}${k}: ${v}`);
      }
    };
    for (const locale of locales) walk(shellMessages[locale], locale, 'shell.');
    for (const m of webModules) for (const locale of locales) walk(m.messages[locale], locale, `${m.id}.`);
    expect(wrong).toEqual([]);
  });
});

describe('form of address', () => {
  it('Romanian texts speak to the person as "dumneavoastră", never with the familiar "tu"', () => {
    // Familiar pronouns and verb forms (second person singular) that have a polite form in the product's texts.
    const familiar = /(^|[^\p{L}-])(tu|te|ta|tău|tale|tăi|ai|poți|știi|știai|vrei|ești|folosești|continui|vezi|ți)(?![\p{L}-])|-ți(?!\p{L})/iu;
    const wrong: string[] = [];
    const walk = (tree: MessageTree, prefix: string): void => {
      for (const [k, v] of Object.entries(tree)) {
        if (typeof v !== 'string') walk(v, `${prefix}${k}.`);
        else if (familiar.test(v)) wrong.push(`${prefix}${k}: ${v}`);
      }
    };
    walk(shellMessages.ro, 'shell.');
    for (const m of webModules) walk(m.messages.ro, `${m.id}.`);
    expect(wrong).toEqual([]);
  });
});
