import { z } from 'zod';
import { articleLimits, contentBlockTypes, priorities } from '../domain/article.js';
import { roles } from '../domain/people.js';
import { qaCodes } from '../domain/qa/index.js';

/** BCP 47-ish: a language subtag, optionally a script or region ("en", "pt-BR", "zh-Hant"). */
export const localeCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not_language_code');

/**
 * Dates and instants as people mean them. The ISO forms allow years PostgreSQL has no room for (0000, which
 * it refuses with 22008) and ranges that reach before year 1 once a default is counted back from them:
 * years outside 1900-9999 are refused at the edge by name instead.
 */
const sensibleYear = (value: string) => {
  // Not a date at all: the format check names that, alone.
  if (!/^\d{4}-/.test(value)) return true;
  const year = Number(value.slice(0, 4));
  return year >= 1900 && year <= 9999;
};
export const calendarDay = () => z.iso.date().refine(sensibleYear, { message: 'date_out_of_range' });
export const instant = () => z.iso.datetime({ offset: true }).refine(sensibleYear, { message: 'date_out_of_range' });

export const languagePairSchema = z.object({ source: localeCode, target: localeCode });

export const createUserSchema = z.object({
  name: z.string().trim().min(1).max(200),
  roles: z.array(z.enum(roles)).min(1),
  languagePairs: z.array(languagePairSchema).max(50).optional(),
  capacity: z.number().int().min(1).max(100).optional(),
});

/**
 * Text people write. A NUL cannot be stored in PostgreSQL text, so it is refused by name instead of failing
 * deep down; half of an emoji (a lone surrogate, as a client cutting text mid-character sends) becomes the
 * replacement character, as PostgreSQL would store it anyway.
 */
export const personText = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), { message: 'contains_nul' })
    .transform((value) => value.toWellFormed());

const blockText = personText().pipe(z.string().trim().min(1).max(articleLimits.maxBlockChars));

export const articleSchema = z.object({
  sourceLang: localeCode,
  targetLocales: z.array(localeCode).min(1).max(articleLimits.maxTargetLocales),
  priority: z.enum(priorities).default('normal'),
  deadline: instant().nullish(),
  headline: personText().pipe(z.string().trim().min(1).max(articleLimits.maxHeadlineChars)),
  dateline: personText().pipe(z.string().trim().max(200)).nullish(),
  blocks: z.array(z.object({ type: z.enum(contentBlockTypes), text: blockText })).max(articleLimits.maxBlocks),
  review: z.boolean().optional(),
});

export const pastedArticleQuery = z.object({
  sourceLang: localeCode,
  targetLocales: z
    .string()
    .transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(localeCode).min(1).max(articleLimits.maxTargetLocales)),
  priority: z.enum(priorities).default('normal'),
  deadline: instant().optional(),
  review: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const claimSchema = z
  .object({ targetLocale: localeCode.optional(), count: z.number().int().min(1).max(50).optional() })
  .default({});
/** A blocking QA finding confirmed as intended: one per finding, with the translator's reason. */
export const qaOverridesSchema = z
  .array(z.object({ code: z.enum(qaCodes), reason: personText().pipe(z.string().trim().min(3).max(500)) }))
  .max(50)
  .default([]);
export const submitSchema = z.object({ text: personText().pipe(z.string().max(articleLimits.maxBlockChars)), overrides: qaOverridesSchema });
/** Ids compare as text in places (results of batched statements): one spelling, lower case. */
export const uuidParam = z.uuid().transform((id) => id.toLowerCase());

export const withdrawalSchema = z.object({ reason: personText().pipe(z.string().trim().max(1000)).nullish() });
