/**
 * Spacing in the target, all warnings. Doubled spaces inside the text are typos (a span for each run).
 * Leading and trailing whitespace is compared with the source rather than forbidden, because assembly
 * joins segments as they are: a sentence that had a trailing space in the source needs one in the target.
 */
import { issue, type QaIssue } from './codes.js';
import type { QaContext } from './types.js';

// Space, no-break space and the thin spaces; tabs and line breaks are layout, not typos.
const doubledSpace = /[ \u00a0\u2009\u202f]{2,}/g;

/** Whitespace at the start (dir 1) or end (dir -1); a loop, since /\s+$/ is quadratic on long runs. */
function edgeLength(text: string, dir: 1 | -1): number {
  let n = 0;
  while (n < text.length && /\s/.test(text[dir === 1 ? n : text.length - 1 - n]!)) n++;
  return n;
}

export function checkWhitespace(ctx: QaContext): QaIssue[] {
  const target = ctx.target;
  const issues: QaIssue[] = [];
  const leading = edgeLength(target, 1);
  const trailing = edgeLength(target, -1);
  for (const m of target.matchAll(doubledSpace)) {
    const start = m.index!;
    const end = start + m[0].length;
    // Runs at either edge are the edge check's business.
    if (start < leading || end > target.length - trailing) continue;
    issues.push(issue('double_space', { count: m[0].length }, { start, end }));
  }
  if (target.trim() === '') return issues;
  if (/^\s/.test(ctx.source) !== leading > 0) {
    issues.push(issue('leading_whitespace_mismatch', {}, leading > 0 ? { start: 0, end: leading } : undefined));
  }
  if (/\s$/.test(ctx.source) !== trailing > 0) {
    issues.push(issue('trailing_whitespace_mismatch', {}, trailing > 0 ? { start: target.length - trailing, end: target.length } : undefined));
  }
  return issues;
}
