/**
 * Request schemas of the workbench endpoints (docs/api-workbench.md). The web app's API client imports
 * these, so what it sends is checked by the same rules the server applies.
 */
import { z } from 'zod';
import { priorities } from '../domain/article.js';
import { requestableEventTypes } from '../domain/live-events.js';
import { roles } from '../domain/people.js';
import { instant, languagePairSchema, localeCode, personText } from './schemas.js';

/** The roles a person may hold (defined in the domain). */
export const roleNames = roles;

export const signInSchema = z.object({ token: z.string().min(1).max(500) });

/** The languages the interface speaks (locales/<lng>/); kept here so the browser bundle needs no Node code. */
export const interfaceLanguages = ['en', 'ru', 'ar'] as const;

export const meUpdateSchema = z.object({ interfaceLanguage: z.enum(interfaceLanguages).nullable() });

const limitOf = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const usersQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.enum(roleNames).optional(),
  limit: limitOf(200, 50),
  cursor: z.string().max(1_000).optional(),
});

export const personChangesSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    roles: z.array(z.enum(roleNames)).min(1).max(roleNames.length).optional(),
    languagePairs: z.array(languagePairSchema).max(50).optional(),
    capacity: z.number().int().min(1).max(100).optional(),
    available: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), { message: 'nothing_to_change' });

export const articleStatuses = ['translating', 'complete', 'withdrawn'] as const;

export const articlesQuery = z.object({
  status: z.enum(articleStatuses).optional(),
  locale: localeCode.optional(),
  priority: z.enum(priorities).optional(),
  q: z.string().trim().max(200).optional(),
  limit: limitOf(100, 25),
  cursor: z.string().max(1_000).optional(),
});

export const publishedQuery = z.object({
  limit: limitOf(100, 25),
  cursor: z.string().max(1_000).optional(),
});

/** `?locale=xx&stage=translate|review`: whom an editor may give a task of that locale and stage. */
export const candidatesQuery = z.object({
  locale: localeCode,
  stage: z.enum(['translate', 'review']).default('translate'),
});

/** `?dryRun=true` previews a submission; anything but true or false is refused rather than taken as "no". */
export const dryRunQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const articleChangesSchema = z
  .object({
    priority: z.enum(priorities).optional(),
    deadline: instant().nullable().optional(),
  })
  .refine((v) => v.priority !== undefined || v.deadline !== undefined, { message: 'nothing_to_change' });

export const commentSchema = z.object({
  text: personText().pipe(z.string().trim().min(1).max(2_000)),
  locale: localeCode.optional(),
});

export const commentsQuery = z.object({ locale: localeCode.optional() });

export const noticesQuery = z.object({ after: z.coerce.number().int().min(0).optional() });

const idList = (max: number) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.uuid()).max(max));

export const eventsQuery = z.object({
  types: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(requestableEventTypes)))
    .optional(),
  articleId: z.uuid().optional(),
  articles: idList(100).optional(),
  /** Where to resume when the request has no Last-Event-ID header (a stream the page opened again itself). */
  lastEventId: z.string().regex(/^\d{1,15}$/).transform(Number).optional(),
});
