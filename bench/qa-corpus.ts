/**
 * QA on the translation corpus (tests/fixtures/qa/translation-corpus.json): per language pair, how many
 * correct professional translations get any finding, how many are blocked, and how many deliberately wrong
 * ones are blocked. Run directly (`npx tsx bench/qa-corpus.ts`) for the markdown table docs/qa.md records.
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

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

export async function runQaCorpusBench(): Promise<{ rows: Array<{ name: string; value: string }> }> {
  return {
    rows: qaCorpusRates().map((r) => ({
      name: `QA corpus ${r.pair}: correct warned / blocked, wrong blocked`,
      value: `${pct(r.warned, r.correct)} / ${pct(r.blocked, r.correct)} of ${r.correct}, ${r.wrongBlocked}/${r.wrong}`,
    })),
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
}
