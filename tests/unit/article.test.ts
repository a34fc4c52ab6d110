import { describe, expect, it } from 'vitest';
import { checkArticleRules, directionOf, segmentArticle, type ArticleDraft } from '../../src/domain/article.js';
import { queuePriority } from '../../src/domain/priority.js';
import { assembleArticle } from '../../src/domain/assembly.js';
import { AppError } from '../../src/errors.js';

const draft: ArticleDraft = {
  sourceLang: 'ru',
  targetLocales: ['en', 'ar'],
  priority: 'normal',
  deadline: null,
  headline: 'Заголовок статьи',
  dateline: null,
  blocks: [
    { type: 'paragraph', text: 'Первое предложение. Второе предложение.' },
    { type: 'quote', text: 'Строка один.\nСтрока два.' },
  ],
};

describe('segmentArticle', () => {
  it('numbers sentences in reading order, the headline first', () => {
    const segments = segmentArticle(draft);
    expect(segments.map((s) => [s.blockIndex, s.blockType, s.position, s.text])).toEqual([
      [0, 'headline', 0, 'Заголовок статьи'],
      [1, 'paragraph', 1, 'Первое предложение.'],
      [1, 'paragraph', 2, 'Второе предложение.'],
      [2, 'quote', 3, 'Строка один.'],
      [2, 'quote', 4, 'Строка два.'],
    ]);
  });

  it('round-trips through assembly, keeping line breaks inside a block', () => {
    const segments = segmentArticle(draft);
    const assembled = assembleArticle(segments.map((s) => ({ ...s, translation: s.text })));
    expect(assembled.headline).toBe(draft.headline);
    expect(assembled.blocks.map(({ type, text }) => ({ type, text }))).toEqual(draft.blocks);
  });
});

describe('assembleArticle', () => {
  it('orders by position whatever order the translations arrive in', () => {
    const segments = segmentArticle(draft).map((s) => ({ ...s, translation: `T${s.position}` }));
    const assembled = assembleArticle([...segments].reverse());
    expect(assembled).toEqual({
      headline: 'T0',
      blocks: [
        { type: 'paragraph', text: 'T1 T2', html: 'T1 T2' },
        { type: 'quote', text: 'T3\nT4', html: 'T3\nT4' },
      ],
    });
  });

  it('puts inline markup back, escaped, and keeps plain text apart', () => {
    const assembled = assembleArticle(
      [{ blockIndex: 1, blockType: 'paragraph', position: 1, spaceAfter: '', translation: 'Said ⟦1⟧Aliyev⟧ <x>⟦/1⟧.' }],
      { '1': { tag: 'b', attrs: {} } },
    );
    expect(assembled.blocks[0]).toEqual({ type: 'paragraph', text: 'Said Aliyev⟧ <x>.', html: 'Said <b>Aliyev⟧ &lt;x&gt;</b>.' });
  });
});

describe('checkArticleRules', () => {
  it('rejects duplicate targets and the source language as a target', () => {
    try {
      checkArticleRules({ ...draft, targetLocales: ['en', 'en', 'ru'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields.map((f) => f.path)).toEqual(['targetLocales.1', 'targetLocales.2']);
    }
  });

  it('limits the number of blocks', () => {
    const blocks = Array.from({ length: 501 }, () => ({ type: 'paragraph' as const, text: 'x' }));
    expect(() => checkArticleRules({ ...draft, blocks })).toThrow(expect.objectContaining({ code: 'too_many_blocks' }));
  });
});

describe('small rules', () => {
  it('knows the direction of a locale', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
    expect(directionOf('ru')).toBe('ltr');
  });
  it('serves breaking news first', () => {
    expect(queuePriority('breaking')).toBeLessThan(queuePriority('high'));
    expect(queuePriority('normal')).toBeLessThan(queuePriority('low'));
  });
});
