import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Labelled sets shared by the tests and bench/segmentation.ts; every file keeps its source and licence. */
export interface LabelledCase {
  text: string;
  sentences: string[];
}
export interface LabelledSet {
  name: string;
  lang: string;
  source: string;
  license: string;
  cases: LabelledCase[];
}

export const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export const labelledSetNames = [
  'pysbd_golden_ru',
  'pysbd_golden_en',
  'pysbd_golden_ar',
  'razdel_unit_ru',
  'handmade_news_ru',
  'handmade_news_en',
  'handmade_news_ar',
] as const;

export function loadLabelledSet(name: string): LabelledSet {
  const raw = JSON.parse(readFileSync(`${fixturesDir}segmentation/${name}.json`, 'utf8')) as Omit<LabelledSet, 'name'>;
  return { name, ...raw };
}

export interface GoldBlock {
  type: string;
  text: string;
  sentences: string[];
}
export interface SampleGold {
  source: string;
  note: string;
  sourceLang: string;
  publishedDate: string;
  blocks: GoldBlock[];
  optionalBoundaries: Array<{ after: string; before: string }>;
}

export function loadSample(): { text: string; gold: SampleGold } {
  return {
    text: readFileSync(`${fixturesDir}tass-aliyev-apology.ru.txt`, 'utf8'),
    gold: JSON.parse(readFileSync(`${fixturesDir}tass-aliyev-apology.gold.json`, 'utf8')) as SampleGold,
  };
}

/** Offsets (in `text`) where one labelled sentence ends and the next begins: the unit the metrics count. */
export function boundaryOffsets(text: string, sentences: string[]): number[] {
  const offsets: number[] = [];
  let from = 0;
  for (const sentence of sentences) {
    const at = text.indexOf(sentence, from);
    if (at < 0) throw new Error(`sentence not found in text: ${sentence.slice(0, 40)}`);
    from = at + sentence.length;
    offsets.push(from);
  }
  offsets.pop();
  return offsets;
}
