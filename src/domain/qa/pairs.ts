/**
 * Quotes and brackets left open or closed twice in the target: warnings. Segments are sentences, and a
 * quotation often runs over several of them, so a target is only judged for a family (quotes, brackets)
 * when the source was balanced in that family. Quotes are one family because translators change the style
 * («» → “” or "") and an open quotation stays open whatever its marks.
 */
import { issue, type QaIssue } from './codes.js';
import type { QaContext } from './types.js';

interface Stray {
  char: string;
  index: number;
}

/** Every opener/closer pair whose two marks differ and are never used the other way round. */
function simplePairs(text: string, open: string, close: string): Stray[] {
  const opens: number[] = [];
  const strays: Stray[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === open) opens.push(i);
    else if (c === close) {
      if (opens.length > 0) opens.pop();
      else strays.push({ char: close, index: i });
    }
  }
  return [...strays, ...opens.map((index) => ({ char: open, index }))];
}

/**
 * Curly double quotes: “ opens in English but closes the Russian „…“, so it closes only when a „ is open.
 * ” closes either style.
 */
function curlyQuotes(text: string): Stray[] {
  const opens: Stray[] = [];
  const strays: Stray[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '„') opens.push({ char: c, index: i });
    else if (c === '“') {
      if (opens.at(-1)?.char === '„') opens.pop();
      else opens.push({ char: c, index: i });
    } else if (c === '”') {
      if (opens.length > 0) opens.pop();
      else strays.push({ char: c, index: i });
    }
  }
  return [...strays, ...opens];
}

/** Straight quotes cannot tell opening from closing; an odd count means one is unmatched, likely the last. */
function straightQuotes(text: string): Stray[] {
  const at: number[] = [];
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) at.push(i);
  return at.length % 2 === 1 ? [{ char: '"', index: at[at.length - 1]! }] : [];
}

/**
 * Ornate parentheses are used both ways round in Arabic text (Unicode itself swapped their categories in
 * version 14), so only their counts are compared.
 */
function ornateParens(text: string): Stray[] {
  let balance = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\ufd3e' || text[i] === '\ufd3f') {
      balance += text[i] === '\ufd3e' ? 1 : -1;
      last = i;
    }
  }
  return balance === 0 ? [] : [{ char: text[last]!, index: last }];
}

const families = [
  {
    code: 'unbalanced_quote' as const,
    marks: /[«»„“”"]/,
    find: (t: string) => [...simplePairs(t, '«', '»'), ...curlyQuotes(t), ...straightQuotes(t)],
  },
  {
    code: 'unbalanced_bracket' as const,
    marks: /[()[\]\ufd3e\ufd3f]/,
    find: (t: string) => [...simplePairs(t, '(', ')'), ...simplePairs(t, '[', ']'), ...ornateParens(t)],
  },
];

/**
 * Arabic text puts guillemets and curly quotes either way round (»…« is as common as «…» once an editor
 * has mirrored them), so in an Arabic target each kind is only counted: an odd count has a stray mark.
 */
function countedQuotes(text: string): Stray[] {
  const strays: Stray[] = [];
  for (const kind of [/[«»]/g, /[“”„]/g, /"/g]) {
    const at = [...text.matchAll(kind)].map((m) => m.index!);
    if (at.length % 2 === 1) strays.push({ char: text[at.at(-1)!]!, index: at.at(-1)! });
  }
  return strays;
}

export function checkPairs(ctx: QaContext): QaIssue[] {
  const issues: QaIssue[] = [];
  for (const family of families) {
    if (!family.marks.test(ctx.targetText)) continue;
    if (family.find(ctx.sourceText).length > 0) continue;
    const rtlQuotes = family.code === 'unbalanced_quote' && ctx.targetLang === 'ar';
    const strays = (rtlQuotes ? countedQuotes(ctx.targetText) : family.find(ctx.targetText)).sort((a, b) => a.index - b.index);
    for (const s of strays) issues.push(issue(family.code, { char: s.char }, { start: s.index, end: s.index + 1 }));
  }
  return issues;
}
