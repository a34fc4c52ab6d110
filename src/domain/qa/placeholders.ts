/**
 * Placeholders stand for inline markup and non-translatable runs; assembly puts the markup back by them, so
 * any slip here breaks the published page and is an error. Every tag of the source must be in the target
 * exactly as often as in the source (once, in practice), no tag may be invented, and each pair must close
 * after it opens and nest properly. The order of different pairs may change: word order differs.
 */
import { issue, type QaIssue } from './codes.js';
import { placeholderPattern } from './text.js';
import type { QaContext } from './types.js';

interface Tag {
  text: string;
  id: string;
  kind: 'open' | 'close' | 'standalone';
  start: number;
  end: number;
}

function tagsOf(text: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of text.matchAll(placeholderPattern)) {
    // "⟦/1/⟧" is no tag we issue; calling it standalone keeps it countable, so it is still missing or extra.
    const kind = m[1] ? (m[3] ? 'standalone' : 'close') : m[3] ? 'standalone' : 'open';
    tags.push({ text: m[0], id: m[2]!, kind, start: m.index!, end: m.index! + m[0].length });
  }
  return tags;
}

function countBy(tags: Tag[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tags) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
  return counts;
}

export function checkPlaceholders(ctx: QaContext): QaIssue[] {
  if (!ctx.source.includes('⟦') && !ctx.target.includes('⟦')) return [];
  const sourceTags = tagsOf(ctx.source);
  const targetTags = tagsOf(ctx.target);
  const expected = countBy(sourceTags);
  const issues: QaIssue[] = [];

  const seen = new Map<string, number>();
  for (const tag of targetTags) {
    const n = (seen.get(tag.text) ?? 0) + 1;
    seen.set(tag.text, n);
    const allowed = expected.get(tag.text) ?? 0;
    const span = { start: tag.start, end: tag.end };
    if (allowed === 0) issues.push(issue('placeholder_extra', { placeholder: tag.text }, span));
    else if (n === allowed + 1) issues.push(issue('placeholder_duplicated', { placeholder: tag.text, count: countBy(targetTags).get(tag.text)! }, span));
  }
  for (const [text, count] of expected) {
    if ((seen.get(text) ?? 0) < count) issues.push(issue('placeholder_missing', { placeholder: text }));
  }

  // Nesting is judged on the tags the source knows, first occurrences only: the rest is already reported.
  const stack: string[] = [];
  const misnested = new Set<string>();
  const firsts = new Set<string>();
  for (const tag of targetTags) {
    if (tag.kind === 'standalone' || !expected.has(tag.text) || firsts.has(tag.text)) continue;
    firsts.add(tag.text);
    if (tag.kind === 'open') {
      stack.push(tag.id);
      continue;
    }
    const at = stack.lastIndexOf(tag.id);
    if (at === stack.length - 1 && at >= 0) {
      stack.pop();
      continue;
    }
    // A close before its open, or one that crosses another pair (⟦1⟧⟦2⟧⟦/1⟧⟦/2⟧): report it, then drop the
    // pair from the stack so the pair it crossed is not reported a second time.
    if (!misnested.has(tag.id)) {
      misnested.add(tag.id);
      issues.push(issue('placeholder_misnested', { placeholder: tag.text }, { start: tag.start, end: tag.end }));
    }
    if (at >= 0) stack.splice(at, 1);
  }
  return issues;
}
