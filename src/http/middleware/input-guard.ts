import type { RequestHandler } from 'express';
import { AppError, type FieldProblem } from '../../errors.js';

/**
 * PostgreSQL text cannot hold U+0000: a NUL that reaches a query fails deep inside it. Every string that
 * comes in is looked at once, here, after the body parsers: JSON bodies (keys and values), text bodies and
 * the query string. Bodies that routes stream themselves (CSV, TBX and TMX imports) use `nulFields` on
 * what they read.
 */
export function refuseNulCharacters(): RequestHandler {
  return (req, _res, next) => {
    const fields = [...nulFields(req.body, ''), ...nulFields(req.query, 'query')];
    if (fields.length > 0) throw new AppError('validation_failed', {}, fields);
    next();
  };
}

/** A key of locales/<lng>/validation.json, so the caller reads it in their language. */
const nulMessage = 'contains_nul';
const maxReported = 20;

/** The paths of every string (or object key) under `value` that holds a NUL; `(body)` for a bare string. */
export function nulFields(value: unknown, path: string): FieldProblem[] {
  const found: FieldProblem[] = [];
  const visit = (node: unknown, at: string, depth: number) => {
    if (found.length >= maxReported || depth > 64) return;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) found.push({ path: at || '(body)', message: nulMessage });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      const childPath = at ? `${at}.${key}` : key;
      if (key.includes('\u0000')) found.push({ path: childPath, message: nulMessage });
      visit(child, childPath, depth + 1);
    }
  };
  visit(value, path, 0);
  return found;
}

/** The largest value of PostgreSQL's `integer`: a number past it can never name a stored row. */
export const maxPgInteger = 2_147_483_647;
