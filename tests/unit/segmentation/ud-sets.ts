/**
 * Sentence sets derived from Universal Dependencies treebanks (tests/fixtures/segmentation/ud-raw/). Each
 * block becomes one case, the way the importer hands blocks to the segmenter: a treebank paragraph
 * (`@par`), a new comment of a thread (`@comment`, the treebank's `# speaker` line) or a new page or
 * document (`@source`, `@doc`). Which boundaries count is decided by boundary-metric.ts.
 */
import { readFileSync } from 'node:fs';
import { uncountedAfter } from './boundary-metric.js';
import { fixturesDir, type LabelledCase } from './load-fixtures.js';

export interface UdCase extends LabelledCase {
  /** Indexes of sentences after which the boundary counts neither way. */
  optionalAfter: number[];
}

export type UdUse = 'tuning' | 'held-out';

export interface UdSet {
  name: string;
  lang: string;
  use: UdUse;
  cases: UdCase[];
}

export const udSetFiles = [
  // Read and looked at while writing the rules (the first four by the colleague who started this work,
  // whose "held-out" pages are tuning pages now: their errors were studied).
  { name: 'ud_ru_taiga_train', file: 'ru_taiga-train.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_taiga_dev_a', file: 'ru_taiga-dev-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_taiga_dev_b', file: 'ru_taiga-dev-heldout.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_taiga_dev_c', file: 'ru_taiga-dev-heldout2.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_gsd_dev_a', file: 'ru_gsd-dev-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_gsd_dev_b', file: 'ru_gsd-dev-heldout.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_en_ewt_train_a', file: 'en_ewt-train.txt', lang: 'en', use: 'tuning' },
  { name: 'ud_en_ewt_dev_a', file: 'en_ewt-dev-tuning.txt', lang: 'en', use: 'tuning' },
  { name: 'ud_en_ewt_dev_b', file: 'en_ewt-dev-heldout.txt', lang: 'en', use: 'tuning' },
  // The second round's grid pages (README.md in ud-raw/). The odd Taiga pages and the EWT dev pages
  // 1 mod 4 were that round's held-out sets; their errors were read after it, so they are tuning pages now.
  { name: 'ud_ru_taiga_dev_even', file: 'ru_taiga-dev-even-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_en_ewt_train_grid', file: 'en_ewt-train-grid-tuning.txt', lang: 'en', use: 'tuning' },
  { name: 'ud_ru_taiga_dev_odd', file: 'ru_taiga-dev-odd-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_en_ewt_dev_grid', file: 'en_ewt-dev-grid-tuning.txt', lang: 'en', use: 'tuning' },
  // The third round's held-out sets. Their errors were listed in docs/segmentation.md after that round and the
  // fourth round's rules were written from them, so they are tuning pages now.
  { name: 'ud_en_ewt_dev_mod6', file: 'en_ewt-dev-mod6-tuning.txt', lang: 'en', use: 'tuning' },
  { name: 'ud_ru_taiga_dev_rest', file: 'ru_taiga-dev-rest-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_poetry_dev_mod6', file: 'ru_poetry-dev-mod6-tuning.txt', lang: 'ru', use: 'tuning' },
  // The fourth round's held-out sets: pages of train files no earlier round read, on a grid fixed (README.md in
  // ud-raw/) before any of them was copied; scored without listing their errors.
  // The English one is still held out; the Russian ones were scored, their four errors listed in
  // docs/segmentation.md and the fifth round's rules written from them, so they are tuning pages now.
  { name: 'ud_en_ewt_train_r4', file: 'en_ewt-train-r4-heldout.txt', lang: 'en', use: 'held-out' },
  { name: 'ud_ru_taiga_train_r4', file: 'ru_taiga-train-r4-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_poetry_train_r4', file: 'ru_poetry-train-r4-tuning.txt', lang: 'ru', use: 'tuning' },
  // The fifth round's Russian held-out sets: unread pages of the same train files on a grid fixed (README.md in
  // ud-raw/) after the rules were frozen (946d931) and before any of them was copied; scored once. Their five
  // errors were listed in docs/segmentation.md and the sixth round's rules are written with them, so they are
  // tuning pages now.
  { name: 'ud_ru_taiga_train_r5', file: 'ru_taiga-train-r5-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_poetry_train_r5', file: 'ru_poetry-train-r5-tuning.txt', lang: 'ru', use: 'tuning' },
  // The sixth round's Russian held-out sets: every unread Taiga train page 0–46 (web and social text) and twelve
  // Poetry train pages, on a grid fixed (README.md in ud-raw/) after the rules were frozen (44fbc53) and before
  // any of them was copied; sentences that stand in the same order on a tuning page were left out. Scored once;
  // their 26 errors were listed in docs/segmentation.md and the seventh round's rules are written with them, so
  // they are tuning pages now.
  { name: 'ud_ru_taiga_train_r6', file: 'ru_taiga-train-r6-tuning.txt', lang: 'ru', use: 'tuning' },
  { name: 'ud_ru_poetry_train_r6', file: 'ru_poetry-train-r6-tuning.txt', lang: 'ru', use: 'tuning' },
  // The seventh round's Russian held-out sets, on a grid fixed (README.md in ud-raw/) after the rules were frozen
  // (8101251) and amended before most of it was read: no unread web or social text was left, so both are verse –
  // the unread pages of Taiga's dev file (unpunctuated verse of the poetry subcorpus) and six Poetry train pages –
  // and are reported as a verse check, not as a figure for web and social text.
  { name: 'ud_ru_taiga_dev_r7', file: 'ru_taiga-dev-r7-heldout.txt', lang: 'ru', use: 'held-out' },
  { name: 'ud_ru_poetry_train_r7', file: 'ru_poetry-train-r7-heldout.txt', lang: 'ru', use: 'held-out' },
] as const;

export type UdSetName = (typeof udSetFiles)[number]['name'];

export function loadUdSet(name: UdSetName): UdSet {
  const entry = udSetFiles.find((f) => f.name === name)!;
  const lines = readFileSync(`${fixturesDir}segmentation/ud-raw/${entry.file}`, 'utf8').split('\n');
  const cases: UdCase[] = [];
  let block: string[] = [];
  const flush = () => {
    if (block.length > 0) cases.push({ text: block.join(' '), sentences: block, optionalAfter: uncountedAfter(block) });
    block = [];
  };
  for (const line of lines) {
    if (line.startsWith('@') && /^@(?:source|doc|par|comment)\b/.test(line)) flush();
    else if (line.trim()) block.push(line);
  }
  flush();
  return { name, lang: entry.lang, use: entry.use, cases };
}
