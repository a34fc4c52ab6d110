import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';

/** Interface languages: the ones with a locales/<lng>/web.json. Texts may be in any language. */
export const interfaceLanguages = ['en', 'ru', 'ar'] as const;
export type InterfaceLanguage = (typeof interfaceLanguages)[number];

const choiceKey = 'dragoman.lng';

// One chunk per language, fetched on demand: a Russian interface never downloads the Arabic strings.
const catalogues = import.meta.glob<Record<string, unknown>>('../../locales/*/web.json', { import: 'default' });

const bundledCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(lng: string, _ns: string, callback: ReadCallback) {
    const load = catalogues[`../../locales/${lng}/web.json`];
    if (!load) return callback(null, {});
    load().then(
      (resources) => callback(null, resources),
      (error: Error) => callback(error, false),
    );
  },
};

/**
 * The interface follows the browser's languages (navigator.languages) until the person picks one; only a
 * choice is remembered. The page's `dir` follows the interface language.
 */
export async function startI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = i18next.dir(lng);
  });
  await i18next
    .use(bundledCatalogues)
    .use(LanguageDetector)
    .init({
      supportedLngs: [...interfaceLanguages],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'en',
      ns: ['web'],
      defaultNS: 'web',
      interpolation: { escapeValue: false },
      returnNull: false,
      detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: choiceKey, caches: [] },
    });
  return i18next;
}

export function chooseLanguage(lng: InterfaceLanguage): Promise<unknown> {
  try {
    localStorage.setItem(choiceKey, lng);
  } catch {
    // Storage may be off (private mode): the choice then lasts for this page only.
  }
  return i18next.changeLanguage(lng);
}

export function hasChosenLanguage(): boolean {
  try {
    return localStorage.getItem(choiceKey) !== null;
  } catch {
    return false;
  }
}

export function currentLanguage(): InterfaceLanguage {
  const lng = i18next.resolvedLanguage ?? 'en';
  return (interfaceLanguages as readonly string[]).includes(lng) ? (lng as InterfaceLanguage) : 'en';
}

/**
 * Attributes of a field holding text in `lng`: its own language and direction, and the spell-checker's
 * language with it, whatever language the interface is in.
 */
export function textAttrs(lng: string): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: lng, dir: i18next.dir(lng) };
}

export { i18next };
export const t = i18next.t.bind(i18next);
