import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../../../src/domain/segmentation/index.js';
import { boundaryOffsets, loadSample } from './load-fixtures.js';

const { text, gold } = loadSample();

/** Boundaries listed in optionalBoundaries may go either way, so they are removed from both sides. */
function optionalOffsets(blockText: string): Set<number> {
  const offsets = new Set<number>();
  for (const { after, before } of gold.optionalBoundaries) {
    const at = blockText.indexOf(after);
    if (at >= 0 && blockText.indexOf(before, at) >= 0) offsets.add(at + after.length);
  }
  return offsets;
}

describe('sample article gold (tass-aliyev-apology)', () => {
  const contentBlocks = gold.blocks.filter((block) => block.type !== 'chrome');

  it.each(contentBlocks.map((block, index) => [index, block.type, block] as const))(
    'block %i (%s) splits into the gold sentences',
    (_index, _type, block) => {
      const optional = optionalOffsets(block.text);
      const ours = boundaryOffsets(block.text, splitSentences(block.text, 'ru')).filter((o) => !optional.has(o));
      const want = boundaryOffsets(block.text, block.sentences).filter((o) => !optional.has(o));
      expect(ours).toEqual(want);
    },
  );

  it('keeps the hard cases of the issue intact', () => {
    const sentences = splitSentences(text, 'ru');
    expect(sentences.some((s) => s.includes('прим. ТАСС)'))).toBe(true);
    expect(sentences).toContain('В сентябре 2020 года в регионе в очередной раз развернулись активные бои.');
    expect(sentences.some((s) => s.startsWith('9 ноября президент России'))).toBe(true);
  });

  it('separates every block of the pasted page when run over the whole text', () => {
    const sentences = splitSentences(text, 'ru');
    const all = contentBlocks.flatMap((block) => block.sentences);
    const optional = gold.optionalBoundaries.length;
    expect(sentences.length).toBeGreaterThanOrEqual(all.length + 1);
    expect(sentences.length).toBeLessThanOrEqual(all.length + 1 + optional);
    const spans = sentenceSpans(text, 'ru');
    expect(spans.every((span) => span.end > span.start)).toBe(true);
  });
});
