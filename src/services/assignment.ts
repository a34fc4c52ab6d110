import { planPush, type PersonView } from '../domain/assignment.js';
import { stageOf, type Stage, type TaskStatus } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { heldTaskIds, listAvailablePeople, listWaitingForPush, setAvailability } from '../storage/assignment-repo.js';
import { withTransaction } from '../storage/pool.js';
import { findTask } from '../storage/tasks-repo.js';
import { insertNotice } from '../storage/notices-repo.js';
import { findUserById } from '../storage/users-repo.js';
import type { UserRecord } from '../domain/people.js';
import { claimSpecific } from './claim-task.js';
import type { ServiceDeps } from './deps.js';
import { releaseTask } from './task-work.js';

const pairKey = (source: string, target: string) => `${source}>${target}`;

/** One round of push assignment for a stage; returns how many tasks were handed out. */
export async function pushAssignments(deps: ServiceDeps, stage: Stage): Promise<number> {
  const people = await listAvailablePeople(deps.pool, stage === 'translate' ? 'translator' : 'reviewer');
  const views: PersonView[] = people
    .map(({ user, held }) => {
      const heldByArticle = new Map<string, Set<number>>();
      for (const h of held) {
        const set = heldByArticle.get(h.articleId) ?? new Set<number>();
        if (h.position !== null) set.add(h.position);
        heldByArticle.set(h.articleId, set);
      }
      return {
        id: user.id,
        pairs: new Set(user.languagePairs.map((p) => pairKey(p.source, p.target))),
        free: user.capacity - held.length,
        held: held.length,
        heldByArticle,
      };
    })
    .filter((view) => view.free > 0);
  if (views.length === 0) return 0;
  const pairs = new Map<string, { source: string; target: string }>();
  for (const { user } of people) for (const p of user.languagePairs) pairs.set(pairKey(p.source, p.target), p);
  const freeSlots = views.reduce((sum, v) => sum + v.free, 0);
  const waiting = await listWaitingForPush(deps.pool, stage === 'translate' ? 'queued' : 'review_queued', [...pairs.values()], freeSlots * 4);
  const plan = planPush(
    waiting.map((t) => ({
      id: t.id,
      articleId: t.articleId,
      pair: pairKey(t.sourceLang, t.targetLocale),
      position: t.position,
      exclude: stage === 'review' ? t.translatedBy : null,
    })),
    views,
  );
  const byId = new Map(waiting.map((t) => [t.id, t]));
  const users = new Map(people.map((p) => [p.user.id, p.user]));
  let given = 0;
  for (const { taskId, userId } of plan) {
    const task = byId.get(taskId)!;
    if (await claimSpecific(deps, users.get(userId)!, task, stage, 'push')) {
      given += 1;
      // Work arriving unasked is announced (notices reach the person's open event streams).
      await insertNotice(deps.pool, userId, taskId, 'pushed');
    }
  }
  return given;
}

/** On shift or off it. Going off gives back everything held, to the front of the queues. */
export async function changeAvailability(deps: ServiceDeps, user: UserRecord, available: boolean): Promise<{ available: boolean; returned: number }> {
  await setAvailability(deps.pool, user.id, available);
  let returned = 0;
  if (!available) {
    for (const task of await heldTaskIds(deps.pool, user.id)) {
      const stage = stageOf(task.status as TaskStatus);
      await releaseTask(deps, user, task.id, stage, { offShift: true }).then(() => (returned += 1), () => undefined);
    }
  }
  return { available, returned };
}

/** An editor gives a task to a named person, taking it from whoever held it. */
export async function reassignTask(deps: ServiceDeps, editor: UserRecord, taskId: string, assigneeId: string) {
  const [task, assignee] = await Promise.all([findTask(deps.pool, taskId), findUserById(deps.pool, assigneeId)]);
  if (!task) throw new AppError('task_not_found', { id: taskId });
  if (!assignee) throw new AppError('user_not_found', { id: assigneeId });
  const stage = stageOf(task.status);
  const role = stage === 'translate' ? 'translator' : 'reviewer';
  const servesPair = assignee.languagePairs.some((p) => p.source === task.sourceLang && p.target === task.targetLocale);
  if (!assignee.roles.includes(role) || !servesPair) {
    throw new AppError('unavailable_translator', { name: assignee.name, locale: task.targetLocale });
  }
  // The claim would refuse a reviewer their own translation; refused here, before the holder loses the task.
  if (stage === 'review' && task.translatedBy === assignee.id) throw new AppError('own_translation', { name: assignee.name });
  if (task.status === 'claimed' || task.status === 'reviewing') await releaseTask(deps, editor, taskId, stage);
  else if (task.status !== 'queued' && task.status !== 'review_queued') {
    throw new AppError('illegal_transition', { action: 'reassign', status: task.status });
  }
  const given = await claimSpecific(deps, assignee, task, stage, 'editor');
  if (!given) throw new AppError('illegal_transition', { action: 'reassign', status: 'claimed' });
  await withTransaction(deps.pool, (client) => insertNotice(client, assignee.id, taskId, 'reassigned'));
  return given;
}
