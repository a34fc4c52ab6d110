import { checkArticleRules, segmentArticle } from '../domain/article.js';
import type { DroppedText } from '../domain/import/dropped.js';
import type { MarkupTag } from '../domain/markup/tags.js';
import type { ServiceDeps } from './deps.js';
import { reviewLocalesFor } from './locale-settings.js';
import { findMemoryFills } from './memory-fill.js';
import type { SubmitArticleInput } from './submit-article.js';

export interface ArticlePreview {
  dryRun: true;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string | null;
  review: string[];
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  blocks: Array<{ index: number; type: string; text: string; segments: Array<{ position: number; text: string }> }>;
  segmentCount: number;
  taskCount: number;
  memoryFills: Record<string, number>;
  dropped: DroppedText[];
  markup: Record<string, MarkupTag>;
}

/**
 * What submitting would create, without creating it: the same rules and segmentation as a submission, and
 * read-only looks at locale settings and translation memory. Nothing is written and nothing is queued.
 */
export async function previewArticle(
  deps: Pick<ServiceDeps, 'pool'>,
  input: Omit<SubmitArticleInput, 'idempotencyKey'> & { dropped: DroppedText[] },
): Promise<ArticlePreview> {
  const { draft } = input;
  checkArticleRules(draft);
  const segments = segmentArticle(draft);
  const layout = segments.map((segment) => ({ ...segment, segmentId: '' }));
  const [review, fills] = await Promise.all([
    reviewLocalesFor(deps.pool, draft.targetLocales, input.review),
    findMemoryFills(deps.pool, draft.sourceLang, draft.targetLocales, layout),
  ]);
  const texts = [draft.headline, ...draft.blocks.map((block) => block.text)];
  const blocks: ArticlePreview['blocks'] = texts.map((text, index) => ({
    index,
    type: index === 0 ? 'headline' : draft.blocks[index - 1]!.type,
    text,
    segments: [],
  }));
  for (const segment of segments) blocks[segment.blockIndex]!.segments.push({ position: segment.position, text: segment.text });
  const memoryFills = Object.fromEntries(draft.targetLocales.map((locale) => [locale, 0]));
  for (const key of fills.keys()) {
    const locale = key.slice(key.indexOf('/') + 1);
    memoryFills[locale] = (memoryFills[locale] ?? 0) + 1;
  }
  return {
    dryRun: true,
    sourceLang: draft.sourceLang,
    targetLocales: draft.targetLocales,
    priority: draft.priority,
    deadline: draft.deadline,
    review,
    headline: draft.headline,
    dateline: draft.dateline,
    datelineDate: input.datelineDate,
    blocks,
    segmentCount: segments.length,
    taskCount: segments.length * draft.targetLocales.length,
    memoryFills,
    dropped: input.dropped,
    markup: input.markup,
  };
}
