import { describe, expect, it } from 'vitest';
import { formatDate, parseDateline } from '../../../src/domain/import/dateline.js';

describe('parseDateline', () => {
  it.each([
    ['21 сентября 2023', 'ru'],
    ['21 сентября 2023 г.', 'ru'],
    ['21.09.2023', 'ru'],
    ['September 21, 2023', 'en'],
    ['Sept. 21, 2023', 'en'],
    ['Thursday, September 21, 2023', 'en'],
    ['21 September 2023', 'en'],
    ['2023-09-21', 'en'],
    ['21 سبتمبر 2023', 'ar'],
    ['٢١ سبتمبر ٢٠٢٣', 'ar'],
    ['۲۱ أيلول ۲۰۲۳', 'ar'],
  ])('%s (%s) → 2023-09-21', (text, lang) => {
    expect(parseDateline(text, lang)).toBe('2023-09-21');
  });

  it('reads US slashed dates month first only for en-US', () => {
    expect(parseDateline('09/10/2023', 'en-US')).toBe('2023-09-10');
    expect(parseDateline('09/10/2023', 'en-GB')).toBe('2023-10-09');
  });

  it.each(['', 'Алиев принес извинения', '31.02.2023', '21 smarch 2023', 'x'.repeat(200) + ' 21.09.2023'])(
    'returns null for %j',
    (text) => {
      expect(parseDateline(text, 'ru')).toBeNull();
    },
  );
});

describe('formatDate', () => {
  it('renders per locale in UTC', () => {
    expect(formatDate('2023-09-21', 'en')).toBe('September 21, 2023');
    expect(formatDate('2023-09-21', 'ru')).toMatch(/^21 сентября 2023/);
    expect(formatDate('2023-09-21', 'ar')).toMatch(/سبتمبر/);
    expect(formatDate('2023-01-01', 'en')).toBe('January 1, 2023');
  });

  it('returns anything that is not a valid ISO date unchanged', () => {
    expect(formatDate('2023-02-30', 'en')).toBe('2023-02-30');
    expect(formatDate('yesterday', 'en')).toBe('yesterday');
  });
});
