import { locales, type Locale } from '../module-kit';
import { appMessages, createAppI18n } from './setup';

export { locales, type Locale };

const storageKey = 'roaauto.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  return saved === 'en' || saved === 'ro' ? saved : 'ro';
}

/** The browser console hears of a missing text (the e2e tests fail on it); the page shows the key meanwhile. */
export const i18n = createAppI18n(initialLocale(), (locale, key) => console.error(`Missing text: ${key} (${locale})`));

/** Puts the installed modules' texts in place (at start, once the modules are installed). */
export function loadMessages(): void {
  for (const locale of locales) i18n.global.setLocaleMessage(locale, appMessages(locale));
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}
