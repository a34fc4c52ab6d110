/**
 * Tasks claimed through this API process, as the claim statement returned them, kept until their holder
 * submits: a submit that finds its task here skips the read of it (one PostgreSQL round trip of the three a
 * submit made) and goes straight to its checks and its move.
 *
 * The kept row is a hint, never the authority. The move only succeeds while the submitter still holds the
 * task under a live lease (submitMoveBatched), so a hint that has gone stale (the lease lapsed, an editor
 * gave the task to someone else, a revision withdrew the sentence) costs a failed move, after which the
 * submit reads the task afresh and answers exactly as it would have without the hint. What the submit takes
 * from the hint and not from that check stays true while the task is held: its sentence (a segment's text
 * never changes; a changed sentence is a new segment and a new task), its pair, and whether it must be
 * reviewed (set when the task is created or reopened, and a held task is neither).
 *
 * The glossary the checks use is the copy the process holds at the version the claim read, or newer: the
 * terms the translator was shown with the task, at the least.
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
  if (!task) return null;
  if (task.assignee !== userId || !task.leaseExpiresAt || task.leaseExpiresAt.getTime() <= Date.now()) {
    // Lapsed as far as the kept row knows (a heartbeat through another process may have extended it): the
    // caller reads the task, which decides.
    kept.delete(key);
    return null;
  }
  return task;
}

/** A heartbeat in this process moved the lease on. */
export function leaseExtendedHere(taskId: string, leaseExpiresAt: Date): void {
  const task = kept.get(taskId.toLowerCase());
  if (task) task.leaseExpiresAt = leaseExpiresAt;
}

/** The task was submitted, released or lost: nothing more to keep. */
export function forgetClaimed(taskId: string): void {
  kept.delete(taskId.toLowerCase());
}
