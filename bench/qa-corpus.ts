/**
 * QA on the translation corpus (tests/fixtures/qa/translation-corpus.json): per language pair, how many
 * correct professional translations get any finding, how many are blocked, and how many deliberately wrong
 * ones are blocked; and what the checks cost per submit. Run directly (`npx tsx bench/qa-corpus.ts`) for the
 * markdown table docs/qa.md records.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { hasBlockingIssue, runQaChecks } from '../src/domain/qa/index.js';

interface Entry {
  pair: string;
  class: string;
  source: string;
  target: string;
}

const corpus = JSON.parse(readFileSync(new URL('../tests/fixtures/qa/translation-corpus.json', import.meta.url), 'utf8')) as {
  correct: Entry[];
  wrong: Entry[];
  heldOut: Entry[];
};

export interface PairRates {
  pair: string;
  heldOut: number;
  heldOutWarned: number;
  heldOutBlocked: number;
  correct: number;
  warned: number;
  blocked: number;
  wrong: number;
  wrongBlocked: number;
  warnings: string[];
}

export function qaCorpusRates(): PairRates[] {
  const check = (e: Entry) => {
    const [sourceLang, targetLocale] = e.pair.split('>') as [string, string];
    return runQaChecks({ source: e.source, target: e.target, sourceLang, targetLocale });
  };
  return ['en>ru', 'en>ar', 'ru>en', 'ru>ar'].map((pair) => {
    const correct = corpus.correct.filter((e) => e.pair === pair).map(check);
    const wrong = corpus.wrong.filter((e) => e.pair === pair).map(check);
    const heldOut = corpus.heldOut.filter((e) => e.pair === pair).map(check);
    return {
      pair,
      heldOut: heldOut.length,
      heldOutWarned: heldOut.filter((issues) => issues.length > 0).length,
      heldOutBlocked: heldOut.filter(hasBlockingIssue).length,
      correct: correct.length,
      warned: correct.filter((issues) => issues.length > 0).length,
      blocked: correct.filter(hasBlockingIssue).length,
      wrong: wrong.length,
      wrongBlocked: wrong.filter(hasBlockingIssue).length,
      warnings: [...new Set(correct.flatMap((issues) => issues.map((i) => i.code)))],
    };
  });
}

/** A term of the sample article's glossary, so the glossary checks run as they do on a real submit. */
const glossary = [{ term: 'Карабах', translation: 'Karabakh', forbidden: ['Karabagh'], caseSensitive: false }];

/**
 * Microseconds per `runQaChecks` call (every check on, the glossary above) over the whole corpus, best of
 * several rounds so a GC pause or JIT warm-up does not decide it. The floor, measured in the same run, is one
 * Intl.Segmenter word pass over the same source and target: the least a check that reads the words costs.
 */
export function qaCheckCost(rounds = 5, passes = 20): { perCheckUs: number; floorUs: number; checks: number } {
  const entries = [...corpus.correct, ...corpus.wrong, ...corpus.heldOut].map((e) => {
    const [sourceLang, targetLocale] = e.pair.split('>') as [string, string];
    return { source: e.source, target: e.target, sourceLang, targetLocale };
  });
  const best = (work: (e: (typeof entries)[number]) => void) => {
    let fastest = Infinity;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      for (let pass = 0; pass < passes; pass++) for (const e of entries) work(e);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return (fastest * 1000) / (passes * entries.length);
  };
  const words = new Map<string, Intl.Segmenter>();
  const wordsOf = (lang: string) => words.get(lang) ?? words.set(lang, new Intl.Segmenter(lang, { granularity: 'word' })).get(lang)!;
  let sink = 0;
  const perCheckUs = best((e) => {
    sink += runQaChecks({ ...e, glossary }).length;
  });
  const floorUs = best((e) => {
    for (const _ of wordsOf(e.sourceLang).segment(e.source)) sink++;
    for (const _ of wordsOf(e.targetLocale).segment(e.target)) sink++;
  });
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  return { perCheckUs, floorUs, checks: entries.length };
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

function costRow(): { name: string; value: string } {
  const cost = qaCheckCost();
  return {
    name: `QA checks per submit (${cost.checks} corpus pairs, every check, a glossary term; goal well under 5 ms)`,
    value: `${cost.perCheckUs.toFixed(0)} µs per check (floor, one word segmentation of both texts: ${cost.floorUs.toFixed(0)} µs)`,
  };
}

export async function runQaCorpusBench(): Promise<{ rows: Array<{ name: string; value: string }> }> {
  return {
    rows: [
      ...qaCorpusRates().map((r) => ({
        name: `QA corpus ${r.pair}: correct warned / blocked, wrong blocked`,
        value: `${pct(r.warned, r.correct)} / ${pct(r.blocked, r.correct)} of ${r.correct}, ${r.wrongBlocked}/${r.wrong}`,
      })),
      costRow(),
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log('| Pair | Correct | Warned | Blocked | Warning codes | Held-out correct: warned / blocked | Wrong | Wrong blocked |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of qaCorpusRates()) {
    console.log(
      `| ${r.pair} | ${r.correct} | ${r.warned} (${pct(r.warned, r.correct)}) | ${r.blocked} (${pct(r.blocked, r.correct)}) | ${r.warnings.join(', ') || '–'} | ${r.heldOutWarned} / ${r.heldOutBlocked} of ${r.heldOut} | ${r.wrong} | ${r.wrongBlocked} (${pct(r.wrongBlocked, r.wrong)}) |`,
    );
  }
  const cost = costRow();
  console.log(`\n${cost.name}: ${cost.value}`);
}
