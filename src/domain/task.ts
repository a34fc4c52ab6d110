import type { Priority } from './article.js';
import type { TaskStatus } from './task-states.js';

/** How a task came to its holder: taken from the queue, pushed by the desk, or handed over by an editor. */
export type AssignedBy = 'pull' | 'push' | 'editor';

/**
 * One sentence of one article to translate into one locale, then perhaps to review. Status and stage follow
 * the transition table in task-states.ts; the lease (`leaseExpiresAt`) is how long the holder keeps it.
 */
export interface Task {
  id: string;
  articleId: string;
  segmentId: string;
  sourceLang: string;
  targetLocale: string;
  priority: Priority;
  queuePriority: number;
  reviewRequired: boolean;
  status: TaskStatus;
  assignee: string | null;
  assignedBy: AssignedBy | null;
  leaseExpiresAt: Date | null;
  claimedAt: Date | null;
  translation: string | null;
  translatedBy: string | null;
  reviewComment: string | null;
  draft: string | null;
  abandonCount: number;
  flagged: boolean;
  filledFrom: 'memory' | null;
  source: string;
  /** Position in the article's current revision; null when the current revision dropped the sentence. */
  position: number | null;
  revision: number;
}
