import { randomUUID } from 'node:crypto';
import { languageOf } from '../domain/article.js';
import { priorityClassOf } from '../domain/priority.js';
import type { Stage } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import type { TakenJob } from '../queues/task-queues.js';
import { isWaiting, recordClaim, type ClaimCandidate, type TaskRow } from '../storage/tasks-repo.js';
import type { LanguagePair, UserRecord } from '../storage/users-repo.js';
import { nextInArticle } from '../storage/continuity-repo.js';
import { bestWaitingTask, claimOutlook, overCapacity, recordClaimBatched, type ClaimedTask } from '../storage/claims-repo.js';
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

async function claimWithinCapacity(deps: ServiceDeps, user: UserRecord, options: ClaimOptions): Promise<PresentedTask[]> {
  const pairs = pairsFor(user, options.targetLocale);
  const { held, continuity } = await claimOutlook(deps.pool, { userId: user.id, pairs, stage: options.stage });
  if (held >= user.capacity) throw new AppError('over_capacity', { held, capacity: user.capacity });
  const wanted = Math.min(options.count ?? 1, user.capacity - held);
  const first = await claimOne(deps, user, pairs, options.stage, continuity);
  if (!first) return [];
  const claimed = [first];
  while (claimed.length < wanted) {
    const last = claimed[claimed.length - 1]!;
    const next = await nextInArticle(deps.pool, last, options.stage);
    if (!next) break;
    const task = await claimSpecific(deps, user, next, options.stage, 'pull').catch((error: unknown) => {
      // Another process's claim took the last free slot meanwhile: the stretch ends with what it has.
      if (error instanceof AppError && error.code === 'over_capacity') return null;
      throw error;
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
): Promise<TaskRow | null> {
  // Queue heads are only needed to weigh continuity against urgency, or to choose between several pairs.
  const heads = candidate || pairs.length > 1 ? await headsByPriority(deps, pairs, stage) : pairs.map((pair) => ({ pair, head: 0 }));
  const bestHead = heads[0]?.head;
  // Continuity yields to more urgent work: a breaking story beats the next sentence of a normal one.
  if (candidate && (bestHead === undefined || bestHead === 0 || priorityClassOf(candidate.queuePriority) <= priorityClassOf(bestHead))) {
    const task = await claimSpecific(deps, user, candidate, stage, 'pull');
    if (task) return task;
  }
  for (const { pair } of heads) {
    const task = await claimHead(deps, user, pair, stage);
    if (task) return task;
  }
  return claimMissingJob(deps, user, pairs, stage);
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

async function claimHead(deps: ServiceDeps, user: UserRecord, pair: LanguagePair, stage: Stage): Promise<TaskRow | null> {
  // Jobs this user may not take (a reviewer's own translation) go back to the queue afterwards, not before,
  // or the next take would hand the same job straight back.
  const passed: TakenJob[] = [];
  try {
    for (let skips = 0; skips < maxStaleSkips; skips++) {
      const token = randomUUID();
      const taken = await deps.taskQueues.take(stage, pair.source, pair.target, token);
      if (!taken) return null;
      let task: TaskRow | null;
      try {
        task = await record(deps, { taskId: taken.taskId, userId: user.id, capacity: user.capacity, stage, via: 'pull' });
      } catch (error) {
        // The database did not take the claim: hand the job straight back rather than wait out its lock.
        await deps.taskQueues.putBack(taken);
        throw error;
      }
      if (task) {
        await deps.taskQueues.handedOver(taken);
        return task;
      }
      // Stale (done, cancelled, taken elsewhere): the job has served its purpose. Still waiting: not for us,
      // and not counted as a stale skip, so a reviewer with many own translations ahead still gets work.
      if (await isWaiting(deps.pool, taken.taskId, stage)) {
        passed.push(taken);
        skips -= 1;
        if (passed.length > 500) return null;
      } else await deps.taskQueues.handedOver(taken);
    }
    return null;
  } finally {
    for (const taken of passed) await deps.taskQueues.putBack(taken);
  }
}

/** Takes one particular waiting task for a user: pulled by continuity, pushed, or assigned by an editor. */
export async function claimSpecific(
  deps: ServiceDeps,
  user: UserRecord,
  task: ClaimCandidate,
  stage: Stage,
  via: 'pull' | 'push' | 'editor',
): Promise<TaskRow | null> {
  const out = await deps.taskQueues.takeOut(stage, task.sourceLang, task.targetLocale, task.id);
  if (!out) return null; // someone's claim is taking it off the queue right now
  const putBack = () =>
    deps.taskQueues.add([{ taskId: task.id, stage, sourceLang: task.sourceLang, targetLocale: task.targetLocale, priority: task.queuePriority }]);
  let claimed: TaskRow | null;
  try {
    claimed = await record(deps, { taskId: task.id, userId: user.id, capacity: user.capacity, stage, via });
  } catch (error) {
    await putBack();
    throw error;
  }
  // Not claimable by this user (a reviewer's own translation, or a push over capacity) but still waiting:
  // its job was taken out above and must go back, or the task would wait unseen until the reconciler.
  if (!claimed && (await isWaiting(deps.pool, task.id, stage))) await putBack();
  return claimed;
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

/** The user's queues with something waiting, most urgent head first. */
async function headsByPriority(deps: ServiceDeps, pairs: LanguagePair[], stage: Stage) {
  const heads = await Promise.all(
    pairs.map(async (pair) => ({ pair, head: await deps.taskQueues.headPriority(stage, pair.source, pair.target) })),
  );
  return heads
    .filter((entry): entry is { pair: LanguagePair; head: number } => entry.head !== null)
    .sort((a, b) => a.head - b.head);
}
