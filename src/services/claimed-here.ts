/**
 * Tasks claimed through this API process, as the claim statement returned them, kept until their holder
 * submits: a submit that finds its task here skips the read of it (one PostgreSQL round trip of the three a
 * submit made) and goes straight to its checks and its move.
 *
 * The kept row is a hint, never the authority. The move only succeeds while the submitter still holds the
 * task under a live lease, under the same claim the row came from (its claim time), and while the glossary
 * is still at the version the checks used (submit_tasks, migration 210). A hint that has gone stale (the
 * lease lapsed, an editor gave the task to someone else, a revision withdrew the sentence, the task was
 * claimed again through another process, a glossary term changed) costs a move that moves nothing, after
 * which the submit reads the task and checks again, exactly as without the hint. What the submit takes from
 * the hint stays true for one hold: its sentence (a segment's text never changes; a changed sentence is a
 * new segment and a new task), its pair, and whether it must be reviewed (set only when a task is created or
 * reopened, and a reopened task is claimed anew).
 */
import type { Task } from '../domain/task.js';

/** A task and the glossary version its claim statement read beside it (glossary-cache.ts). */
type KeptTask = Task & { glossaryVersion?: string };

/** At most this many kept tasks per process (about half a kilobyte each): the oldest go first. */
const maxKept = 20_000;
const kept = new Map<string, KeptTask>();

/** Keeps a task just claimed (a pull, a push or an editor's assignment) for its holder's submit. */
export function rememberClaimed(task: KeptTask): void {
  // Only what the submit reads: the surroundings and suggestions a claim also returns are left out.
  const row: KeptTask = {
    id: task.id,
    articleId: task.articleId,
    segmentId: task.segmentId,
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    priority: task.priority,
    queuePriority: task.queuePriority,
    reviewRequired: task.reviewRequired,
    status: task.status,
    assignee: task.assignee,
    assignedBy: task.assignedBy,
    leaseExpiresAt: task.leaseExpiresAt,
    claimedAt: task.claimedAt,
    translation: task.translation,
    translatedBy: task.translatedBy,
    reviewComment: task.reviewComment,
    draft: task.draft,
    abandonCount: task.abandonCount,
    flagged: task.flagged,
    filledFrom: task.filledFrom,
    source: task.source,
    position: task.position,
    revision: task.revision,
    ...(task.glossaryVersion ? { glossaryVersion: task.glossaryVersion } : {}),
  };
  const key = task.id.toLowerCase();
  kept.delete(key); // re-inserted last, so the eviction below keeps going oldest first
  kept.set(key, row);
  if (kept.size > maxKept) kept.delete(kept.keys().next().value!);
}

/**
 * The kept task when, as far as this process knows, `userId` holds it under a lease that has not run out;
 * else null (and a kept task that is no longer of use is dropped).
 */
export function claimedHereBy(taskId: string, userId: string): KeptTask | null {
  const key = taskId.toLowerCase();
  const task = kept.get(key);
  // Someone else asking (not the holder this process knows) leaves the holder's row alone.
  if (!task || task.assignee !== userId) return null;
  if (!task.leaseExpiresAt || task.leaseExpiresAt.getTime() <= Date.now()) {
    // Lapsed as far as the kept row knows (a heartbeat through another process may have extended it): the
    // caller reads the task, which decides.
    kept.delete(key);
    return null;
  }
  return task;
}

/**
 * A heartbeat in this process moved the holder's lease on. (Should it belong to a later hold made through
 * another process, the kept row still names its own claim, and the move, which checks that, refuses it.)
 */
export function leaseExtendedHere(taskId: string, userId: string, leaseExpiresAt: Date): void {
  const task = kept.get(taskId.toLowerCase());
  if (task && task.assignee === userId) task.leaseExpiresAt = leaseExpiresAt;
}

/** The task was submitted, released or lost: nothing more to keep. */
export function forgetClaimed(taskId: string): void {
  kept.delete(taskId.toLowerCase());
}
