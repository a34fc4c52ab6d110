/**
 * Domain words
 * - article: what an editor submits, in its source language, with the target locales it must reach.
 * - block: a structural unit of the article (headline, paragraph, subheading, quote, caption, credit, related).
 * - segment: one sentence of a block; the unit a translator works on and translation memory matches.
 * - task: one segment to be translated into one target locale (and reviewed there, when the locale asks).
 * - stage: where a task's work is, `translate` or `review` (task-states.ts, stageOf); each stage has one
 *   waiting status (queued, review_queued) and one held status (claimed, reviewing).
 * - claim: a translator (or reviewer) taking a waiting task of their language pair at that stage for
 *   themself: the most urgent first, preferring the next sentence of an article they are working on. The
 *   claim makes them the task's holder (assignee) and starts its lease.
 * - lease: the time until which the holder keeps a held task without being heard from
 *   (DRAGOMAN_LEASE_SECONDS from the claim or the last heartbeat; heartbeats extend it up to
 *   DRAGOMAN_MAX_HOLD_SECONDS after the claim). When it runs out the task lapses back to its stage's waiting
 *   status for someone else (a translation sent too late is kept as its draft). Submit or release ends it.
 * - push: the desk giving a waiting task to a person instead of waiting for a claim (assignment.ts,
 *   planPush): it goes to an available person with the pair and free capacity, and is held under a lease
 *   exactly as if they had claimed it (assignedBy 'push'; an editor's reassignment is assignedBy 'editor').
 * - locale version: an article assembled in one locale at one revision, once all its tasks are done.
 */
import { AppError, type FieldProblem } from '../errors.js';
import { placeholderSentenceSpans } from './markup/segment.js';

export const contentBlockTypes = ['paragraph', 'subheading', 'quote', 'caption', 'credit', 'related'] as const;
export type ContentBlockType = (typeof contentBlockTypes)[number];
export type BlockType = 'headline' | ContentBlockType;

export const priorities = ['breaking', 'high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];

/** Limits an editor meets with a clear error rather than a slow or stuck service. */
export const articleLimits = {
  maxBlocks: 500,
  maxBlockChars: 10_000,
  maxHeadlineChars: 500,
  maxTotalChars: 200_000,
  maxTargetLocales: 20,
} as const;

export interface ArticleDraft {
  sourceLang: string;
  targetLocales: string[];
  priority: Priority;
  deadline: string | null;
  headline: string;
  dateline: string | null;
  blocks: Array<{ type: ContentBlockType; text: string }>;
}

export interface SegmentDraft {
  blockIndex: number;
  blockType: BlockType;
  position: number;
  text: string;
  spaceAfter: string;
}

/** Rules that need the whole article (zod checks the shape of each field before this). */
export function checkArticleRules(draft: ArticleDraft): void {
  const problems: FieldProblem[] = [];
  const targets = new Set<string>();
  draft.targetLocales.forEach((locale, i) => {
    if (targets.has(locale)) problems.push({ path: `targetLocales.${i}`, message: 'duplicate' });
    if (languageOf(locale) === languageOf(draft.sourceLang)) {
      problems.push({ path: `targetLocales.${i}`, message: 'same_as_source' });
    }
    targets.add(locale);
  });
  if (problems.length > 0) throw new AppError('validation_failed', {}, problems);
  if (draft.blocks.length > articleLimits.maxBlocks) {
    throw new AppError('too_many_blocks', { max: articleLimits.maxBlocks, count: draft.blocks.length });
  }
  const total = draft.blocks.reduce((sum, block) => sum + block.text.length, draft.headline.length);
  if (total > articleLimits.maxTotalChars) {
    throw new AppError('text_too_long', { max: articleLimits.maxTotalChars, count: total }, [
      { path: 'blocks', message: 'too_long' },
    ]);
  }
}

/** Splits the headline and every block into sentences, numbering them in reading order. */
export function segmentArticle(draft: Pick<ArticleDraft, 'sourceLang' | 'headline' | 'blocks'>): SegmentDraft[] {
  const blocks: Array<{ type: BlockType; text: string }> = [{ type: 'headline', text: draft.headline }, ...draft.blocks];
  const segments: SegmentDraft[] = [];
  blocks.forEach((block, blockIndex) => {
    // Inline markup travels as ⟦n⟧ placeholders: sentences never split a tag pair.
    const spans = placeholderSentenceSpans(block.text, draft.sourceLang);
    spans.forEach((span, i) => {
      const next = spans[i + 1];
      segments.push({
        blockIndex,
        blockType: block.type,
        position: segments.length,
        text: block.text.slice(span.start, span.end),
        // Keeps a line break inside a block a line break after translation.
        spaceAfter: next ? normaliseGap(block.text.slice(span.end, next.start)) : '',
      });
    });
  });
  return segments;
}

function normaliseGap(gap: string): string {
  return gap.includes('\n') ? '\n' : ' ';
}

export function languageOf(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

const rightToLeftLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ug', 'ku', 'ckb']);

export function directionOf(locale: string): 'rtl' | 'ltr' {
  return rightToLeftLanguages.has(languageOf(locale)) ? 'rtl' : 'ltr';
}
