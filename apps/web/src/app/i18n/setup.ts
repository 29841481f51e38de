import { createI18n, type PluralizationRule } from 'vue-i18n';
import { locales, type Locale, type MessageTree } from '../module-kit';
import { moduleMessages, refusalMessages } from '../modules';
import { shellMessages } from './shell';

/**
 * The plural categories of each language (Unicode CLDR, as `Intl.PluralRules` names them), in the order
 * a text writes its forms. Romanian has three: one ("1 oră"), few (0, 2–19 and numbers ending in 01–19:
 * "2 ore", "101 ore", "1,5 ore") and other (20 and up: "20 de ore"); English two ("1 hour", "2 hours").
 */
export const pluralForms: Readonly<Record<Locale, readonly Intl.LDMLPluralRule[]>> = {
  ro: ['one', 'few', 'other'],
  en: ['one', 'other'],
};

/** vue-i18n's choice of a form for a count: the language's own rule when the text has all its forms. */
export function pluralRule(locale: Locale): PluralizationRule {
  const rules = new Intl.PluralRules(locale);
  const forms = pluralForms[locale];
  return (choice, choicesLength, orgRule) => {
    if (choicesLength === forms.length) return Math.max(0, forms.indexOf(rules.select(choice)));
    return orgRule ? orgRule(choice, choicesLength) : Math.min(Math.abs(choice), choicesLength - 1);
  };
}

/** One language's texts: the shell's under `shell`, the rules' refusals under `refusals`, each installed module's under its id. */
export function appMessages(locale: Locale): Record<string, MessageTree> {
  return { shell: shellMessages[locale], refusals: refusalMessages(locale), ...moduleMessages(locale) };
}

/**
 * The app's i18n with every installed module's texts. `onMissing` hears of a text the code asks for
 * that a language does not have: the app reports it, the tests fail on it (a key shown raw is a bug).
 */
export function createAppI18n(locale: Locale, onMissing: (locale: string, key: string) => void) {
  return createI18n<[Record<string, MessageTree>], Locale, false>({
    // The Composition API mode; vue-i18n 12 makes it the only one and drops this option.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    legacy: false,
    locale,
    fallbackLocale: 'ro',
    messages: Object.fromEntries(locales.map((l) => [l, appMessages(l)])) as Record<Locale, Record<string, MessageTree>>,
    pluralRules: Object.fromEntries(locales.map((l) => [l, pluralRule(l)])),
    missing: (missingIn, key, _instance, type) => {
      if (type === undefined || type === 'translate') onMissing(missingIn, key);
    },
  });
}
