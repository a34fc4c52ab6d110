import { AppError } from '../errors.js';

/**
 * The life of a task, in one table. A translator claims a queued task and submits it; with review the
 * submission waits for a reviewer, who approves it (done) or rejects it (back to translation). A lapsed or
 * released lease returns the task to its waiting state; a revision that drops the sentence cancels it.
 */
export const taskStatuses = ['queued', 'claimed', 'review_queued', 'reviewing', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export type Stage = 'translate' | 'review';

export type TaskAction =
  | 'claim'
  | 'submit'
  | 'release'
  | 'lapse'
  | 'claim_review'
  | 'approve'
  | 'reject'
  | 'cancel'
  | 'reopen'
  | 'fill'
  | 'deliver';

const transitions: Record<TaskAction, Partial<Record<TaskStatus, TaskStatus | ((review: boolean) => TaskStatus)>>> = {
  claim: { queued: 'claimed' },
  submit: { claimed: (review) => (review ? 'review_queued' : 'done') },
  release: { claimed: 'queued', reviewing: 'review_queued' },
  lapse: { claimed: 'queued', reviewing: 'review_queued' },
  claim_review: { review_queued: 'reviewing' },
  approve: { reviewing: 'done' },
  reject: { reviewing: 'queued' },
  cancel: { queued: 'cancelled', claimed: 'cancelled', review_queued: 'cancelled', reviewing: 'cancelled' },
  // A revision that targets a locale again (after one that dropped it) gives its cancelled tasks back.
  reopen: { cancelled: 'queued' },
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

/** The statuses an action may move a task from, in the table's order. */
export function sourcesOf(action: TaskAction): TaskStatus[] {
  return taskStatuses.filter((status) => transitions[action][status] !== undefined);
}

/**
 * Where an action takes a task from `from`, for actions whose target does not depend on review (the ones
 * SQL statements apply to many rows at once: claim, lapse, cancel, reopen).
 */
export function fixedTarget(action: TaskAction, from: TaskStatus): TaskStatus {
  const target = transitions[action][from];
  if (target === undefined) throw new AppError('illegal_transition', { action, status: from });
  if (typeof target === 'function') throw new Error(`${action} from ${from} depends on review`);
  return target;
}

const claimAction: Record<Stage, TaskAction> = { translate: 'claim', review: 'claim_review' };

function onlySource(action: TaskAction): TaskStatus {
  const [source, ...more] = sourcesOf(action);
  if (!source || more.length > 0) throw new Error(`${action} must start from exactly one status`);
  return source;
}

/** The status a task waits in for someone, per stage: what a claim at that stage takes. */
export const waitingStatus: Record<Stage, TaskStatus> = {
  translate: onlySource(claimAction.translate),
  review: onlySource(claimAction.review),
};
/** The statuses in which someone holds the task under a lease, per stage: where a claim puts it. */
export const heldStatus: Record<Stage, TaskStatus> = {
  translate: fixedTarget(claimAction.translate, waitingStatus.translate),
  review: fixedTarget(claimAction.review, waitingStatus.review),
};

/** Where finished work ends (an approved review's target): what a locale's completion waits for in every task. */
export const doneStatus: TaskStatus = fixedTarget('approve', onlySource('approve'));

/** The claim action of a stage. */
export function claimActionOf(stage: Stage): TaskAction {
  return claimAction[stage];
}

/** The stage a task is at: review once translated and waiting for, or held by, a reviewer. */
export function stageOf(status: TaskStatus): Stage {
  return status === 'review_queued' || status === 'reviewing' ? 'review' : 'translate';
}

/** A task given back this many times is shown to editors: someone should look at it. */
export const abandonFlagThreshold = 3;
