import { describe, expect, it } from 'vitest';
import { repairSpans, splitKeepsPlaceholders } from '../../../src/domain/markup/placeholders.js';
import { placeholderSentenceSpans } from '../../../src/domain/markup/segment.js';
import { sentenceSpans, type SentenceSpan } from '../../../src/domain/segmentation/index.js';

const cutAt = (text: string, spans: SentenceSpan[]) => spans.map((s) => text.slice(s.start, s.end));

/** Spans for the given sentences, found in order in the text. */
function spansOf(text: string, sentences: string[]): SentenceSpan[] {
  let from = 0;
  return sentences.map((s) => {
    const start = text.indexOf(s, from);
    from = start + s.length;
    return { start, end: from };
  });
}

/** The segmenter's contract: in order, trimmed, only whitespace between spans, every non-space covered. */
function expectContract(text: string, spans: SentenceSpan[]): void {
  let last = 0;
  for (const s of spans) {
    expect(text.slice(last, s.start).trim()).toBe('');
    expect(s.end).toBeGreaterThan(s.start);
    expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
    last = s.end;
  }
  expect(text.slice(last).trim()).toBe('');
}

describe('the segmenter on text with placeholders', () => {
  it('never cuts inside a token', () => {
    const texts = [
      'Первое ⟦1⟧предложение⟦/1⟧. Второе ⟦2/⟧предложение.',
      'Сказал Ильхам ⟦1⟧Алиев⟦/1⟧. Потом Путин.',
      'Mr. ⟦1⟧Smith⟦/1⟧ arrived. He left⟦2/⟧. See ⟦3⟧example.com⟦/3⟧ now.',
      'Он сказал: "⟦1⟧Мы не отступим⟦/1⟧". Затем ушел.',
    ];
    for (const text of texts) {
      const spans = sentenceSpans(text, text.startsWith('Mr') ? 'en' : 'ru');
      expect(spans.length).toBeGreaterThan(1);
      expect(splitKeepsPlaceholders(text, spans)).toBe(true);
    }
  });

  it('can split a pair that spans two sentences, which splitKeepsPlaceholders reports', () => {
    const text = 'Первое ⟦1⟧предложение. Второе⟦/1⟧ предложение.';
    const spans = sentenceSpans(text, 'ru');
    expect(cutAt(text, spans)).toEqual(['Первое ⟦1⟧предложение.', 'Второе⟦/1⟧ предложение.']);
    expect(splitKeepsPlaceholders(text, spans)).toBe(false);
  });

  it('misses the boundary after a closing token ("конец.⟦/1⟧ Дальше"), the "3.14" rule', () => {
    const text = '⟦1⟧Первое предложение.⟦/1⟧ Второе предложение.';
    expect(cutAt(text, sentenceSpans(text, 'ru'))).toEqual([text]);
  });
});

