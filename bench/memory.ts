/**
 * Translation memory at newsroom scale: 1,000,000 entries of one language pair in a fresh database,
 * then exact and fuzzy top-5 lookups through the same functions the service uses.
 *
 * Sentences recombine the words of the sample TASS article with a synthetic vocabulary of 20,000
 * Russian-looking words (names, places), so trigrams are neither all-common (a 600-word vocabulary would
 * make every sentence share most trigrams with every other) nor all-rare. Fuzzy queries are stored
 * sentences with one to three words replaced, inserted or deleted, the edits a rewrite of a wire story makes.
 *
 * `npx tsx bench/memory.ts` prints the table; `runMemoryBench()` returns the rows for bench/run.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { findExact } from '../src/storage/memory-repo.js';
import { migrate } from '../src/storage/migrate.js';
import { createPool } from '../src/storage/pool.js';
import { findInContextMatches, suggestMatches } from '../src/services/memory/lookup.js';
import { ms, summarize } from './lib/stats.js';

const baseDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const entries = Number(process.env.BENCH_TM_ENTRIES ?? 1_000_000);
const queries = Number(process.env.BENCH_TM_QUERIES ?? 300);
const pair = { sourceLang: 'ru', targetLocale: 'en' };

/** A small deterministic PRNG (mulberry32) so two runs query the same sentences. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(random: () => number): { article: string[]; synthetic: string[] } {
  const text = readFileSync(new URL('../tests/fixtures/tass-aliyev-apology.ru.txt', import.meta.url), 'utf8');
  const article = [...new Set(text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [])];
  const syllables = ['ба', 'ва', 'го', 'де', 'жи', 'за', 'ки', 'ло', 'ма', 'не', 'ор', 'пу', 'ра', 'со', 'ти', 'ус', 'фе', 'ха', 'це', 'ша', 'ев', 'ов', 'ин', 'ский', 'ова', 'ян', 'ли', 'ко', 'ст', 'др'];
  const synthetic = new Set<string>();
  while (synthetic.size < 20_000) {
    const n = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += syllables[Math.floor(random() * syllables.length)];
    synthetic.add(random() < 0.3 ? word[0]!.toUpperCase() + word.slice(1) : word);
  }
  return { article, synthetic: [...synthetic] };
}

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `dragoman_bench_tm_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  try {
    await migrate(url.toString());
    return await work(url.toString());
  } finally {
    // BENCH_TM_KEEP=1 leaves the loaded database for EXPLAIN sessions (drop it by hand afterwards).
    if (process.env.BENCH_TM_KEEP) process.stderr.write(`bench: kept database ${name}\n`);
    else {
      const admin = new pg.Client({ connectionString: baseDatabaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  }
}

/** Secondary indexes are dropped for the load and rebuilt after it, from their own definitions. */
async function bulkLoad(client: pg.Client, vocab: { article: string[]; synthetic: string[] }): Promise<{ loadMs: number; indexMs: number }> {
  const defs = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE tablename = 'translation_memory' AND indexname <> 'translation_memory_pkey'`,
  );
  for (const index of defs.rows) await client.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
  const started = performance.now();
  const batch = 100_000;
  for (let done = 0; done < entries; done += batch) {
    // Each sentence: 6..27 words, 70 % from the article, 30 % synthetic, sometimes a number.
    await client.query(
      `INSERT INTO translation_memory (source_lang, target_locale, source, target, prev_source, translator_id, article_id, revision)
       SELECT $1, $2, s, 'EN ' || md5(s), NULL, NULL, NULL, NULL
       FROM (
         SELECT (SELECT initcap(left(w, 1)) || substr(w, 2) FROM (SELECT string_agg(
                   CASE WHEN random() < 0.05 THEN (1 + floor(random() * 2030))::int::text
                        WHEN random() < 0.7 THEN ($3::text[])[1 + floor(random() * $5)::int]
                        ELSE ($4::text[])[1 + floor(random() * $6)::int] END, ' ') AS w
                 FROM generate_series(1, 6 + (g % 22))) x) || '.' AS s
         FROM generate_series($7::int, $8::int) AS g
       ) sentences
       ON CONFLICT DO NOTHING`,
      [pair.sourceLang, pair.targetLocale, vocab.article, vocab.synthetic, vocab.article.length, vocab.synthetic.length, done, Math.min(entries, done + batch) - 1],
    );
  }
  const loadMs = performance.now() - started;
  const indexStarted = performance.now();
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query('SET max_parallel_maintenance_workers = 2');
  for (const index of defs.rows) await client.query(index.def);
  await client.query('ANALYZE translation_memory');
  return { loadMs, indexMs: performance.now() - indexStarted };
}

function mutate(sentence: string, random: () => number, vocab: string[]): string {
  const words = sentence.replace(/\.$/, '').split(' ');
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * words.length);
    const kind = random();
    const word = vocab[Math.floor(random() * vocab.length)]!;
    if (kind < 0.6 || words.length < 5) words[at] = word;
    else if (kind < 0.8) words.splice(at, 0, word);
    else words.splice(at, 1);
  }
  return words.join(' ') + '.';
}

export async function runMemoryBench(): Promise<{ rows: Array<{ name: string; value: string }> }> {
  const random = prng(20230921);
  const vocab = vocabulary(random);
  return withDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const pool = createPool(url, 4);
    try {
      const { loadMs, indexMs } = await bulkLoad(client, vocab);
      const count = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM translation_memory')).rows[0]!.n;
      const size = (await client.query<{ s: string }>(`SELECT pg_size_pretty(pg_total_relation_size('translation_memory')) AS s`)).rows[0]!.s;
      const sample = (
        await client.query<{ source: string }>(
          `SELECT source FROM translation_memory TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT $1`,
          [queries * 2],
        )
      ).rows.map((r) => r.source);
      const exactSources = sample.slice(0, queries);
      const fuzzySources = sample.slice(queries).map((s) => ({ original: s, query: mutate(s, random, [...vocab.article, ...vocab.synthetic]) }));

      // Warm-up: the first queries pay for cold pages and plan caching.
      for (const source of exactSources.slice(0, 20)) await suggestMatches(pool, { ...pair, source, prevSource: null, nextSource: null });

      const exactLookup: number[] = [];
      for (const source of exactSources) {
        const t = performance.now();
        await findExact(pool, pair, source, null, null, 20);
        exactLookup.push(performance.now() - t);
      }
      const articleLookup: number[] = [];
      for (let i = 0; i + 35 <= exactSources.length; i += 35) {
        const segments = exactSources.slice(i, i + 35).map((source, k) => ({ key: String(k), source, prevSource: null, nextSource: null }));
        const t = performance.now();
        await findInContextMatches(pool, { ...pair, segments });
        articleLookup.push(performance.now() - t);
      }
      const exactSuggest: number[] = [];
      let exactFound = 0;
      for (const source of exactSources) {
        const t = performance.now();
        const found = await suggestMatches(pool, { ...pair, source, prevSource: null, nextSource: null });
        exactSuggest.push(performance.now() - t);
        if (found[0]?.score === 100) exactFound++;
      }
      const fuzzySuggest: number[] = [];
      let fuzzyFound = 0;
      const scores: number[] = [];
      for (const { original, query } of fuzzySources) {
        const t = performance.now();
        const found = await suggestMatches(pool, { ...pair, source: query, prevSource: null, nextSource: null });
        fuzzySuggest.push(performance.now() - t);
        const hit = found.find((f) => f.source === original);
        if (hit) {
          fuzzyFound++;
          scores.push(hit.score);
        }
      }
      const e = summarize(exactLookup);
      const a = summarize(articleLookup);
      const x = summarize(exactSuggest);
      const f = summarize(fuzzySuggest);
      const sc = summarize(scores);
      return {
        rows: [
          { name: 'TM entries loaded (one pair)', value: `${count.toLocaleString('en-US')} in ${(loadMs / 1000).toFixed(1)} s, indexes ${(indexMs / 1000).toFixed(1)} s, ${size}` },
          { name: `TM exact lookup p50 / p99 (${e.n} queries, goal p99 < 20 ms)`, value: `${ms(e.p50)} / ${ms(e.p99)}` },
          { name: `TM in-context lookup, 35-segment article p50 / p99 (${a.n})`, value: `${ms(a.p50)} / ${ms(a.p99)}` },
          { name: `TM suggestMatches top-5 on a stored sentence p50 / p99`, value: `${ms(x.p50)} / ${ms(x.p99)}, exact first in ${exactFound}/${x.n}` },
          { name: `TM fuzzy top-5 p50 / p99 (${f.n} edited sentences, goal p99 < 100 ms)`, value: `${ms(f.p50)} / ${ms(f.p99)}` },
          { name: 'TM fuzzy recall: original found in top 5, its score p50 (min)', value: `${fuzzyFound}/${f.n}, ${sc.p50} (${Math.min(...scores)})` },
        ],
      };
    } finally {
      await pool.end();
      await client.end();
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows } = await runMemoryBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`| ${'Measure'.padEnd(width)} | Result |\n| ${'-'.repeat(width)} | --- |`);
  for (const r of rows) console.log(`| ${r.name.padEnd(width)} | ${r.value} |`);
}
