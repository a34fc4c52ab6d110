import type { BlockType } from './article.js';
import { renderMarkup, stripPlaceholders } from './markup/placeholders.js';
import type { MarkupTag } from './markup/tags.js';

export interface TranslatedSegment {
  blockIndex: number;
  blockType: BlockType;
  position: number;
  spaceAfter: string;
  translation: string;
}

export interface AssembledArticle {
  headline: string;
  /** `text` is plain; `html` is the same text, escaped, with the article's inline markup back in place. */
  blocks: Array<{ type: Exclude<BlockType, 'headline'>; text: string; html: string }>;
}

/**
 * Rebuilds an article in a target locale from its translated segments: each block's text is its segments'
 * translations in source order, joined by the whitespace that separated the source sentences.
 */
export function assembleArticle(segments: TranslatedSegment[], markup: Record<string, MarkupTag> = {}): AssembledArticle {
  const ordered = [...segments].sort((a, b) => a.position - b.position);
  const blocks = new Map<number, { type: BlockType; parts: string[] }>();
  for (const segment of ordered) {
    let block = blocks.get(segment.blockIndex);
    if (!block) {
      block = { type: segment.blockType, parts: [] };
      blocks.set(segment.blockIndex, block);
    }
    block.parts.push(segment.translation.trim(), segment.spaceAfter);
  }
  let headline = '';
  const body: AssembledArticle['blocks'] = [];
  for (const [, block] of [...blocks.entries()].sort(([a], [b]) => a - b)) {
    const text = block.parts.join('').trim();
    if (block.type === 'headline') headline = stripPlaceholders(text);
    else body.push({ type: block.type, text: stripPlaceholders(text), html: renderMarkup(text, markup) });
  }
  return { headline, blocks: body };
}
