import { z } from 'zod';

/**
 * Every queue and job the service uses, with the payload schema and the deterministic job id. A retried
 * producer or a reconciler re-adding a job hits the same id, which BullMQ ignores while the job exists.
 */
export const translateJobName = 'translate';

export function translateQueueName(sourceLang: string, targetLocale: string): string {
  return `translate__${sourceLang}__${targetLocale}`;
}

export function parseTranslateQueueName(name: string): { sourceLang: string; targetLocale: string } | null {
  const match = /^translate__([^_]+)__(.+)$/.exec(name);
  return match ? { sourceLang: match[1]!, targetLocale: match[2]! } : null;
}

export const translatePayload = z.object({ taskId: z.uuid() });

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

export const jobHandlers = {
  [assembleJobName]: assemblePayload,
} as const;
