import { describe, expect, it } from 'vitest';
import { analyseText, candidateTermsIn, findTermIn, indexTermsByFirstStem, termIndex } from '../../../src/domain/glossary/match.js';

function stored(term: string, caseSensitive = false) {
  const index = termIndex(term)!;
  return { term, stems: index.stems, firstStem: index.firstStem, caseSensitive };
}

describe('terms indexed by first stem (a process keeps its glossary this way)', () => {
  const terms = [stored('Ильхам Алиев'), stored('Алиев'), stored('Нагорный Карабах'), stored('РМК', true)];
  const index = indexTermsByFirstStem(terms);

  it('offers as candidates exactly the terms whose first word a text has, in any form, each once', () => {
    const text = analyseText('Ильхамом Алиевым и снова Алиевым, без Карабаха');
    const found = candidateTermsIn(index, text).map((c) => c.term.term);
    expect(found.sort()).toEqual(['Алиев', 'Ильхам Алиев']);
    // "Карабах" alone is not the first word of "Нагорный Карабах".
    expect(candidateTermsIn(index, analyseText('в Карабахе'))).toEqual([]);
  });

  it('keeps each term with its words cut, so matching finds the same occurrences as before', () => {
    const text = analyseText('Президент Ильхам Алиев заявил');
    const [candidate] = candidateTermsIn(index, text).filter((c) => c.term.term === 'Ильхам Алиев');
    expect(candidate!.words.map((w) => w.word)).toEqual(['Ильхам', 'Алиев']);
    expect(findTermIn(text, candidate!.term, candidate!.words).map((o) => o.matched)).toEqual(['Ильхам Алиев']);
  });
});
