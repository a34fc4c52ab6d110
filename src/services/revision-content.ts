import { randomUUID } from 'node:crypto';
import { segmentArticle, type ArticleDraft } from '../domain/article.js';
import type { MarkupTag } from '../domain/markup/tags.js';
import { queuePriority } from '../domain/priority.js';
import { planRevision, type ExistingSegment } from '../domain/revision.js';
import type { NewTask, RevisionContent } from '../storage/articles-repo.js';
import type { ServiceDeps } from './deps.js';
import { memoryReviewLocales } from './locale-settings.js';
import { findMemoryFills } from './memory-fill.js';
import { nextStatus } from '../domain/task-states.js';

export interface BuiltRevision {
  content: RevisionContent;
  removedSegments: string[];
  waiting: NewTask[];
  /** Cancelled tasks of kept sentences to reopen (a re-added locale): same task, waiting again. */
  reopened: Array<{ id: string; targetLocale: string; reviewRequired: boolean; queuePriority: number }>;
}

/**
 * Turns a draft into what one revision stores: segments (new ones only; unchanged sentences keep theirs),
 * the layout, and a task per new segment and locale, filled from memory where an in-context match exists.
 */
export async function buildRevision(
  deps: Pick<ServiceDeps, 'pool'>,
  input: {
    articleId: string;
    revision: number;
    draft: ArticleDraft;
    datelineDate: string | null;
    markup: Record<string, MarkupTag>;
    createdBy: string;
    reviewLocales: string[];
    previous: ExistingSegment[];
    /** "segmentId/locale" of kept segments whose translation is done, and of those with any live task. */
    doneBefore: Set<string>;
    tasksBefore: Set<string>;
    /** "segmentId/locale" -> id of a cancelled task (its locale was dropped, now targeted again). */
    cancelledBefore: Map<string, string>;
  },
): Promise<BuiltRevision> {
  const { draft } = input;
  const plan = planRevision(input.previous, segmentArticle(draft));
  const layout = plan.layout.map((row) => ({ ...row, segmentId: row.keep ?? randomUUID() }));
  const newSegments = layout.filter((row) => !row.keep).map((row) => ({ id: row.segmentId, text: row.text }));
  const [fills, reviewFills] = await Promise.all([
    findMemoryFills(deps.pool, draft.sourceLang, draft.targetLocales, layout),
    memoryReviewLocales(deps.pool, draft.targetLocales),
  ]);
  const priority = queuePriority(draft.priority, draft.deadline);
  const tasks: NewTask[] = [];
  const reopened: BuiltRevision['reopened'] = [];
  for (const locale of draft.targetLocales) {
    const review = input.reviewLocales.includes(locale);
    for (const row of layout) {
      // A kept sentence keeps its task; only a locale added by this revision needs one for it.
      if (row.keep && input.tasksBefore.has(`${row.keep}/${locale}`)) continue;
      const cancelled = row.keep ? input.cancelledBefore.get(`${row.keep}/${locale}`) : undefined;
      if (cancelled) {
        reopened.push({ id: cancelled, targetLocale: locale, reviewRequired: review, queuePriority: priority });
        continue;
      }
      const fill = fills.get(`${row.position}/${locale}`) ?? null;
      tasks.push({
        id: randomUUID(),
        segmentId: row.segmentId,
        targetLocale: locale,
        // An in-context memory match needs no translator; it still goes to a reviewer where review is on
        // or the locale wants memory matches checked.
        status: fill ? nextStatus('queued', 'fill', review || reviewFills.includes(locale)) : 'queued',
        translation: fill,
        filledFrom: fill ? 'memory' : null,
        reviewRequired: review,
        queuePriority: priority,
      });
    }
  }
  const locales = draft.targetLocales.map((locale) => {
    const keptDone = layout.filter((row) => row.keep && input.doneBefore.has(`${row.keep}/${locale}`)).length;
    const filled = tasks.filter((t) => t.targetLocale === locale && t.status === 'done').length;
    return { locale, total: layout.length, done: keptDone + filled };
  });
  return {
    content: {
      articleId: input.articleId,
      revision: input.revision,
      headline: draft.headline,
      dateline: draft.dateline,
      datelineDate: input.datelineDate,
      markup: input.markup,
      createdBy: input.createdBy,
      newSegments,
      layout: layout.map((row) => ({
        position: row.position,
        segmentId: row.segmentId,
        blockIndex: row.blockIndex,
        blockType: row.blockType,
        spaceAfter: row.spaceAfter,
      })),
      tasks,
      locales,
    },
    removedSegments: plan.removed,
    reopened,
    waiting: tasks.filter((t) => t.status === 'queued' || t.status === 'review_queued'),
  };
}
