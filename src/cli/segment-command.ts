/**
 * Pure part of `dragoman segment`: plain text in, one segment per line out, a blank line between
 * paragraphs. Kept free of I/O so the exact output format is unit-tested without spawning processes.
 */
import { splitSentences } from '../domain/segmentation/index.js';

/** A line that is empty or whitespace only (NBSP included) separates paragraphs. */
const BLANK = /^\s*$/;

export function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (BLANK.test(line)) {
      if (current.length > 0) paragraphs.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) paragraphs.push(current.join('\n'));
  return paragraphs;
}

export function formatSegments(text: string, lang: string): string {
  const blocks = splitParagraphs(text).map((paragraph) =>
    // A segment may span a wrapped line; folding its whitespace keeps "one segment per line" true.
    splitSentences(paragraph, lang).map((segment) => segment.replace(/\s+/g, ' ')).join('\n'),
  );
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
