import { languageOf } from '../domain/article.js';
import { firstOfClass } from '../domain/priority.js';
import type { Stage } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { takenAt, type TakenTask } from '../queues/task-queues.js';
import { isWaitingAfterLocks, recordClaim, type ClaimCandidate, type TaskRow } from '../storage/tasks-repo.js';
import type { LanguagePair, UserRecord } from '../storage/users-repo.js';
import { nextInArticle } from '../storage/continuity-repo.js';
import { bestWaitingTask, claimOutlook, overCapacity, recordClaimBatched, type ClaimedTask, type ClaimOutlook } from '../storage/claims-repo.js';
import { rememberClaimed } from './claimed-here.js';
import type { ServiceDeps } from './deps.js';
import { recordBestMatch } from '../storage/memorize-repo.js';
import { presentWithHelp, type PresentedTask } from './present-task.js';

/** A stale job (its task finished or was taken meanwhile) is dropped and the next one tried, up to this many. */
const maxStaleSkips = 50;

export interface ClaimOptions {
  stage: Stage;
  targetLocale?: string;
  count?: number;
}

/**
 * Gives the caller the best next task: the next sentence of an article they are working on when nothing
 * more urgent waits (one person keeps a stretch of text), else the head of their queues by priority,
 * deadline and age. With `count`, up to that many consecutive segments of the same article.
 */
export async function claimTasks(deps: ServiceDeps, user: UserRecord, options: ClaimOptions): Promise<PresentedTask[]> {
  // One claim at a time per person (in this process): parallel claims would all read the same held count.
  return oneAtATime(user.id, () => claimWithinCapacity(deps, user, options));
}

const inFlight = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(work);
  inFlight.set(key, mine);
  try {
    return await mine;
  } finally {
    if (inFlight.get(key) === mine) inFlight.delete(key);
  }
}

/**
 * The outlook a person's last submit in this process read for their next translation claim (see
 * `submitMoveBatched`), kept briefly and used once: "submit, then next", the workbench's usual step, then
 * asks PostgreSQL once for the claim. A stale hint costs nothing in correctness: the claim statement checks
 * capacity and whether the candidate still waits, and continuity is a preference, not a promise.
 */
const outlookHints = new Map<string, { outlook: ClaimOutlook; at: number }>();
const outlookHintMs = 30_000;

export function rememberNextClaimOutlook(userId: string, outlook: ClaimOutlook): void {
  if (outlookHints.size >= 10_000) {
    // Translators who submitted and left: drop the expired hints rather than grow without bound.
    const now = Date.now();
    for (const [id, hint] of outlookHints) if (now - hint.at > outlookHintMs) outlookHints.delete(id);
    if (outlookHints.size >= 10_000) outlookHints.clear();
  }
  outlookHints.set(userId, { outlook, at: Date.now() });
}

/** A claim in this process uses up the person's hint (its held count no longer holds after it). */
function takeOutlookHint(userId: string): ClaimOutlook | null {
  const hint = outlookHints.get(userId);
  outlookHints.delete(userId);
  return hint && Date.now() - hint.at <= outlookHintMs ? hint.outlook : null;
}

async function outlookFor(
  deps: ServiceDeps,
  user: UserRecord,
  pairs: LanguagePair[],
  options: ClaimOptions,
): Promise<ClaimOutlook & { kept: boolean }> {
  const hint = takeOutlookHint(user.id);
  // Only for a single translation claim below capacity: a stretch sizes itself by the held count, and a
  // hint at capacity may be out of date in the refusing direction (a hold lapsed or was released since).
  if (hint && options.stage === 'translate' && (options.count ?? 1) === 1 && hint.held < user.capacity) {
    const candidate = hint.continuity;
    const inPairs = candidate !== null && pairs.some((p) => p.source === candidate.sourceLang && p.target === candidate.targetLocale);
    return { held: hint.held, continuity: inPairs ? candidate : null, kept: true };
  }
  return { ...(await claimOutlook(deps.pool, { userId: user.id, pairs, stage: options.stage })), kept: false };
}

