/**
 * Segmentation evaluation: boundary precision/recall/F1 and lost/changed characters for Dragoman's
 * segmenter against Intl.Segmenter on every labelled set, plus throughput on ~5 MB of news text.
 * Run directly (`npx tsx bench/segmentation.ts`) for a markdown table; docs/segmentation.md records it.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { split as splitterSplit } from 'sentence-splitter';
import { sentenceSpans, type SentenceSpan } from '../src/domain/segmentation/index.js';
import {
  boundaryOffsets,
  labelledSetNames,
  loadLabelledSet,
  loadSample,
  type LabelledCase,
} from '../tests/unit/segmentation/load-fixtures.js';
import { loadUdSet, udSetFiles } from '../tests/unit/segmentation/ud-sets.js';

type Segmenter = (text: string, lang: string) => SentenceSpan[];

/** The previous placeholder: Intl.Segmenter pieces with surrounding whitespace trimmed. */
const intlSpans: Segmenter = (text, lang) => {
  const spans: SentenceSpan[] = [];
  for (const piece of new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text)) {
    const trimmed = piece.segment.trim();
    if (!trimmed) continue;
    const start = piece.index + piece.segment.length - piece.segment.trimStart().length;
    spans.push({ start, end: start + trimmed.length });
  }
  return spans;
};

/** sentence-splitter (textlint's splitter, the most used sentence splitter on npm), for comparison. */
const splitterSpans: Segmenter = (text) =>
  splitterSplit(text)
    .filter((node) => node.type === 'Sentence')
    .map((node) => {
      const [start, end] = node.range;
      const raw = text.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      return { start: start + lead, end: start + raw.trimEnd().length };
    })
    .filter((span) => span.end > span.start);

const systems: Array<[string, Segmenter]> = [
  ['dragoman', sentenceSpans],
  ['Intl.Segmenter', intlSpans],
  ['sentence-splitter', splitterSpans],
];

interface Score {
  tp: number;
  fp: number;
  fn: number;
  lost: number;
  changed: number;
  cases: number;
}

interface EvalCase extends LabelledCase {
  /** Boundaries either answer may have (the sample's optionalBoundaries). */
  optional?: Set<number>;
}

function score(cases: EvalCase[], lang: string, segment: Segmenter): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, lost: 0, changed: 0, cases: cases.length };
  for (const c of cases) {
    const spans = segment(c.text, lang);
    const optional = c.optional ?? new Set<number>();
    const ours = new Set(spans.slice(0, -1).map((span) => span.end).filter((o) => !optional.has(o)));
    const gold = new Set(boundaryOffsets(c.text, c.sentences).filter((o) => !optional.has(o)));
    for (const o of ours) if (gold.has(o)) s.tp++;
    else s.fp++;
    for (const o of gold) if (!ours.has(o)) s.fn++;
    // Characters: the non-space text of the segments must equal the non-space text of the input.
    const input = c.text.replace(/\s+/g, '');
    const output = spans.map((span) => c.text.slice(span.start, span.end)).join('').replace(/\s+/g, '');
    s.lost += Math.max(0, input.length - output.length);
    for (let i = 0; i < Math.min(input.length, output.length); i++) if (input[i] !== output[i]) s.changed++;
  }
  return s;
}

