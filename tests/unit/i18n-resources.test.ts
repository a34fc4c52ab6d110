import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/errors.js';
import { httpStatusOf } from '../../src/http/problem.js';
import { xliffMismatchReasons, xliffReasons } from '../../src/domain/xliff/read.js';
import { createI18n, loadResources, supportedLanguages } from '../../src/i18n/index.js';
import { fromRoot } from '../../src/paths.js';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** A key with its plural forms folded into one ("detail_one", "detail_few" -> "detail"). */
function unplural(key: string): string {
  return key.replace(pluralSuffix, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locale resources', () => {
  const resources = loadResources();

  it('has every error code, with title and detail, in every supported language', () => {
    for (const lng of supportedLanguages) {
      for (const code of errorCodes) {
        const entry = (resources[lng]!.errors as Record<string, { title?: string; detail?: string; detail_other?: string }>)[code];
        expect(entry?.title, `${lng}: ${code}.title`).toBeTruthy();
        expect(entry?.detail ?? entry?.detail_other, `${lng}: ${code}.detail`).toBeTruthy();
      }
    }
  });

  it('has the same keys in every namespace of every language, and no stray error codes', () => {
    const english = resources.en!;
    for (const lng of supportedLanguages) {
      expect(Object.keys(resources[lng]!).sort()).toEqual(Object.keys(english).sort());
      for (const ns of Object.keys(english)) {
        // Plural forms differ by language (en: one/other; ru: one/few/many/other; ar: six forms).
        const folded = (value: unknown) => [...new Set(keys(value).map(unplural))].sort();
        expect(folded(resources[lng]![ns]), `${lng}/${ns}`).toEqual(folded(english[ns]));
      }
    }
    expect(Object.keys(english.errors!).sort()).toEqual([...errorCodes].sort());
  });

  it('has a message for every reason an XLIFF upload is refused, in every supported language', () => {
    for (const lng of supportedLanguages) {
      const reasons = (resources[lng]!.xliff as { reason: Record<string, string> }).reason;
      expect(Object.keys(reasons).sort(), lng).toEqual([...xliffReasons, ...xliffMismatchReasons].sort());
    }
  });

  it('maps every error code to an HTTP status', () => {
    for (const code of errorCodes) expect(httpStatusOf[code]).toBeGreaterThanOrEqual(400);
  });

  it('gives every plural message exactly the forms its language has', () => {
    for (const lng of supportedLanguages) {
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories.slice().sort();
      for (const ns of Object.keys(resources[lng]!)) {
        const forms = new Map<string, string[]>();
        for (const key of keys(resources[lng]![ns])) {
          const match = pluralSuffix.exec(key);
          if (match) forms.set(unplural(key), [...(forms.get(unplural(key)) ?? []), match[1]!]);
        }
        for (const [key, found] of forms) expect(found.sort(), `${lng}/${ns}:${key}`).toEqual(categories);
      }
    }
  });

  it('has plural forms for every server message that counts something', () => {
    for (const lng of supportedLanguages) {
      for (const ns of ['errors', 'qa', 'validation', 'pages', 'xliff', 'security']) {
        const flat = keys(resources[lng]![ns]);
        const text = (key: string) => key.split('.').reduce<any>((at, k) => at?.[k], resources[lng]![ns]);
        for (const key of flat) {
          if (/\{\{count\}\}/.test(String(text(key)))) expect(key, `${lng}/${ns}:${key} uses {{count}} without plural forms`).toMatch(pluralSuffix);
        }
      }
    }
  });

  it('picks the Russian and Arabic form by number', async () => {
    const i18n = await createI18n();
    const ru = (count: number) => i18n.t('errors:qa_failed.detail', { lng: 'ru', count });
    expect(ru(1)).toContain('1 ошибка');
    expect(ru(3)).toContain('3 ошибки');
    expect(ru(5)).toContain('5 ошибок');
    expect(ru(21)).toContain('21 ошибка');
    const ar = (count: number) => i18n.t('qa:double_space', { lng: 'ar', count });
    expect(new Set([2, 3, 11, 100].map(ar)).size).toBe(4);
    const en = (count: number) => i18n.t('validation:too_big_string', { lng: 'en', count, maximum: String(count) });
    expect(en(1)).toContain('1 character is');
    expect(en(200)).toContain('200 characters are');
  });

  it('has text for every reason a field problem names, in every language', () => {
    // Field reasons written in the source: `message: 'some_key'` in AppError fields and zod refinements.
    const reasons = new Set<string>();
    for (const file of sourceFiles(fromRoot('src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/message: '([a-z][a-z0-9_]*)'/g)) reasons.add(match[1]!);
    }
    // Webhook target refusals travel as `webhook_target_<reason>`.
    const domain = readFileSync(fromRoot('src/domain/webhook-targets.ts'), 'utf8');
    const union = /export type TargetRefusal = ([^;]+);/.exec(domain)![1]!;
    for (const reason of union.matchAll(/'([a-z_]+)'/g)) reasons.add(`webhook_target_${reason[1]}`);
    expect(reasons).toContain('cannot_change');
    expect(reasons).toContain('no_words');
    expect(reasons).toContain('webhook_target_private_address');
    for (const lng of supportedLanguages) {
      const validation = resources[lng]!.validation as Record<string, unknown>;
      for (const reason of reasons) {
        const text = validation[reason] ?? validation[`${reason}_other`];
        expect(typeof text === 'string' && text.length > 0, `${lng}: validation.${reason}`).toBe(true);
      }
    }
  });
});
