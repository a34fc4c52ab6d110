/**
 * Folding for glossary matching: case (unless the entry is case-sensitive), Arabic vowel marks, tatweel and
 * alef/yeh/teh-marbuta variants, Russian ё/е, typographic apostrophes. Writers vary on all of these without
 * meaning anything. Dropping marks changes the length, so the fold keeps a map back to the original offsets
 * for spans.
 */

export interface Folded {
  text: string;
  /** map[i] is the offset in the original of folded unit i; map[text.length] is the original length. */
  map: number[];
}

const dropped = /[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const replaced: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ё': 'е',
  'Ё': 'Е',
  '’': "'",
  'ʼ': "'",
  '\u2010': '-',
  '\u2011': '-',
};

export function fold(text: string, caseSensitive: boolean): Folded {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (dropped.test(c)) continue;
    let f = replaced[c] ?? c;
    if (!caseSensitive) {
      const lower = f.toLowerCase();
      // Lowercasing "İ" yields two units; keeping it as is preserves the one-to-one map.
      if (lower.length === 1) f = lower;
    }
    out += f;
    map.push(i);
  }
  map.push(text.length);
  return { text: out, map };
}