describe('repairSpans', () => {
  it('leaves spans alone when no token or pair crosses a boundary', () => {
    const text = '⟦1⟧One⟦/1⟧ two. Three ⟦2/⟧four.';
    const spans = spansOf(text, ['⟦1⟧One⟦/1⟧ two.', 'Three ⟦2/⟧four.']);
    expect(repairSpans(text, spans)).toEqual(spans);
  });

  it('merges sentences that a pair straddles', () => {
    const text = 'One ⟦1⟧two. Three⟦/1⟧ four. Five.';
    const spans = spansOf(text, ['One ⟦1⟧two.', 'Three⟦/1⟧ four.', 'Five.']);
    const repaired = repairSpans(text, spans);
    expect(cutAt(text, repaired)).toEqual(['One ⟦1⟧two. Three⟦/1⟧ four.', 'Five.']);
    expect(splitKeepsPlaceholders(text, repaired)).toBe(true);
  });

  it('merges across several sentences and through nested and overlapping pairs', () => {
    const text = 'A ⟦1⟧b. C ⟦2⟧d. E⟦/1⟧ f. G⟦/2⟧ h. I.';
    const spans = spansOf(text, ['A ⟦1⟧b.', 'C ⟦2⟧d.', 'E⟦/1⟧ f.', 'G⟦/2⟧ h.', 'I.']);
    expect(cutAt(text, repairSpans(text, spans))).toEqual(['A ⟦1⟧b. C ⟦2⟧d. E⟦/1⟧ f. G⟦/2⟧ h.', 'I.']);
  });

  it('merges spans that cut through a token', () => {
    const text = 'One.⟦12⟧Two⟦/12⟧.';
    const spans = [{ start: 0, end: 6 }, { start: 6, end: text.length }];
    expect(splitKeepsPlaceholders(text, spans)).toBe(false);
    expect(repairSpans(text, spans)).toEqual([{ start: 0, end: text.length }]);
  });

  it('moves a close token that opens a sentence back, and an open token that ends one forward', () => {
    const text = 'One ⟦1⟧two.⟦/1⟧ Three. Four.⟦2⟧ Five⟦/2⟧.';
    const spans = spansOf(text, ['One ⟦1⟧two.', '⟦/1⟧ Three.', 'Four.⟦2⟧', 'Five⟦/2⟧.']);
    const repaired = repairSpans(text, spans);
    expect(cutAt(text, repaired)).toEqual(['One ⟦1⟧two.⟦/1⟧', 'Three.', 'Four.', '⟦2⟧ Five⟦/2⟧.']);
    expectContract(text, repaired);
  });

  it('ignores unmatched tokens and keeps the input untouched', () => {
    const text = 'One ⟦1⟧two. Three. Four⟦/7⟧.';
    const spans = spansOf(text, ['One ⟦1⟧two.', 'Three.', 'Four⟦/7⟧.']);
    const copy = structuredClone(spans);
    expect(repairSpans(text, spans)).toEqual(spans);
    expect(spans).toEqual(copy);
  });
});

describe('placeholderSentenceSpans', () => {
  it('finds the boundary after a bold or linked sentence and keeps tokens on their side', () => {
    const text = '⟦1⟧Первое предложение.⟦/1⟧ Второе ⟦2⟧предложение⟦/2⟧. ⟦3⟧Третье.';
    const spans = placeholderSentenceSpans(text, 'ru');
    expect(cutAt(text, spans)).toEqual(['⟦1⟧Первое предложение.⟦/1⟧', 'Второе ⟦2⟧предложение⟦/2⟧.', '⟦3⟧Третье.']);
    expectContract(text, spans);
  });

  it('treats a line break token as a space between words', () => {
    const text = 'Первая строка.⟦1/⟧Вторая строка.';
    expect(cutAt(text, placeholderSentenceSpans(text, 'ru'))).toEqual(['Первая строка.', '⟦1/⟧Вторая строка.']);
  });

  it('merges when a pair really straddles sentences', () => {
    const text = 'Один ⟦1⟧два. Три⟦/1⟧ четыре. Пять.';
    expect(cutAt(text, placeholderSentenceSpans(text, 'ru'))).toEqual(['Один ⟦1⟧два. Три⟦/1⟧ четыре.', 'Пять.']);
  });

  it('equals sentenceSpans on text without tokens, and keeps token-only text whole', () => {
    const text = 'Первое. Второе предложение, т. е. длинное. Третье.';
    expect(placeholderSentenceSpans(text, 'ru')).toEqual(sentenceSpans(text, 'ru'));
    expect(placeholderSentenceSpans(' ⟦1⟧ ⟦/1⟧ ', 'ru')).toEqual([{ start: 1, end: 9 }]);
    expect(placeholderSentenceSpans('', 'ru')).toEqual([]);
  });

  it('keeps every block of the sample article segmented exactly as the gold', async () => {
    const { readFileSync } = await import('node:fs');
    const { importHtml } = await import('../../../src/domain/import/html.js');
    const { stripPlaceholders } = await import('../../../src/domain/markup/placeholders.js');
    const { fixturesDir, loadSample } = await import('../segmentation/load-fixtures.js');
    const article = importHtml(readFileSync(`${fixturesDir}html/tass-aliyev-apology.html`, 'utf8'), 'ru');
    const gold = loadSample().gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type));
    article.blocks.forEach((block, i) => {
      const spans = placeholderSentenceSpans(block.text, 'ru');
      expect(splitKeepsPlaceholders(block.text, spans)).toBe(true);
      const sentences = cutAt(block.text, spans).map(stripPlaceholders);
      expect(sentences).toEqual(sentenceSpans(gold[i]!.text, 'ru').map((s) => gold[i]!.text.slice(s.start, s.end)));
    });
  });
});
