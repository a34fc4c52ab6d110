/**
 * Field-level validation problems in the caller's language. Zod issues keep their machine code (`code`) and
 * get a message from locales/<lng>/validation.json; a schema's own message is a key of that file
 * ("not_language_code"), so it is translated too. What zod knows and we have no words for falls back to
 * zod's own locale for the language.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { FieldProblem } from '../../errors.js';

export interface PresentedField {
  path: string;
  code: string;
  message: string;
}

type ZodIssueLike = FieldProblem['issue'] & {};

const zodLocales: Record<string, () => { localeError: (issue: never) => unknown }> = {
  en: z.locales.en,
  ru: z.locales.ru,
  ar: z.locales.ar,
};

function typeOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The value the client sent at a path of the body, for naming what was received. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function known(t: TFunction, key: string, params: Record<string, unknown> = {}): string | null {
  const text = t(`validation:${key}`, { ...params, defaultValue: '' });
  return text ? text : null;
}

function zodMessage(issue: ZodIssueLike, t: TFunction, lng: string, input: unknown): string {
  const origin = issue.origin === 'string' || issue.origin === 'array' ? issue.origin : 'number';
  const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
  switch (issue.code) {
    case 'invalid_type': {
      const received = typeOf(valueAt(input, issue.path));
      if (received === 'undefined') return known(t, 'required')!;
      return known(t, 'invalid_type', { expected: t(`validation:types.${issue.expected}`), received: t(`validation:types.${received}`) })!;
    }
    case 'too_small':
      // `count` picks the plural form ("1 символ", "2 символа", "5 символов").
      return known(t, `too_small_${origin}`, { minimum: String(issue.minimum), count: Number(issue.minimum) })!;
    case 'too_big':
      return known(t, `too_big_${origin}`, { maximum: String(issue.maximum), count: Number(issue.maximum) })!;
    case 'invalid_value':
      return known(t, 'invalid_value', { values: list(issue.values ?? []) })!;
    case 'unrecognized_keys':
      return known(t, 'unrecognized_keys', { keys: (issue.keys ?? []).join(', ') })!;
    case 'invalid_format': {
      const format = known(t, `formats.${issue.format}`) ?? known(t, 'formats.regex')!;
      return known(t, 'invalid_format', { format })!;
    }
    default: {
      const fallback = zodLocales[lng]?.().localeError({ ...issue, input: valueAt(input, issue.path) } as never);
      const text = typeof fallback === 'string' ? fallback : (fallback as { message?: string } | undefined)?.message;
      return text ?? known(t, 'invalid')!;
    }
  }
}

export function presentFields(fields: FieldProblem[], t: TFunction, lng: string, input: unknown): PresentedField[] {
  return fields.map((field) => {
    // A schema's own message, or a service's, is a key of validation.json when we wrote it.
    const keyed = known(t, field.message);
    if (keyed) return { path: field.path, code: field.message, message: keyed };
    // A reason with no words yet is never shown raw to a person: its code travels, the text is generic.
    if (!field.issue) return { path: field.path, code: field.message, message: known(t, 'invalid')! };
    return { path: field.path, code: field.issue.code, message: zodMessage(field.issue, t, lng, input) };
  });
}
