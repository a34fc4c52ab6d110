import { describe, expect, it } from 'vitest';
import { only, openQuote, qa, spanText, trilateral } from './sample.js';

const pairs = (source: string, target: string, locale = 'en') => only(qa(source, target, locale), 'unbalanced_quote', 'unbalanced_bracket');

const withBrackets = 'При содействии РМК (российского миротворческого контингента) достигнуты договоренности.';

describe('quotes and brackets', () => {
  it('accepts any quotation style in the target when the source is balanced', () => {
    for (const target of trilateral.en) expect(pairs(trilateral.ru, target), target).toEqual([]);
    expect(pairs(trilateral.ru, trilateral.ar[0]!, 'ar')).toEqual([]);
    expect(pairs('Он сказал: «Это „важный“ шаг».', 'He said: “This is an ‘important’ step.”')).toEqual([]);
    expect(pairs('Он сказал: «Это „важный“ шаг».', 'Er sagte: „Das ist ein wichtiger Schritt.“', 'de')).toEqual([]);
  });

  it('warns about a quotation left open, pointing at the mark', () => {
    const target = trilateral.en[0]!.replace('Yerevan,”', 'Yerevan,');
    const found = pairs(trilateral.ru, target);
    expect(found.map((i) => [i.code, i.severity, i.params.char])).toEqual([['unbalanced_quote', 'warning', '“']]);
    expect(found[0]!.span).toEqual({ start: 0, end: 1 });
  });

  it('warns about an odd number of straight quotes and a stray guillemet', () => {
    expect(pairs(trilateral.ru, trilateral.en[1]!.replace('Yerevan,"', 'Yerevan,')).map((i) => i.params.char)).toEqual(['"']);
    const target = trilateral.ar[0]!.replace('ويريفان»', 'ويريفان');
    expect(pairs(trilateral.ru, target, 'ar').map((i) => [i.code, spanText(target, i)])).toEqual([['unbalanced_quote', '«']]);
  });

  it('stays silent when the source quotation itself runs on into the next segment', () => {
    expect(pairs(openQuote.ru, openQuote.en[0]!)).toEqual([]);
    expect(pairs(openQuote.ru, openQuote.ar[0]!, 'ar')).toEqual([]);
  });

  it('warns about a missing or stray bracket', () => {
    expect(pairs(withBrackets, 'Agreements were reached with the help of the RPC (Russian peacekeeping contingent.').map((i) => i.params.char)).toEqual(['(']);
    const target = 'Agreements were reached with the help of the RPC Russian peacekeeping contingent).';
    const found = pairs(withBrackets, target);
    expect(found.map((i) => [i.code, spanText(target, i)])).toEqual([['unbalanced_bracket', ')']]);
  });

  it('accepts balanced brackets, including Arabic ornate ones either way round', () => {
    expect(pairs(withBrackets, 'Agreements were reached with the help of the RPC (Russian peacekeeping contingent).')).toEqual([]);
    expect(pairs('Цитата (из Корана).', 'اقتباس ﴿من القرآن﴾.', 'ar')).toEqual([]);
    expect(pairs('Цитата (из Корана).', 'اقتباس ﴾من القرآن﴿.', 'ar')).toEqual([]);
    expect(pairs('Цитата (из Корана).', 'اقتباس ﴿من القرآن.', 'ar').map((i) => i.code)).toEqual(['unbalanced_bracket']);
  });

  it('judges quotes and brackets separately', () => {
    const source = 'Он сказал: "Это шаг (важный.';
    expect(pairs(source, 'He said: “This is an (important step.”').map((i) => i.code)).toEqual([]);
    // The source quotation is open (it runs on), its brackets are closed: only the bracket is reported.
    expect(pairs('Он сказал: "Это (важный) шаг.', 'He said: “This is an (important step.').map((i) => i.code)).toEqual(['unbalanced_bracket']);
  });

  it('ignores apostrophes', () => {
    expect(pairs(withBrackets.replace('(', '').replace(')', ''), "Azerbaijan's and Armenia's leaders' agreements")).toEqual([]);
  });
});
