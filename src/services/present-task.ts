import { segmentContext, type TaskRow } from '../storage/tasks-repo.js';
import type { ServiceDeps } from './deps.js';

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
}

/** What a translator or reviewer sees of a task: never the internals of the lease. */
export async function presentTask(deps: Pick<ServiceDeps, 'pool'>, task: TaskRow): Promise<PresentedTask> {
  const context = await segmentContext(deps.pool, task.articleId, task.revision, task.position);
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
  };
}
