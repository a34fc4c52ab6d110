/**
 * Guillemet quotations embedded in a sentence: «К чему ты готовишься? – спросила мама. – Завтра ведь
 * выходной». The stops inside belong to the quoted speech; the sentence goes on after the closing mark,
 * so splitting inside would hand the translator a fragment. Only outermost, closed, reasonably short pairs
 * that the text continues after qualify: a long quotation is better split than delivered as one block.
 */
const MAX_QUOTE = 600;

export function embeddedQuoteRanges(text: string, starters?: ReadonlySet<string>): number[] {
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
      if (depth === 0 && m.index - open <= MAX_QUOTE && continuesAfter(text, m.index + 1, starters)) {
        ranges.push(open, m.index);
      }
    }
  }
  return ranges;
}

/**
 * After the closing mark comes punctuation or a lowercase word: the quote sits inside a sentence. A quotation
 * that ends with "!", "?" or "…" and is followed by a dash and a capitalised sentence opener ("Вскричать:
 * « Остановись, мгновенье!» -- И самому спустить курок.") does not: the author's words after a quotation
 * start in lower case («…!» — сказал он), so the capital opens the next sentence.
 */
function continuesAfter(text: string, at: number, starters?: ReadonlySet<string>): boolean {
  let i = at;
  const immediate = text.charAt(i);
  if (/[.,;:!?…]/.test(immediate)) return true;
  while (i < text.length && /[ \t\u00a0]/.test(text.charAt(i))) i++;
  const next = text.charAt(i);
  if (/[—–-]/.test(next) && starters && /[!?…]/.test(text.charAt(at - 2)) && openerAfterDash(text, i, starters)) return false;
  return /[—–\-,]/.test(next) || (next !== '' && next !== next.toUpperCase());
}

/** After the dash at `at`: a capitalised word from `starters` that is not an initial ("И. Петров"). */
function openerAfterDash(text: string, at: number, starters: ReadonlySet<string>): boolean {
  let i = at;
  while (i < text.length && /[—–-]/.test(text.charAt(i))) i++;
  const space = i;
  while (i < text.length && /[ \t\u00a0]/.test(text.charAt(i))) i++;
  if (i === space) return false;
  const word = /^\p{L}+/u.exec(text.slice(i, i + 24))?.[0];
  return !!word && starters.has(word) && text.charAt(i + word.length) !== '.';
}
