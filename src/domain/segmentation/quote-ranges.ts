/**
 * Guillemet quotations embedded in a sentence: «К чему ты готовишься? – спросила мама. – Завтра ведь
 * выходной». The stops inside belong to the quoted speech; the sentence goes on after the closing mark,
 * so splitting inside would hand the translator a fragment. Only outermost, closed, reasonably short pairs
 * that the text continues after qualify: a long quotation is better split than delivered as one block.
 */
const MAX_QUOTE = 600;

export function embeddedQuoteRanges(text: string): number[] {
  if (text.indexOf('«') < 0) return [];
  const ranges: number[] = [];
  const pattern = /[«»]/g;
  let depth = 0;
  let open = -1;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '«') {
      if (depth === 0) open = m.index;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0 && m.index - open <= MAX_QUOTE && continuesAfter(text, m.index + 1)) {
        ranges.push(open, m.index);
      }
    }
  }
  return ranges;
}

/** After the closing mark comes punctuation or a lowercase word: the quote sits inside a sentence. */
function continuesAfter(text: string, at: number): boolean {
  let i = at;
  const immediate = text.charAt(i);
  if (/[.,;:!?…]/.test(immediate)) return true;
  while (i < text.length && /[ \t\u00a0]/.test(text.charAt(i))) i++;
  const next = text.charAt(i);
  return /[—–\-,]/.test(next) || (next !== '' && next !== next.toUpperCase());
}
