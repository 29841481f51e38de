import { createI18n } from 'vue-i18n';
import { locales, type Locale, type MessageTree } from '../module-kit';
import { moduleMessages, refusalMessages } from '../modules';
import { shellMessages } from './shell';

export { locales, type Locale };

const storageKey = 'roaauto.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  return saved === 'en' || saved === 'ro' ? saved : 'ro';
}

/** One language's texts: the shell's under `shell`, the rules' refusals under `refusals`, each installed module's under its id. */
export function appMessages(locale: Locale): Record<string, MessageTree> {
  return { shell: shellMessages[locale], refusals: refusalMessages(locale), ...moduleMessages(locale) };
}

export const i18n = createI18n<[Record<string, MessageTree>], Locale, false>({
  // The Composition API mode; vue-i18n 12 makes it the only one and drops this option.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'ro',
  messages: { ro: {}, en: {} },
});

/** Puts the installed modules' texts in place (at start, once the modules are installed). */
export function loadMessages(): void {
  for (const locale of locales) i18n.global.setLocaleMessage(locale, appMessages(locale));
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}
