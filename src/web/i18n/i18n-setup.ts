import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import { locales, type Locale } from '../../shared/roles.ts';
import { enUS } from './en-us.locale.ts';
import { zhCN } from './zh-cn.locale.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** zh-CN is the default (DESIGN.md "Languages"), whatever the browser says. */
export const defaultLocale: Locale = 'zh-CN';

/** The signed-out pages remember the last language here; signed in, the profile decides. */
const storageKey = 'dutydesk.locale';

const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/** dayjs's name of a UI language; a dayjs instance keeps the locale it was made in. */
export function dayjsLocaleOf(locale: Locale): string {
  return dayjsLocales[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale; // storage can be off (private mode, policies)
  }
}

/** The language the UI shows now. */
export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : defaultLocale;
}

function followLocale(locale: Locale): void {
  dayjs.locale(dayjsLocales[locale]);
  // the lang attribute picks the Chinese (not Japanese) forms of CJK glyphs and helps readers
  document.documentElement.lang = locale;
  document.title = i18next.t('app.name');
}

/** Switches the UI language at once and remembers it for the sign-in page. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // not remembered; the profile still keeps it for signed-in users
  }
  if (locale === i18next.language) return;
  await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (language) => {
  if (isLocale(language)) followLocale(language);
});

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLocale(),
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  // resources are bundled: ready before the first render
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
followLocale(currentLocale());

export { i18next };
