/**
 * Numbers carried over. A number of the source that is nowhere in the target is an error: it is the classic
 * slip that changes a story's facts. A number only the target has is a warning, since translators sometimes
 * add a year or a count for clarity. Presence is compared, not counts: a repeated figure may fairly be
 * rendered once ("in 2020 … that year"), and blocking a submit on that would be a false alarm.
 * Signs are ignored: a hyphen before digits is far more often a range or a dash than a minus.
 */
import { issue, type QaIssue } from './codes.js';
import { hasNumberWord } from './number-words.js';
import { scanNumbers } from './number-parse.js';
import type { QaContext } from './types.js';

export function checkNumbers(ctx: QaContext): QaIssue[] {
  const source = scanNumbers(ctx.sourceText);
  const target = scanNumbers(ctx.targetText);
  const sourceValues = new Set(source.flatMap((n) => n.values));
  const targetValues = new Set(target.flatMap((n) => n.values));
  const issues: QaIssue[] = [];
  const reported = new Set<string>();

  for (const n of source) {
    const key = n.values[0]!;
    if (n.month || n.values.some((v) => targetValues.has(v)) || reported.has(key)) continue;
    reported.add(key);
    if (hasNumberWord(ctx.targetText, ctx.targetLang, key)) continue;
    // "1 человек" is usually "a man", and Arabic says "two" with the dual ending alone ("رئيسان"), so for
    // these the number may be there without a numeral: worth a look, not a refusal.
    const implicit = key === '1' || (key === '2' && ctx.targetLang === 'ar');
    issues.push(issue(implicit ? 'number_possibly_missing' : 'number_missing', { number: n.text }));
  }

  reported.clear();
  for (const n of target) {
    const key = n.values[0]!;
    if (n.month || n.values.some((v) => sourceValues.has(v)) || reported.has(key)) continue;
    reported.add(key);
    if (hasNumberWord(ctx.sourceText, ctx.sourceLang, key)) continue;
    issues.push(issue('number_extra', { number: n.text }, { start: n.start, end: n.end }));
  }
  return issues;
}
