/**
 * SQL conditions and assignments of task statuses, generated from the transition table in
 * src/domain/task-states.ts: a statement that moves tasks never spells a status itself, so the table and
 * the SQL cannot drift apart. tests/unit/task-status-sql.test.ts checks the repositories keep to this.
 */
import { fixedTarget, heldStatus, sourcesOf, stageOf, waitingStatus, type Stage, type TaskAction, type TaskStatus } from '../domain/task-states.js';

const literal = (status: string) => `'${status}'`;

function listOf(statuses: readonly string[]): string {
  return `(${statuses.map(literal).join(',')})`;
}

/**
 * The statuses any of `actions` may move a task from, in the table's order: what SQL functions (the
 * migrations' `claim_tasks`) receive as parameters instead of spelling statuses in their bodies.
 */
export function leavableBy(...actions: TaskAction[]): TaskStatus[] {
  return [...new Set(actions.flatMap(sourcesOf))];
}

/** The statuses in which someone holds a task under a lease (what capacity counts), as a parameter. */
export const heldStatuses: readonly TaskStatus[] = [...new Set(Object.values(heldStatus))];

/** SQL: `<column> IN (...)`, the statuses any of `actions` may move a task from. */
export function canLeave(column: string, ...actions: TaskAction[]): string {
  return `${column} IN ${listOf(leavableBy(...actions))}`;
}

/** SQL: the status `action` moves a task to from the status in `column` (only actions with fixed targets). */
export function targetOf(column: string, action: TaskAction): string {
  const sources = sourcesOf(action);
  const targets = new Set(sources.map((from) => fixedTarget(action, from)));
  if (targets.size === 1) return literal([...targets][0]!);
  return `CASE ${column} ${sources.map((from) => `WHEN ${literal(from)} THEN ${literal(fixedTarget(action, from))}`).join(' ')} END`;
}

/** SQL: the stage ('translate' or 'review') of the status in `column`, for the statuses `actions` leave. */
export function stageOfColumn(column: string, ...actions: TaskAction[]): string {
  return `CASE ${column} ${[...new Set(actions.flatMap(sourcesOf))].map((from) => `WHEN ${literal(from)} THEN ${literal(stageOf(from))}`).join(' ')} END`;
}

/** SQL: `<column> IN (...)` over the statuses in which someone holds a task under a lease. */
export function isHeld(column: string): string {
  return `${column} IN ${listOf(heldStatuses)}`;
}

/** SQL: `<column> IN (...)` over the statuses in which a task waits for someone. */
export function isWaitingStatus(column: string): string {
  return `${column} IN ${listOf(Object.values(waitingStatus))}`;
}

/** The statuses as the SQL above spells them, for the unit test. */
export function statusList(statuses: readonly TaskStatus[]): string {
  return listOf(statuses);
}

/** SQL: `<column> IN (...)` over the statuses of a stage: waiting for someone or held by someone. */
export function atStage(column: string, stage: Stage): string {
  return `${column} IN ${listOf([waitingStatus[stage], heldStatus[stage]])}`;
}
