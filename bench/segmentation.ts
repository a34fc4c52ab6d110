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
  classifyError,
  compareBoundaries,
  errorClasses,
  prf,
  type BoundaryCounts,
  type ErrorClass,
} from '../tests/unit/segmentation/boundary-metric.js';
import {
  boundaryOffsets,
  labelledSetNames,
  loadLabelledSet,
  loadSample,
  type LabelledCase,
} from '../tests/unit/segmentation/load-fixtures.js';
import { loadUdSet, udSetFiles, type UdSetName } from '../tests/unit/segmentation/ud-sets.js';

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

interface Score extends BoundaryCounts {
  lost: number;
  changed: number;
  cases: number;
  /** Missed (fn) and false (fp) boundaries per error class of the issue. */
  classes: Record<ErrorClass, { fn: number; fp: number }>;
  errors: Array<{ kind: 'missed' | 'extra'; cls: ErrorClass; context: string }>;
}

interface EvalCase extends LabelledCase {
  /** Boundaries that count neither way (the sample's optionalBoundaries, the metric's uncounted ones). */
  optional?: Set<number>;
}

function emptyClasses(): Score['classes'] {
  return Object.fromEntries(errorClasses.map((c) => [c, { fn: 0, fp: 0 }])) as Score['classes'];
}

function score(cases: EvalCase[], lang: string, segment: Segmenter): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, lost: 0, changed: 0, cases: cases.length, classes: emptyClasses(), errors: [] };
  for (const c of cases) {
    const spans = segment(c.text, lang);
    const result = compareBoundaries(
      spans.slice(0, -1).map((span) => span.end),
      boundaryOffsets(c.text, c.sentences),
      c.optional ?? new Set<number>(),
    );
    s.tp += result.tp;
    s.fp += result.fp;
    s.fn += result.fn;
    for (const [kind, offsets] of [['missed', result.missed], ['extra', result.extra]] as const) {
      for (const at of offsets) {
        const cls = classifyError(c.text, at);
        s.classes[cls][kind === 'missed' ? 'fn' : 'fp']++;
        s.errors.push({ kind, cls, context: `${c.text.slice(Math.max(0, at - 60), at)} ‖ ${c.text.slice(at, at + 50)}` });
      }
    }
    // Characters: the non-space text of the segments must equal the non-space text of the input.
    const input = c.text.replace(/\s+/g, '');
    const output = spans.map((span) => c.text.slice(span.start, span.end)).join('').replace(/\s+/g, '');
    s.lost += Math.max(0, input.length - output.length);
    for (let i = 0; i < Math.min(input.length, output.length); i++) if (input[i] !== output[i]) s.changed++;
  }
  return s;
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
  use: string;
  cases: number;
  /** Sentences in the set and the gold boundaries that count under the metric. */
  sentences: number;
  boundaries: number;
  results: Array<{ system: string; p: number; r: number; f1: number; lost: number; changed: number; score: Score }>;
}

function udCases(name: UdSetName): EvalCase[] {
  return loadUdSet(name).cases.map((c) => {
    const offsets = boundaryOffsets(c.text, c.sentences);
    return { ...c, optional: new Set(c.optionalAfter.map((i) => offsets[i]!)) };
  });
}

function row(set: string, lang: string, use: string, cases: EvalCase[]): AccuracyRow {
  let boundaries = 0;
  for (const c of cases) {
    const optional = c.optional ?? new Set<number>();
    boundaries += boundaryOffsets(c.text, c.sentences).filter((o) => !optional.has(o)).length;
  }
  return {
    set,
    lang,
    use,
    cases: cases.length,
    sentences: cases.reduce((sum, c) => sum + c.sentences.length, 0),
    boundaries,
    results: systems.map(([system, segment]) => {
      const s = score(cases, lang, segment);
      return { system, ...prf(s), lost: s.lost, changed: s.changed, score: s };
    }),
  };
}

export function accuracyTable(): AccuracyRow[] {
  const rows: AccuracyRow[] = [row('tass-aliyev-apology (sample gold)', 'ru', 'news', sampleCases())];
  for (const name of labelledSetNames) {
    const set = loadLabelledSet(name);
    rows.push(row(name, set.lang, 'golden', set.cases));
  }
  for (const file of udSetFiles) rows.push(row(file.name, file.lang, file.use, udCases(file.name)));
  // The figures the issue's goals are about: every tuning page together, and the held-out pages.
  for (const [lang, label] of [['ru', 'Russian web/social/poetry'], ['en', 'English web']] as const) {
    for (const use of ['tuning', 'held-out'] as const) {
      const names = udSetFiles.filter((f) => f.lang === lang && f.use === use).map((f) => f.name);
      rows.push(row(`${label}, all ${use}`, lang, `${use} total`, names.flatMap((n) => udCases(n))));
    }
  }
  return rows;
}

