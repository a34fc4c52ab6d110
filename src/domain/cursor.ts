import { AppError } from '../errors.js';
import { isUuid } from './ids.js';

/**
 * Keyset cursors for lists: the sort key of the last item given out, opaque to clients (base64url JSON). A
 * keyset, unlike an offset, neither repeats nor skips items when new ones arrive between two pages.
 */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor carries, checked against the types it must have; a bad cursor is the caller's error. */
export function decodeCursor(raw: string, types: Array<'string' | 'number'>): Array<string | number> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const valid = Array.isArray(key) && key.length === types.length && key.every((value, i) => typeof value === types[i]);
  if (!valid) throw invalidCursor();
  return key as Array<string | number>;
}

const isoMicros = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Values a cursor may carry, checked before they reach a query (where a malformed one would be a 500). */
export const cursorValue = {
  isId: isUuid,
  isInstant: (value: unknown): value is string => typeof value === 'string' && isoMicros.test(value) && !Number.isNaN(Date.parse(value)),
};

/** The error for a cursor no list gave out (also one whose values make no sense to the list). */
export function invalidCursor(): AppError {
  return new AppError('validation_failed', {}, [{ path: 'cursor', message: 'invalid_cursor' }]);
}
