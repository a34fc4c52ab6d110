import { AppError } from '../errors.js';

/**
 * The life of a task, in one table. A translator claims a queued task and submits it; with review the
 * submission waits for a reviewer, who approves it (done) or rejects it (back to translation). A lapsed or
 * released lease returns the task to its waiting state; a revision that drops the sentence cancels it.
 */
export const taskStatuses = ['queued', 'claimed', 'review_queued', 'reviewing', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export type Stage = 'translate' | 'review';

export type TaskAction = 'claim' | 'submit' | 'release' | 'lapse' | 'claim_review' | 'approve' | 'reject' | 'cancel' | 'fill' | 'deliver';

const transitions: Record<TaskAction, Partial<Record<TaskStatus, TaskStatus | ((review: boolean) => TaskStatus)>>> = {
  claim: { queued: 'claimed' },
  submit: { claimed: (review) => (review ? 'review_queued' : 'done') },
  release: { claimed: 'queued', reviewing: 'review_queued' },
  lapse: { claimed: 'queued', reviewing: 'review_queued' },
  claim_review: { review_queued: 'reviewing' },
  approve: { reviewing: 'done' },
  reject: { reviewing: 'queued' },
  cancel: { queued: 'cancelled', claimed: 'cancelled', review_queued: 'cancelled', reviewing: 'cancelled' },
  // A memory match fills a waiting task: straight to done, or to review when the locale reviews matches.
  fill: { queued: (review) => (review ? 'review_queued' : 'done') },
  // An editor delivers a translation made outside (an agency's XLIFF) for a task nobody holds: as a submit.
  deliver: { queued: (review) => (review ? 'review_queued' : 'done') },
};

export function nextStatus(current: TaskStatus, action: TaskAction, reviewRequired = false): TaskStatus {
  const target = transitions[action][current];
  if (target === undefined) throw new AppError('illegal_transition', { action, status: current });
  return typeof target === 'function' ? target(reviewRequired) : target;
}

export function canTransition(current: TaskStatus, action: TaskAction): boolean {
  return transitions[action][current] !== undefined;
}

/** The statuses in which someone holds the task under a lease, per stage. */
export const heldStatus: Record<Stage, TaskStatus> = { translate: 'claimed', review: 'reviewing' };
export const waitingStatus: Record<Stage, TaskStatus> = { translate: 'queued', review: 'review_queued' };

/** The stage a task is at: review once translated and waiting for, or held by, a reviewer. */
export function stageOf(status: TaskStatus): Stage {
  return status === 'review_queued' || status === 'reviewing' ? 'review' : 'translate';
}

/** A task given back this many times is shown to editors: someone should look at it. */
export const abandonFlagThreshold = 3;
