import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { useEffect, useState } from 'preact/hooks';

import type { interfaceLanguages as serverLanguages } from '../../src/http/workbench-schemas';

/** Interface languages: the ones with a locales/<lng>/web.json. Texts may be in any language. */
export const interfaceLanguages = ['en', 'ru', 'ar'] as const;
export type InterfaceLanguage = (typeof interfaceLanguages)[number];
// The server stores a person's choice from its own list: the compiler keeps the two the same.
const sameAsServer: typeof serverLanguages = interfaceLanguages;
void sameAsServer;

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
    const shown = interfaceOf(lng);
    document.documentElement.lang = shown;
    document.documentElement.dir = i18next.dir(shown);
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

/** The interface language a detected one ("ru-RU") is shown in ("ru"). */
function interfaceOf(lng: string): InterfaceLanguage {
  const base = lng.split('-')[0] ?? 'en';
  return (interfaceLanguages as readonly string[]).includes(base) ? (base as InterfaceLanguage) : 'en';
}

export function currentLanguage(): InterfaceLanguage {
  return interfaceOf(i18next.resolvedLanguage ?? i18next.language ?? 'en');
}

/**
 * Attributes of a field holding text in `lng`: its own language and direction, and the spell-checker's
 * language with it, whatever language the interface is in.
 */
export function textAttrs(lng: string): { lang: string; dir: 'ltr' | 'rtl' | 'auto' } {
  // A language still being typed ("english", "e") is no tag: the text is marked unknown ("") and its
  // direction left to the browser, never given a lang attribute that says nothing true.
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(lng)[0];
  } catch {
    tag = undefined;
  }
  // Well-formed is not enough: "english" is a well-formed tag, but no language has a primary subtag that
  // long. Languages people work in have two or three letters (ISO 639-1 or -3).
  return tag && /^[a-z]{2,3}(-|$)/i.test(tag) ? { lang: tag, dir: i18next.dir(tag) } : { lang: '', dir: 'auto' };
}

export { i18next };
export const t = i18next.t.bind(i18next);

/** The interface language, re-rendering the caller when it changes. */
export function useLanguage(): InterfaceLanguage {
  const [lng, setLng] = useState(currentLanguage);
  useEffect(() => {
    const changed = () => setLng(currentLanguage());
    i18next.on('languageChanged', changed);
    return () => i18next.off('languageChanged', changed);
  }, []);
  return lng;
}
