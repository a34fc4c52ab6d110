/**
 * Sentence segmentation: the units translators see. Rule-based on purpose: Intl.Segmenter splits Russian
 * initials, "прим. ТАСС)", "т. е." and English "Mr." and misses "бои. 9 ноября". See docs/segmentation.md.
 * Contract: spans cover every non-space character of the input exactly once, in order; the text between
 * two spans is whitespace only, so spans plus the gaps rebuild the input byte for byte.
 */
import { isSpace } from './chars.js';
import { rulesFor } from './languages.js';
import { findCuts } from './scanner.js';

export interface SentenceSpan {
  start: number;
  end: number;
}

export function sentenceSpans(text: string, lang: string): SentenceSpan[] {
  const cuts = findCuts(text, rulesFor(lang));
  cuts.push(text.length);
  const spans: SentenceSpan[] = [];
  let from = 0;
  for (const to of cuts) {
    let start = from;
    let end = to;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) spans.push({ start, end });
    from = to;
  }
  return spans;
}

export function splitSentences(text: string, lang: string): string[] {
  return sentenceSpans(text, lang).map((span) => text.slice(span.start, span.end));
}
