import { priorities, type Priority } from './article.js';

/**
 * BullMQ priority of a task: 1 is served first. The priority class dominates; inside a class a task with
 * a deadline comes before one without, earlier deadlines first, at ten-minute resolution. BullMQ accepts
 * priorities up to 2^21, which leaves room for deadlines some seven years past 2024.
 */
const classWidth = 400_000;
const epoch = Date.UTC(2024, 0, 1);
const resolutionMs = 10 * 60 * 1000;

export function queuePriority(priority: Priority, deadline: Date | string | null = null): number {
  const classBase = (priorities.indexOf(priority) + 1) * classWidth;
  if (!deadline) return classBase + classWidth - 1;
  const slot = Math.floor((new Date(deadline).getTime() - epoch) / resolutionMs);
  return classBase + Math.min(Math.max(slot, 0), classWidth - 2);
}

export function priorityClassOf(queuePriorityValue: number): number {
  return Math.floor(queuePriorityValue / classWidth);
}

/** The lowest (most urgent) queue priority of the class `queuePriorityValue` is in. */
export function firstOfClass(queuePriorityValue: number): number {
  return priorityClassOf(queuePriorityValue) * classWidth;
}
