import { createI18n } from 'vue-i18n';
import { en } from './en';
import { ro, type Messages } from './ro';

export const locales = ['ro', 'en'] as const;
export type Locale = (typeof locales)[number];

const storageKey = 'roaauto.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  return saved === 'en' || saved === 'ro' ? saved : 'ro';
}

export const i18n = createI18n<[Messages], Locale, false>({
  // The Composition API mode; vue-i18n 12 makes it the only one and drops this option.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'ro',
  messages: { ro, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(storageKey, locale);
  document.documentElement.lang = locale;
}