async function claimWithinCapacity(deps: ServiceDeps, user: UserRecord, options: ClaimOptions): Promise<PresentedTask[]> {
  const pairs = pairsFor(user, options.targetLocale);
  const { held, continuity, kept } = await outlookFor(deps, user, pairs, options);
  if (held >= user.capacity) throw new AppError('over_capacity', { held, capacity: user.capacity });
  const wanted = Math.min(options.count ?? 1, user.capacity - held);
  const first = await claimOne(deps, user, pairs, options.stage, continuity, kept);
  if (!first) return [];
  const claimed = [first];
  // The claims made so far are committed: whatever stops the stretch (another process's claim took the last
  // free slot, PostgreSQL or Redis failed), the person gets what they hold rather than an error for it.
  while (claimed.length < wanted) {
    const last = claimed[claimed.length - 1]!;
    const task = await nextInArticle(deps.pool, last, options.stage)
      .then((next) => (next ? claimSpecific(deps, user, next, options.stage, 'pull') : null))
      .catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === 'over_capacity')) {
          deps.logger.warn({ err: error, userId: user.id, claimed: claimed.map((t) => t.id) }, 'stretch of a multi-claim stopped by an error; answering the claims made');
        }
        return null;
      });
    if (!task) break;
    claimed.push(task);
  }
  return Promise.all(claimed.map((task) => presentClaimed(deps, task)));
}

/**
 * The claimed task as its translator sees it. A memory match the claim found live is remembered for the
 * article's leverage report (how much help this segment's translator had): the claim writes it, not a
 * later read of the task.
 */
async function presentClaimed(deps: ServiceDeps, task: TaskRow): Promise<PresentedTask> {
  const { presented, liveBestMatch } = await presentWithHelp(deps, task);
  if (liveBestMatch !== null) await recordBestMatch(deps.pool, task.id, liveBestMatch);
  return presented;
}

function pairsFor(user: UserRecord, targetLocale: string | undefined): LanguagePair[] {
  if (!targetLocale) return user.languagePairs;
  const pairs = user.languagePairs.filter((p) => p.target === targetLocale || languageOf(p.target) === targetLocale);
  if (pairs.length === 0) throw new AppError('language_pair_not_served', { locale: targetLocale });
  return pairs;
}

async function claimOne(
  deps: ServiceDeps,
  user: UserRecord,
  pairs: LanguagePair[],
  stage: Stage,
  candidate: ClaimCandidate | null,
  candidateKept = false,
): Promise<TaskRow | null> {
  // Continuity yields to more urgent work: a breaking story beats the next sentence of a normal one. One
  // script weighs the queue heads against the candidate and takes whichever wins.
  let first: TakenTask | null = null;
  if (candidate) {
    const taken = await deps.taskQueues.takeNext(stage, pairs, {
      taskId: candidate.id,
      sourceLang: candidate.sourceLang,
      targetLocale: candidate.targetLocale,
      beatenBelow: firstOfClass(candidate.queuePriority),
    });
    if (taken?.candidate && taken.jobMissing && candidateKept) {
      // A kept outlook's candidate (read at the person's submit) whose job is gone was, nearly always,
      // claimed by someone else since. Nothing was taken out of Redis. The outlook is read afresh, as a claim
      // without a kept one does, so the person still gets the next sentence that waits in their article.
      const fresh = await claimOutlook(deps.pool, { userId: user.id, pairs, stage });
      return claimOne(deps, user, pairs, stage, fresh.continuity);
    } else if (taken?.candidate) {
      // Refused, its job goes back where it stood (the place the take read); a job that was not waiting is
      // added at the priority PostgreSQL holds.
      const task = await recordTaken(deps, user, taken.jobMissing ? { ...taken, priority: candidate.queuePriority } : taken, stage, 'pull');
      if (task) return task;
    } else first = taken;
  }
  return (await claimHeads(deps, user, pairs, stage, first)) ?? claimMissingJob(deps, user, pairs, stage);
}

/**
 * The queues are empty, but PostgreSQL decides what waits: a task committed as waiting whose job has not
 * reached Redis (its add after the commit failed, timed out or is still in flight; the reconciler re-adds
 * it later) is taken from PostgreSQL directly. Costs one indexed read, and only when the queues had nothing.
 */
async function claimMissingJob(deps: ServiceDeps, user: UserRecord, pairs: LanguagePair[], stage: Stage): Promise<TaskRow | null> {
  const waiting = await bestWaitingTask(deps.pool, { userId: user.id, pairs, stage });
  if (!waiting) return null;
  const task = await claimSpecific(deps, user, waiting, stage, 'pull');
  if (task) deps.logger.info({ taskId: task.id, stage }, 'claimed a waiting task whose queue job was missing');
  return task;
}

/**
 * Takes the most urgent head of the person's queues and records the claim, starting with `first` when the
 * caller already took one. A stale job (its task done, cancelled or claimed elsewhere) has served its purpose
 * and the next head is tried, up to a bound.
 */
