import { describe, expect, it } from 'vitest';
import { batchToStream, sentenceToStream, streamToBatch } from '../../../src/domain/machine/apertium-stream.js';
import { batchWithin, billedCharacters } from '../../../src/domain/machine/batches.js';
import { postEditDistance, summarizePostEdits } from '../../../src/domain/machine/post-edit.js';
import { buildTranslationMessages, parseTranslationAnswer } from '../../../src/domain/machine/prompt.js';
import { orderSuggestions, splitStoredSuggestions, type MachineSuggestion } from '../../../src/domain/machine/suggestions.js';

const draft = (provider: string, at: string, extra: Partial<MachineSuggestion> = {}): MachineSuggestion => ({
  origin: 'mt',
  kind: 'machine',
  provider,
  source: 's',
  target: `t-${provider}-${at}`,
  score: null,
  qa: [],
  blocking: false,
  repaired: false,
  draft: false,
  at,
  ...extra,
});

describe('ordering memory and machine suggestions', () => {
  it('puts every memory match first, a 100% match included, then one draft per provider', () => {
    const exact = { kind: 'exact', score: 100, target: 'memory' };
    const fuzzy = { kind: 'fuzzy', score: 70, target: 'fuzzy' };
    const stored = [draft('deepl', '2026-01-01T00:00:00Z'), exact, draft('deepl', '2026-01-02T00:00:00Z'), fuzzy, draft('apertium', '2026-01-01T00:00:00Z', { blocking: true })];
    const { memory, machine } = splitStoredSuggestions<typeof exact>(stored);
    expect(memory).toEqual([exact, fuzzy]);
    const ordered = orderSuggestions(memory, machine);
    expect(ordered.map((s) => s.target)).toEqual(['memory', 'fuzzy', 't-deepl-2026-01-02T00:00:00Z', 't-apertium-2026-01-01T00:00:00Z']);
  });
});

describe('Apertium stream format', () => {
  it('escapes reserved characters, carries pairs on word-bound blanks, voids as superblanks', () => {
    expect(sentenceToStream('A [note] ⟦1⟧two words⟦/1⟧ end⟦2/⟧ ~x').stream).toBe('A \\[note\\] [[p:1]]two[[/]] [[p:1]]words[[/]] end[⟦2/⟧] [~]x.');
    expect(sentenceToStream('Question?').addedStop).toBe(false);
  });

  it('splits the output by sentence markers and rebuilds the markup from the words that carry it', () => {
    const sources = ['The ⟦1⟧European Union⟦/1⟧ acted', 'Second.', 'Lost'];
    const { addedStops } = batchToStream(sources);
    const output = 'La [[p:1]]Unión[[/]] [[p:1]]europea[[/]] actuó.[⟪s:0⟫]\nSegundo.[⟪s:1⟫]\n';
    expect(streamToBatch(output, 3, addedStops, sources)).toEqual(['La ⟦1⟧Unión europea⟦/1⟧ actuó', 'Segundo.', null]);
  });
});

describe('language model prompt', () => {
  it('numbers the sentences and lists glossary terms; reads the numbered answer back', () => {
    const [system, user] = buildTranslationMessages({ sourceLang: 'en', targetLocale: 'es', texts: ['One ⟦1⟧x⟦/1⟧.', 'Two.'], context: 'Headline', glossary: [{ term: 'x', translation: 'equis' }] });
    expect(system!.content).toContain('English (en)');
    expect(system!.content).toContain('Spanish (es)');
    expect(system!.content).toContain('- x => equis');
    expect(user!.content).toContain('"2": "Two."');
    expect(parseTranslationAnswer('```json\n{"1": "Uno ⟦1⟧equis⟦/1⟧.", "2": ""}\n```', 2)).toEqual(['Uno ⟦1⟧equis⟦/1⟧.', null]);
    expect(parseTranslationAnswer('Sorry, I cannot help with that.', 2)).toBeNull();
    expect(parseTranslationAnswer('{"a": 1}', 2)).toBeNull();
  });
});

describe('post-edit distance', () => {
  it('is 0 for a draft taken as it was and grows with the edit', () => {
    expect(postEditDistance('Hola mundo.', 'Hola mundo.')).toBe(0);
    expect(postEditDistance('abcd', 'abcf')).toBe(0.25);
    expect(postEditDistance('', '')).toBe(0);
  });

  it('summarises per locale and per provider, pair and translator', () => {
    const row = { locale: 'es', sourceLang: 'en', provider: 'apertium', translatorId: 'u1', translatorName: 'Ana', draft: 'abcd' };
    const [es] = summarizePostEdits([
      { ...row, edited: 'abcd' },
      { ...row, edited: 'abcf' },
      { ...row, translatorId: 'u2', translatorName: 'Bo', edited: 'wxyz' },
    ]);
    expect(es).toMatchObject({ locale: 'es', pair: 'en>es', segments: 3, unchanged: 1, meanDistance: 0.417 });
    expect(es!.groups.map((g) => [g.translator.name, g.segments, g.meanDistance])).toEqual([
      ['Ana', 2, 0.125],
      ['Bo', 1, 1],
    ]);
  });
});

describe('batches', () => {
  it('cuts within sentence and character limits, keeping order', () => {
    const items = ['aaaa', 'bb', 'cccccc', 'd', 'e'];
    expect(batchWithin(items, (s) => s, 2, 7)).toEqual([['aaaa', 'bb'], ['cccccc', 'd'], ['e']]);
    expect(batchWithin(['x'.repeat(20)], (s) => s, 5, 7)).toEqual([['x'.repeat(20)]]);
    expect(billedCharacters(['Hé', '⟦1⟧'])).toBe(5);
  });
});