/**
 * Best of several runs, in MB/s of UTF-8 input, so a GC pause or JIT warm-up does not decide the figure.
 * `cpuMbps` divides by the process's CPU time instead of wall time: on a machine shared with other work the
 * wall-clock figure mostly measures the queue for a core, the CPU-time figure the segmenter.
 */
function throughput(label: string, bytes: number, work: () => void, runs = 5): { label: string; mbps: number; cpuMbps: number } {
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    work();
    const used = process.cpuUsage(cpu);
    best = Math.min(best, performance.now() - started);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  return { label, mbps: bytes / 1e6 / (best / 1000), cpuMbps: bytes / 1e6 / (bestCpu / 1000) };
}

export function throughputTable(targetBytes = 5_000_000): Array<{ label: string; mbps: number; cpuMbps: number }> {
  const base = loadSample().text;
  const text = base.repeat(Math.ceil(targetBytes / Buffer.byteLength(base)));
  const bytes = Buffer.byteLength(text);
  const paragraphs = text.split(/\n\s*\n/);
  const perParagraph = (segment: Segmenter) => () => {
    for (const p of paragraphs) segment(p, 'ru');
  };
  // The floor: the simplest splitter there is (one regular expression over the same text), measured in the
  // same run, so a loaded machine shows in both figures and the ratio stays meaningful.
  const naive = /(?<=[.!?…])\s+/;
  return [
    throughput('floor: one regex split on [.!?…] + space, whole text', bytes, () => text.split(naive)),
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
  for (const t of throughputTable()) {
    rows.push({ name: `segmentation throughput: ${t.label}`, value: `${t.mbps.toFixed(1)} MB/s (${t.cpuMbps.toFixed(1)} MB per CPU-second)` });
  }
  return { rows };
}

function markdown(rows: AccuracyRow[], withThroughput: boolean): string {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}.`,
    '',
    '| Set | Use | Lang | Blocks | Sentences | Counted boundaries | Dragoman P / R / F1 | Dragoman lost / changed | Intl P / R / F1 | sentence-splitter P / R / F1 |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const [ours, intl, splitter] = row.results;
    lines.push(
      `| ${row.set} | ${row.use} | ${row.lang} | ${row.cases} | ${row.sentences} | ${row.boundaries} | ${fmt(ours!.p)} / ${fmt(ours!.r)} / **${fmt(ours!.f1)}** | ${ours!.lost} / ${ours!.changed} | ${fmt(intl!.p)} / ${fmt(intl!.r)} / ${fmt(intl!.f1)} | ${fmt(splitter!.p)} / ${fmt(splitter!.r)} / ${fmt(splitter!.f1)} |`,
    );
  }
  lines.push('', 'Errors by class (missed / false boundaries), UD totals:', '');
  lines.push(`| Set | System | ${errorClasses.join(' | ')} |`, `|---|---|${errorClasses.map(() => '---').join('|')}|`);
  for (const row of rows.filter((r) => r.use.endsWith('total'))) {
    for (const r of row.results) {
      lines.push(`| ${row.set} | ${r.system} | ${errorClasses.map((c) => `${r.score.classes[c].fn} / ${r.score.classes[c].fp}`).join(' | ')} |`);
    }
  }
  if (withThroughput) {
    lines.push('', `| Throughput (load average ${os.loadavg()[0]!.toFixed(1)}) | MB/s (wall clock) | MB per CPU-second |`, '|---|---|---|');
    for (const t of throughputTable()) lines.push(`| ${t.label} | ${t.mbps.toFixed(1)} | ${t.cpuMbps.toFixed(1)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--errors NAME` lists Dragoman's errors on one set (for tuning sets: never used to tune on held-out ones).
  const errorsAt = process.argv.indexOf('--errors');
  // `--only tuning` prints the tuning rows alone, so working on the rules never shows held-out figures.
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
  const rows = accuracyTable().filter((r) => !only || r.use.startsWith(only) || r.use === 'news' || r.use === 'golden');
  if (errorsAt > 0) {
    const wanted = process.argv[errorsAt + 1] ?? '';
    for (const row of rows.filter((r) => r.set === wanted)) {
      for (const e of row.results[0]!.score.errors) console.log(`${e.kind}\t${e.cls}\t${e.context.replace(/\n/g, ' ')}`);
    }
  } else {
    console.log(markdown(rows, !process.argv.includes('--no-speed')));
  }
}
