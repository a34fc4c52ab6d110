import { readFileSync } from 'node:fs';
import { splitSentences } from '../../src/domain/segmentation/index.js';

interface GoldBlock {
  type: string;
  text: string;
}

const gold = JSON.parse(readFileSync(new URL('../../tests/fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: GoldBlock[];
};

/** The sample TASS article as an editor would send it: headline plus content blocks (no page chrome). */
const headline = gold.blocks.find((b) => b.type === 'headline')!.text;
const content = gold.blocks
  .filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type))
  .map((b) => ({ type: b.type, text: b.text }));

export type Priority = 'breaking' | 'high' | 'normal' | 'low';

/**
 * A real newsroom article (about 35 sentences) to en and ar. Every sentence carries the article's number,
 * so translation memory cannot fill one article from another and each run measures translators' work.
 */
export function articleBody(n: number, priority: Priority = 'normal'): unknown {
  return {
    sourceLang: 'ru',
    targetLocales: ['en', 'ar'],
    priority,
    headline: `${headline} (${n})`,
    blocks: content.map((block) => ({ ...block, text: numbered(block.text, n) })),
  };
}

function numbered(text: string, n: number): string {
  return splitSentences(text, 'ru')
    .map((sentence) => sentence.replace(/^(\S+)/, `$1 [${n}]`))
    .join(' ');
}

/** Tasks per target locale, from the progress the service reports for the new article. */
export function localeTotals(article: { progress: Record<string, { total: number }> }): Record<string, number> {
  return Object.fromEntries(Object.entries(article.progress).map(([locale, p]) => [locale, p.total]));
}
