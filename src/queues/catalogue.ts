import { z } from 'zod';
import type { Stage } from '../domain/task-states.js';

/**
 * Every queue and job the service uses, with the payload schema and the deterministic job id. A retried
 * producer or a reconciler re-adding a job hits the same id, which BullMQ ignores while the job exists.
 */
/** Waiting human work: one queue per stage and language pair; the job id is the task id. */
export const waitingJobName = 'waiting-task';

export function workQueueName(stage: Stage, sourceLang: string, targetLocale: string): string {
  return `${stage}__${sourceLang}__${targetLocale}`;
}

const stages: readonly Stage[] = ['translate', 'review'];

/** The stage and language pair a work queue's name stands for, or null for any other name. */
export function parseWorkQueueName(name: string): { stage: Stage; sourceLang: string; targetLocale: string } | null {
  const [stage, sourceLang, targetLocale, extra] = name.split('__');
  if (extra !== undefined || !sourceLang || !targetLocale || !stages.includes(stage as Stage)) return null;
  return { stage: stage as Stage, sourceLang, targetLocale };
}

export const assembleQueueName = 'assemble';
export const assembleJobName = 'assemble-locale';
export const assemblePayload = z.object({
  articleId: z.uuid(),
  locale: z.string().min(2),
  revision: z.number().int().positive(),
});
export type AssemblePayload = z.infer<typeof assemblePayload>;

export function assembleJobId(payload: AssemblePayload): string {
  return `assemble__${payload.articleId}__${payload.locale}__${payload.revision}`;
}

export const webhookQueueName = 'webhooks';
export const deliverJobName = 'deliver-webhook';
export const deliverPayload = z.object({ deliveryId: z.uuid() });

export function deliverJobId(deliveryId: string): string {
  return `delivery__${deliveryId}`;
}

export const lookupQueueName = 'lookups';
export const suggestJobName = 'suggest-article';
export const suggestPayload = z.object({ articleId: z.uuid(), revision: z.number().int().positive() });

export function suggestJobId(payload: z.infer<typeof suggestPayload>): string {
  return `suggest__${payload.articleId}__${payload.revision}`;
}

/** Machine suggestions for an article's sentences memory did not fill: apart, so a slow provider never holds up memory. */
export const machineQueueName = 'machine';
export const machineJobName = 'suggest-machine';
export const machinePayload = z.object({ articleId: z.uuid(), revision: z.number().int().positive() });

export function machineJobId(payload: z.infer<typeof machinePayload>): string {
  return `machine__${payload.articleId}__${payload.revision}`;
}

/** Job name -> the zod schema of its payload, for every job the workers consume (checked before handling). */
export const jobPayloadSchemas = {
  [assembleJobName]: assemblePayload,
  [deliverJobName]: deliverPayload,
  [suggestJobName]: suggestPayload,
  [machineJobName]: machinePayload,
} as const;
