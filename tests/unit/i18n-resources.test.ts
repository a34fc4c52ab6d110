import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/errors.js';
import { httpStatusOf } from '../../src/http/problem.js';
import { xliffMismatchReasons, xliffReasons } from '../../src/domain/xliff/read.js';
import { loadResources, supportedLanguages } from '../../src/i18n/index.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locale resources', () => {
  const resources = loadResources();

  it('has every error code, with title and detail, in every supported language', () => {
    for (const lng of supportedLanguages) {
      for (const code of errorCodes) {
        const entry = (resources[lng]!.errors as Record<string, { title?: string; detail?: string }>)[code];
        expect(entry?.title, `${lng}: ${code}.title`).toBeTruthy();
        expect(entry?.detail, `${lng}: ${code}.detail`).toBeTruthy();
      }
    }
  });

  it('has the same keys in every namespace of every language, and no stray error codes', () => {
    const english = resources.en!;
    for (const lng of supportedLanguages) {
      expect(Object.keys(resources[lng]!).sort()).toEqual(Object.keys(english).sort());
      for (const ns of Object.keys(english)) {
        expect(keys(resources[lng]![ns]).sort(), `${lng}/${ns}`).toEqual(keys(english[ns]).sort());
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
});
