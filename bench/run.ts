/**
 * `npm run bench`: starts the API and the workers as child processes against a throw-away database and
 * Redis prefix, drives them over HTTP, measures raw BullMQ beside them, prints one markdown table and
 * cleans up whatever happens. It reports goals but never fails on them: figures are for reading.
 */
import { runHumanPaceBench } from './human-pace.js';
import { runMachineBench } from './machine.js';
import { runMemoryBench } from './memory.js';
import { runPublishingBench } from './publishing.js';
import { runQaCorpusBench } from './qa-corpus.js';
import { runSegmentationBench } from './segmentation.js';
import { timeToPublish } from './time-to-publish.js';
import { runWebBench } from './web.js';
import { workbenchBench } from './workbench.js';
import { runXliffBench } from './xliff.js';
import { metricsCost } from './metrics-cost.js';
import { availableParallelism, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { assemblyLatency, claimSubmit, createTranslators, createUser, ingest } from './core.js';
import { BenchEnv, redisUrl } from './lib/env.js';
import { Client } from './lib/http.js';
import { commandsPer, cpuShare, cpuSnapshot, postgresOf, redisCommands, type Groups } from './lib/probe.js';
import { httpFloor } from './lib/http-floor.js';
import { rawBullmq } from './lib/raw-bullmq.js';
import { ms, perSecond, rate } from './lib/stats.js';
import { markdownReport } from './lib/report.js';

const settings = {
  editors: 8,
  articles: Number(process.env.BENCH_ARTICLES ?? 300), // ~70 tasks each: more than 20 s of claims at goal pace
  translators: 50,
  claimMs: Number(process.env.BENCH_CLAIM_MS ?? 20_000),
  warmupMs: 3_000,
  assemblyArticles: 30,
  assemblyTranslators: 10,
  rawJobs: 20_000,
  rawLoops: 50,
  floorMs: 10_000,
  metricsPhaseMs: Number(process.env.BENCH_METRICS_MS ?? 5_000),
};

interface Row {
  measure: string;
  result: string;
  goal: string;
}

const rows: Row[] = [];
const notes: string[] = [];
const row = (measure: string, result: string, goal = '') => rows.push({ measure, result, goal });
const verdict = (met: boolean) => (met ? 'met' : 'not met');

const env = new BenchEnv();
let cleaned: Promise<void> | null = null;
const cleanup = () => (cleaned ??= env.cleanup());
// Ctrl-C must not leave a database and two servers behind.
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

let failed = false;
let httpRate = 0;
let http: Client | null = null;
const redis = new Redis(redisUrl);
// Other work on the box (tests, another bench) skews every figure: record how busy it was before we began.
const loadBefore = loadavg()[0]!.toFixed(2);
try {
  process.stderr.write(`bench: starting API and workers (db ${env.name})\n`);
  await env.start();
  const client = new Client(env.baseUrl);
  http = client;
  const editors = await Promise.all(Array.from({ length: settings.editors }, () => createUser(client, env.adminToken, ['editor'])));
  await ingest(client, editors, 16); // warm-up: JIT and pool connections, not counted

  process.stderr.write(`bench: ingesting ${settings.articles} articles\n`);
  const ingested = await ingest(client, editors, settings.articles);
  const tasks = ingested.articles.reduce((sum, a) => sum + Object.values(a.totals).reduce((x, y) => x + y, 0), 0);
  const segments = Math.round(tasks / ingested.articles.length / 2);
  row(
    `Ingest: POST /articles, ${segments} segments × en+ar, ${settings.editors} editors`,
    `${rate(settings.articles, ingested.elapsedMs).toFixed(1)} articles/s (p50 ${ms(ingested.latency.p50)}, p99 ${ms(ingested.latency.p99)})`,
  );

  const translators = await createTranslators(client, env.adminToken, settings.translators);
  const groups: Groups = {
    api: [env.child('api').process.pid!],
    workers: [env.child('workers').process.pid!],
    postgres: postgresOf(env.name),
    redis: (comm) => comm === 'redis-server',
    bench: [process.pid],
  };
  process.stderr.write(`bench: ${settings.translators} translators claiming and submitting for ${settings.claimMs / 1000} s (${tasks} tasks queued)\n`);
  const cpuBefore = cpuSnapshot(groups);
  const cmdsBefore = await redisCommands(redis);
  const cs = await claimSubmit(client, translators, settings.claimMs, settings.warmupMs);
  const cmdsAfter = await redisCommands(redis);
  const cpuAfter = cpuSnapshot(groups);
  httpRate = rate(cs.cycles, cs.windowMs);
  row(
    `Claim+submit cycles (HTTP, ${settings.translators} translators)`,
    `${perSecond(httpRate, 'cycles')} (${cs.cycles} in ${(cs.windowMs / 1000).toFixed(1)} s${cs.drained ? ', queue drained' : ''}${cs.errors ? `, ${cs.errors} errors` : ''})`,
    `≥ 2,000/s: ${verdict(httpRate >= 2000)}`,
  );
  row('Full cycle latency p50 / p99', `${ms(cs.cycle.p50)} / ${ms(cs.cycle.p99)}`, `p99 < 50 ms: ${verdict(cs.cycle.p99 < 50)}`);
  row('Claim latency p50 / p99', `${ms(cs.claim.p50)} / ${ms(cs.claim.p99)}`, `p99 < 50 ms: ${verdict(cs.claim.p99 < 50)}`);
  row('Submit latency p50 / p99', `${ms(cs.submit.p50)} / ${ms(cs.submit.p99)}`, `p99 < 50 ms: ${verdict(cs.submit.p99 < 50)}`);
  row('CPU during claim+submit: % of one core (CPU ms per cycle)', cpuShare(cpuBefore, cpuAfter, cs.completed));
  row('Redis commands per claim+submit cycle', commandsPer(cmdsBefore, cmdsAfter, cs.completed));

  // Issue 15: what Prometheus scraping costs, compared with no scraping in the same run.
  process.stderr.write('bench: GET /metrics and its effect on claim latency\n');
  for (const r of await metricsCost(client, editors, translators, settings.metricsPhaseMs)) row(r.name, r.value);

  process.stderr.write(`bench: assembly latency over ${settings.assemblyArticles} articles\n`);
  const asm = await assemblyLatency(client, editors[0]!, translators.slice(0, settings.assemblyTranslators), settings.assemblyArticles);
  row(
    `Assembly: last submit → published readable (${asm.latency.n} locales, 5 ms polls)`,
    `p50 ${ms(asm.latency.p50)}, p99 ${ms(asm.latency.p99)}${asm.timeouts ? `, ${asm.timeouts} not within 10 s` : ''}`,
    `< 1 s: ${verdict(asm.latency.p99 < 1000 && asm.timeouts === 0)}`,
  );
  process.stderr.write('bench: workbench (article list, progress reading, live progress)\n');
  for (const r of await workbenchBench(client, env.baseUrl, env.adminToken, editors[0]!)) row(r.name, r.value);

  const rss = env.rssMiB('api');
  const workersRss = env.rssMiB('workers');
  row('Memory: API process RSS after the load', rss === null ? 'n/a' : `${rss.toFixed(0)} MiB (workers ${workersRss?.toFixed(0) ?? 'n/a'} MiB)`);

  process.stderr.write('bench: time to publish a breaking article with 1, 3 and 6 translators\n');
  const wordsPerSecond = 40;
  const publish = await timeToPublish(client, env.adminToken, editors[0]!, [1, 3, 6], wordsPerSecond);
  const single = publish[0]!.seconds;
  for (const r of publish) {
    row(
      `Time to publish: ${r.segments}-segment breaking article, ${r.team} translator${r.team > 1 ? 's' : ''} at ${wordsPerSecond} words/s (pushed)`,
      `${r.seconds.toFixed(1)} s (${(single / r.seconds).toFixed(1)}× one translator; segments per person ${r.perPerson.join('/')})`,
    );
  }

  process.stderr.write('bench: XLIFF export and import of a 500-segment article\n');
  for (const r of await runXliffBench(env.baseUrl, env.adminToken)) row(r.name, r.value, r.goal);

  process.stderr.write('bench: the translator screen in Chromium while 50 translators work\n');
  for (const r of await runWebBench(client, env.baseUrl, env.adminToken, editors[0]!)) row(r.measure, r.result, r.goal);

  process.stderr.write('bench: raw BullMQ\n');
  const raw = await rawBullmq(redisUrl, env.name, settings.rawJobs, settings.rawLoops, 15_000);
  row(`Raw BullMQ add (${settings.rawLoops} concurrent, one connection)`, perSecond(raw.addPerSecond, 'jobs'));
  row(
    `Raw BullMQ getNextJob + moveToCompleted (${settings.rawLoops} concurrent)`,
    perSecond(raw.cyclesPerSecond, 'cycles'),
    `HTTP ≥ 1/5 of this: ${verdict(httpRate * 5 >= raw.cyclesPerSecond)} (${((httpRate / raw.cyclesPerSecond) * 100).toFixed(0)}%)`,
  );

  // The same client and translators against a server that does nothing (then one durable write per
  // request): how far the real cycle is from what HTTP alone allows on this machine.
  process.stderr.write('bench: HTTP floor (no-op Express server, then one PostgreSQL write per request)\n');
  for (const withDatabase of [false, true]) {
    const { rate: floor } = await httpFloor(env.databaseUrl, settings.translators, settings.floorMs, settings.warmupMs, withDatabase);
    row(
      withDatabase
        ? `Floor: claim+submit against Express + one durable PostgreSQL UPDATE per request (${settings.translators} loops)`
        : `Floor: claim+submit against a no-op Express server, no database (${settings.translators} loops)`,
      `${perSecond(floor, 'cycles')} (the service reaches ${((httpRate / floor) * 100).toFixed(0)}% of it)`,
    );
  }
} catch (error) {
  failed = true;
  notes.push(`bench stopped early: ${error instanceof Error ? error.message : String(error)}`);
  for (const child of env.children) if (child.tail.length) notes.push(`${child.name} said: ${child.tail.slice(-5).join(' | ')}`);
} finally {
  http?.close();
  redis.disconnect();
  await cleanup();
}

// Issue 16: 600 translators at human pace beside a breaking article every 5 s, on its own API and workers
// (about 2.5 minutes); BENCH_HUMAN=0 skips it.
if (process.env.BENCH_HUMAN !== '0') {
  process.stderr.write('bench: human pace (600 translators, 3-9 s per sentence, breaking news every 5 s)\n');
  const human = await runHumanPaceBench();
  for (const r of human.rows) row(r.measure, r.result, r.goal);
  notes.push(...human.notes);
}

// Machine translation runs its own API and workers (with a slow provider configured); BENCH_MT=0 skips it.
if (process.env.BENCH_MT !== '0') {
  process.stderr.write('bench: machine translation (Apertium, and claims beside a provider taking 2 s per request)\n');
  try {
    for (const r of (await runMachineBench()).rows) row(r.name, r.value, r.goal);
  } catch (error) {
    notes.push(`machine translation rows skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

// Segmentation is pure CPU: run it once the servers are gone so they don't share the cores with it.
try {
  for (const r of (await runSegmentationBench()).rows) row(r.name, r.value);
  for (const r of (await runQaCorpusBench()).rows) row(r.name, r.value);
} catch (error) {
  notes.push(`segmentation rows skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
}

// Published output from an archive: its own database and an API in this process.
try {
  for (const r of (await runPublishingBench()).rows) row(r.name, r.value);
} catch (error) {
  notes.push(`publishing rows skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
}

// Translation memory at a million entries takes minutes to load; BENCH_MEMORY=0 skips it.
if (process.env.BENCH_MEMORY !== '0') {
  process.stderr.write('bench: translation memory with 1,000,000 entries (a few minutes)\n');
  try {
    for (const r of (await runMemoryBench()).rows) row(r.name, r.value);
  } catch (error) {
    notes.push(`memory rows skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

process.stdout.write(
  markdownReport(
    `Dragoman bench, ${new Date().toISOString()}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadBefore} at start`,
    rows,
    notes,
  ),
);
process.exit(failed ? 1 : 0);
