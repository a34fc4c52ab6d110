import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { qaCatalogue, qaCodes, runQaChecks } from '../../../src/domain/qa/index.js';
import { triggers } from './triggers.js';

const languages = ['en', 'ru', 'ar'] as const;
const messages = Object.fromEntries(
  languages.map((lng) => [
    lng,
    JSON.parse(readFileSync(fileURLToPath(new URL(`../../../locales/${lng}/qa.json`, import.meta.url)), 'utf8')) as Record<string, unknown>,
  ]),
) as Record<(typeof languages)[number], Record<string, unknown>>;

/** A code's message: one string, or i18next plural forms (`code_one`, `code_few`...) when it takes a count. */
const pluralForm = /_(zero|one|two|few|many|other)$/;
function formsOf(lng: (typeof languages)[number], code: string): string[] {
  const table = messages[lng];
  if (code in table) return [table[code] as string];
  return Object.keys(table)
    .filter((key) => key.replace(pluralForm, '') === code && pluralForm.test(key))
    .map((key) => table[key] as string);
}

const paramsIn = (message: string) => [...message.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('QA messages', () => {
  it('has exactly one non-empty message per code in every language', () => {
    for (const lng of languages) {
      const codesWithText = [...new Set(Object.keys(messages[lng]).map((key) => (key in messages[lng] && qaCodes.includes(key as never) ? key : key.replace(pluralForm, ''))))];
      expect(codesWithText.sort(), lng).toEqual([...qaCodes].sort());
      for (const code of qaCodes) {
        const forms = formsOf(lng, code);
        expect(forms.length, `${lng}: ${code}`).toBeGreaterThan(0);
        for (const form of forms) expect(typeof form === 'string' && form.trim() !== '', `${lng}: ${code}`).toBe(true);
      }
    }
  });

  it('uses only params the check provides, and the same ones in every language', () => {
    for (const code of qaCodes) {
      const provided = [...qaCatalogue[code].params].sort();
      // Plural forms may leave the count out (Arabic's "two" form says it in the word), so compare sets.
      const usedIn = (lng: (typeof languages)[number]) => [...new Set(formsOf(lng, code).flatMap(paramsIn))].filter((p) => p !== 'count').sort();
      const used = usedIn('en');
      for (const p of formsOf('en', code).flatMap(paramsIn)) expect(provided, `${code} uses {{${p}}}`).toContain(p);
      for (const lng of languages) expect(usedIn(lng), `${lng}: ${code}`).toEqual(used);
    }
  });

  it('gets from every check exactly the params its catalogue entry declares', () => {
    for (const code of qaCodes) {
      const found = runQaChecks({ sourceLang: 'ru', ...triggers[code] }).filter((i) => i.code === code);
      expect(found.length, code).toBeGreaterThan(0);
      for (const i of found) {
        expect(Object.keys(i.params).sort(), code).toEqual([...qaCatalogue[code].params].sort());
        expect(i.severity, code).toBe(qaCatalogue[code].severity);
      }
    }
  });

  it('renders every message of a real issue completely', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: Object.fromEntries(languages.map((lng) => [lng, { qa: messages[lng] }])),
      lng: 'en',
      ns: ['qa'],
      defaultNS: 'qa',
      interpolation: { escapeValue: false },
    });
    for (const code of qaCodes) {
      const found = runQaChecks({ sourceLang: 'ru', ...triggers[code] }).find((i) => i.code === code)!;
      for (const lng of languages) {
        const text = i18n.t(code, { ...found.params, lng });
        expect(text, `${lng}: ${code}`).not.toMatch(/\{\{|undefined/);
        expect(text, `${lng}: ${code}`).not.toBe(code);
      }
    }
  });
});