async function claimHeads(deps: ServiceDeps, user: UserRecord, pairs: LanguagePair[], stage: Stage, first: TakenTask | null): Promise<TaskRow | null> {
  // Jobs this user may not take (a reviewer's own translation) go back to the queue afterwards, not before,
  // or the next take would hand the same job straight back.
  const passed: TakenTask[] = [];
  let next = first;
  try {
    for (let skips = 0; skips < maxStaleSkips; skips++) {
      const taken = next ?? (await deps.taskQueues.takeNext(stage, pairs));
      next = null;
      if (!taken) return null;
      const task = await recordTaken(deps, user, taken, stage, 'pull', passed);
      if (task) return task;
      // Still waiting but not for us is not counted as a stale skip, so a reviewer with many own translations
      // ahead still gets work.
      if (passed.at(-1) === taken) {
        skips -= 1;
        if (passed.length > 500) return null;
      }
    }
    return null;
  } finally {
    if (passed.length) await putBack(deps, stage, passed);
  }
}

/**
 * Records the claim of a task whose job is already out of its queue (and on the ledger of taken jobs, which
 * returns it within seconds should this never finish: docs/architecture.md, "A claim"). Not claimable by this person but still
 * waiting (a reviewer's own translation, a push over capacity): its job goes back, at once or, with
 * `passed`, by the caller once it has taken what it came for. If PostgreSQL fails, the job goes back
 * before the error does.
 */
async function recordTaken(
  deps: ServiceDeps,
  user: UserRecord,
  taken: TakenTask,
  stage: Stage,
  via: 'pull' | 'push' | 'editor',
  passed?: TakenTask[],
): Promise<TaskRow | null> {
  let claimed: TaskRow | null;
  try {
    claimed = await record(deps, { taskId: taken.taskId, userId: user.id, capacity: user.capacity, stage, via });
  } catch (error) {
    await putBack(deps, stage, [taken]);
    throw error;
  }
  // Kept for the holder's submit, which then need not read the task (claimed-here.ts).
  if (claimed && stage === 'translate') rememberClaimed(claimed);
  // Refused: the claim skips rows another transaction holds (SKIP LOCKED), so whether the task still waits
  // is read after that transaction ends; a delivery or revision that moves the task leaves no job behind.
  if (claimed || !(await isWaitingAfterLocks(deps.pool, taken.taskId, stage))) return claimed;
  if (passed) passed.push(taken);
  else await putBack(deps, stage, [taken]);
  return null;
}

/**
 * Jobs taken for a claim that did not happen go back where they stood: returned work to the front, the rest
 * at their old score among equals when the take read it, else at their priority.
 */
async function putBack(deps: ServiceDeps, stage: Stage, taken: TakenTask[]): Promise<void> {
  await deps.taskQueues
    .putBack(stage, taken)
    .catch((error: unknown) => deps.logger.warn({ err: error, tasks: taken.map((t) => t.taskId) }, 'could not put taken jobs back; the ledger sweep (or the reconciler) will'));
}

/** Takes one particular waiting task for a user: pulled by continuity, pushed, or assigned by an editor. */
export async function claimSpecific(
  deps: ServiceDeps,
  user: UserRecord,
  task: ClaimCandidate,
  stage: Stage,
  via: 'pull' | 'push' | 'editor',
): Promise<TaskRow | null> {
  // A claim made for the person uses up an outlook their submit kept (its held count no longer holds).
  outlookHints.delete(user.id);
  // Its job, if waiting, is out (and on the ledger); with no job at all PostgreSQL still decides.
  const place = await deps.taskQueues.takeOutAt(stage, task.sourceLang, task.targetLocale, task.id);
  // Put back if refused: where the job stood, or (no job waiting) at the priority PostgreSQL holds.
  const at = place === null ? { priority: task.queuePriority, score: null } : takenAt(place);
  return recordTaken(deps, user, { taskId: task.id, sourceLang: task.sourceLang, targetLocale: task.targetLocale, candidate: false, ...at }, stage, via);
}

/**
 * Records a claim in PostgreSQL. Pulls and editors' assignments are batched with concurrent claims (the
 * answer carries the context and stored suggestions too); a push runs alone, because its capacity check
 * must see the pushes before it.
 */
async function record(
  deps: ServiceDeps,
  claim: { taskId: string; userId: string; capacity: number; stage: Stage; via: 'pull' | 'push' | 'editor' },
): Promise<TaskRow | ClaimedTask | null> {
  const leaseSeconds = deps.config.leaseSeconds;
  const { capacity, ...request } = claim;
  if (request.via === 'push') return recordClaim(deps.pool, { ...request, leaseSeconds });
  const claimed = await recordClaimBatched(deps.pool, { ...request, via: request.via, leaseSeconds });
  // Refused in PostgreSQL (the claim changed nothing): the callers put the job back, as for any failure.
  if (claimed === overCapacity) throw new AppError('over_capacity', { held: capacity, capacity });
  return claimed;
}
