import { recordBestMatch } from '../storage/memorize-repo.js';
import { withTransaction } from '../storage/pool.js';
import { segmentContext, type TaskRow } from '../storage/tasks-repo.js';
import type { ServiceDeps } from './deps.js';
import { findTermsInSource } from './glossary.js';
import { suggestMatches, type MemorySuggestion } from './translation-memory.js';

export interface PresentedTask {
  id: string;
  articleId: string;
  segmentId: string;
  stage: 'translate' | 'review';
  sourceLang: string;
  targetLocale: string;
  source: string;
  context: { before: string[]; after: string[] };
  leaseExpiresAt: string;
  priority: TaskRow['priority'];
  /** For review: the translation to check. For a task sent back: the previous text and the reviewer's note. */
  translation: string | null;
  reviewComment: string | null;
  draft: string | null;
  position: number | null;
  /** Translation memory matches, best first; `suggestionsComplete` is false when fuzzy search ran out of time. */
  suggestions: MemorySuggestion[];
  suggestionsComplete: boolean;
  glossary: Awaited<ReturnType<typeof findTermsInSource>>;
}

/** Fuzzy search on a very large memory can be slow: a claim never waits longer than this for it. */
const suggestionBudgetMs = 250;

/** What a translator or reviewer sees of a task: context, memory matches and glossary terms, never lease internals. */
export async function presentTask(deps: Pick<ServiceDeps, 'pool'>, task: TaskRow): Promise<PresentedTask> {
  const [context, memory, glossary] = await Promise.all([
    segmentContext(deps.pool, task.articleId, task.revision, task.position),
    suggestionsFor(deps, task),
    findTermsInSource(deps.pool, { sourceLang: task.sourceLang, targetLocale: task.targetLocale, source: task.source }),
  ]);
  return {
    id: task.id,
    articleId: task.articleId,
    segmentId: task.segmentId,
    stage: task.status === 'reviewing' || task.status === 'review_queued' ? 'review' : 'translate',
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    source: task.source,
    context,
    leaseExpiresAt: task.leaseExpiresAt?.toISOString() ?? '',
    priority: task.priority,
    translation: task.translation,
    reviewComment: task.reviewComment,
    draft: task.draft,
    position: task.position,
    suggestions: memory.suggestions,
    suggestionsComplete: memory.complete,
    glossary,
  };
}

async function suggestionsFor(deps: Pick<ServiceDeps, 'pool'>, task: TaskRow) {
  try {
    const suggestions = await withTransaction(deps.pool, async (client) => {
      await client.query(`SET LOCAL statement_timeout = ${suggestionBudgetMs}`);
      const context = await segmentContext(client, task.articleId, task.revision, task.position, 1);
      return suggestMatches(client, {
        sourceLang: task.sourceLang,
        targetLocale: task.targetLocale,
        source: task.source,
        prevSource: context.before[0] ?? null,
        nextSource: context.after[0] ?? null,
        limit: 5,
      });
    });
    // Remembered for the article's leverage report: how much help this segment's translator had.
    if (suggestions[0]) await recordBestMatch(deps.pool, task.id, suggestions[0].score);
    return { suggestions, complete: true };
  } catch (error) {
    if ((error as { code?: string }).code === '57014') return { suggestions: [], complete: false };
    throw error;
  }
}