function prf(s: Score): { p: number; r: number; f1: number } {
  const p = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const r = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** The sample article's gold blocks as cases; chrome is furniture and has no sentences. */
function sampleCases(): EvalCase[] {
  const { gold } = loadSample();
  return gold.blocks
    .filter((block) => block.type !== 'chrome')
    .map((block) => {
      const optional = new Set<number>();
      for (const { after, before } of gold.optionalBoundaries) {
        const at = block.text.indexOf(after);
        if (at >= 0 && block.text.includes(before)) optional.add(at + after.length);
      }
      return { text: block.text, sentences: block.sentences, optional };
    });
}

export interface AccuracyRow {
  set: string;
  lang: string;
  cases: number;
  boundaries: number;
  results: Array<{ system: string; p: number; r: number; f1: number; lost: number; changed: number }>;
}

export function accuracyTable(): AccuracyRow[] {
  const sets: Array<{ set: string; lang: string; cases: EvalCase[] }> = [
    { set: 'tass-aliyev-apology (sample gold)', lang: 'ru', cases: sampleCases() },
    ...labelledSetNames.map((name) => {
      const set = loadLabelledSet(name);
      return { set: name, lang: set.lang, cases: set.cases };
    }),
  ];
  for (const file of udSetFiles) {
    const ud = loadUdSet(file.name);
    sets.push({
      set: `${file.name} (${ud.use})`,
      lang: ud.lang,
      cases: ud.cases.map((c) => {
        const offsets = boundaryOffsets(c.text, c.sentences);
        return { ...c, optional: new Set(c.optionalAfter.map((i) => offsets[i]!)) };
      }),
    });
  }
  return sets.map(({ set, lang, cases }) => ({
    set,
    lang,
    cases: cases.length,
    // UD sets leave out the boundaries no punctuation marks; the sample's optional ones are counted as before.
    boundaries: cases.reduce((sum, c) => sum + Math.max(0, c.sentences.length - 1 - ('optionalAfter' in c ? (c.optional?.size ?? 0) : 0)), 0),
    results: systems.map(([system, segment]) => {
      const s = score(cases, lang, segment);
      return { system, ...prf(s), lost: s.lost, changed: s.changed };
    }),
  }));
}

/** Best of several runs, in MB/s of UTF-8 input, so a GC pause or JIT warm-up does not decide the figure. */
function throughput(label: string, bytes: number, work: () => void, runs = 5): { label: string; mbps: number } {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return { label, mbps: bytes / 1e6 / (best / 1000) };
}

export function throughputTable(targetBytes = 5_000_000): Array<{ label: string; mbps: number }> {
  const base = loadSample().text;
  const text = base.repeat(Math.ceil(targetBytes / Buffer.byteLength(base)));
  const bytes = Buffer.byteLength(text);
  const paragraphs = text.split(/\n\s*\n/);
  const perParagraph = (segment: Segmenter) => () => {
    for (const p of paragraphs) segment(p, 'ru');
  };
  return [
    throughput(`dragoman, whole text (${(bytes / 1e6).toFixed(1)} MB)`, bytes, () => sentenceSpans(text, 'ru')),
    throughput('dragoman, paragraph by paragraph', bytes, perParagraph(sentenceSpans)),
    // Intl.Segmenter is used per paragraph: V8's iterator slows down badly on one multi-megabyte string.
    throughput('Intl.Segmenter, paragraph by paragraph', bytes, perParagraph(intlSpans), 3),
  ];
}

const fmt = (x: number) => x.toFixed(3);

export async function runSegmentationBench(): Promise<{ rows: Array<{ name: string; value: string }> }> {
  const rows: Array<{ name: string; value: string }> = [];
  for (const row of accuracyTable()) {
    for (const r of row.results) {
      rows.push({
        name: `segmentation ${row.set} [${r.system}] P/R/F1, lost/changed chars`,
        value: `${fmt(r.p)}/${fmt(r.r)}/${fmt(r.f1)}, ${r.lost}/${r.changed}`,
      });
    }
  }
  for (const t of throughputTable()) rows.push({ name: `segmentation throughput: ${t.label}`, value: `${t.mbps.toFixed(1)} MB/s` });
  return { rows };
}

function markdown(): string {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}.`,
    '',
    '| Set | Lang | Cases | Gold boundaries | Dragoman P / R / F1 | Dragoman lost / changed | Intl P / R / F1 | sentence-splitter P / R / F1 |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of accuracyTable()) {
    const [ours, intl, splitter] = row.results;
    lines.push(
      `| ${row.set} | ${row.lang} | ${row.cases} | ${row.boundaries} | ${fmt(ours!.p)} / ${fmt(ours!.r)} / **${fmt(ours!.f1)}** | ${ours!.lost} / ${ours!.changed} | ${fmt(intl!.p)} / ${fmt(intl!.r)} / ${fmt(intl!.f1)} | ${fmt(splitter!.p)} / ${fmt(splitter!.r)} / ${fmt(splitter!.f1)} |`,
    );
  }
  lines.push('', '| Throughput (one core) | MB/s |', '|---|---|');
  for (const t of throughputTable()) lines.push(`| ${t.label} | ${t.mbps.toFixed(1)} |`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(markdown());
}
