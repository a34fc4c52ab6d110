import { readdirSync, readFileSync } from 'node:fs';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LanguageDetector } from 'i18next-http-middleware';
import { fromRoot } from '../paths.js';

export const supportedLanguages = ['en', 'ru', 'ar'] as const;
export const namespaces = ['errors', 'pages', 'qa', 'validation', 'xliff', 'security'] as const;

const localesDir = `${fromRoot('locales')}/`;

/** Reads locales/<lng>/<ns>.json once; the files are small and every message must be there at start. */
export function loadResources(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of readdirSync(localesDir)) {
    resources[lng] = {};
    for (const file of readdirSync(localesDir + lng).filter((f) => f.endsWith('.json'))) {
      resources[lng][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(`${localesDir}${lng}/${file}`, 'utf8'));
    }
  }
  return resources;
}

export async function createI18n(): Promise<i18n> {
  const instance = i18next.createInstance();
  // `?lng=` first (handy for links and browsers), then Accept-Language; nothing is cached in cookies.
  instance.use(new LanguageDetector(undefined, { order: ['querystring', 'header'], lookupQuerystring: 'lng', caches: false }));
  await instance.init({
    resources: loadResources(),
    // Explicit on purpose: an open language list lets every Accept-Language value allocate a store.
    supportedLngs: [...supportedLanguages],
    fallbackLng: 'en',
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    ns: [...namespaces],
    defaultNS: 'errors',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export type { TFunction };

/** The language a page in `locale` gets its texts in: its own when translated ("ar-EG" -> "ar"), else English. */
export function textLanguageFor(locale: string): (typeof supportedLanguages)[number] {
  const base = locale.split('-')[0]!.toLowerCase();
  return supportedLanguages.find((lng) => lng === base) ?? 'en';
}
