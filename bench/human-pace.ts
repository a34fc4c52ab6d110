/**
 * Issue 16's load: 600 translators working at human pace (3 to 9 s of reading and typing between a claim
 * and its submit, about 100 cycles/s in all) while an editor posts a breaking article every 5 s. Reports
 * claim and submit latency, the cycles achieved, CPU and Redis commands per cycle, where those commands go
 * (MONITOR on a short sample after the measured window, filtered to this run's key prefix), and, in the
 * same run, the flat-out rate of 50 translators against the "one durable UPDATE per request" floor, with
 * the floor's own CPU per request (floor server, PostgreSQL; the load generator apart, as for the flat-out
 * cycle) so a cycle's CPU reads as a number of floor requests; then the same floor again with the service's
 * request middleware in front (another floor window of the same length), to show what those layers cost a request.
 *
 * Alone: `npx tsx bench/human-pace.ts` (builds nothing: run `npm run build` first when sources changed).
 * Knobs: BENCH_HUMAN_MS (measured window, 60000), BENCH_HUMAN_WARMUP_MS (15000), BENCH_HUMAN_TRANSLATORS
 * (600), BENCH_HUMAN_MONITOR_MS (MONITOR sample, 8000), BENCH_HUMAN_ARTICLES (pre-loaded backlog).
 */
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { lookupQueueName } from '../src/queues/catalogue.js';
import { claimSubmit, createTranslators, createUser, ingest, type Translator } from './core.js';
import { BenchEnv, redisUrl, sleep } from './lib/env.js';
import { fakeTranslation } from './lib/fake-translation.js';
import { articleBody } from './lib/fixture.js';
import { httpFloor } from './lib/http-floor.js';
import { Client } from './lib/http.js';
import { commandsPer, cpuMsPer, cpuShare, CpuTracker, postgresOf, redisCommands, sumOf, withCpu, type CpuSnapshot, type Groups } from './lib/probe.js';
import { concurrently, ms, perSecond, rate, summarize } from './lib/stats.js';
import { markdownReport } from './lib/report.js';

const api = '/api/v1';

export interface BenchRow {
  measure: string;
  result: string;
  goal: string;
}

const settings = {
  translators: Number(process.env.BENCH_HUMAN_TRANSLATORS ?? 600),
  thinkMinMs: 3_000,
  thinkMaxMs: 9_000,
  breakingEveryMs: 5_000,
  warmupMs: Number(process.env.BENCH_HUMAN_WARMUP_MS ?? 15_000),
  measureMs: Number(process.env.BENCH_HUMAN_MS ?? 60_000),
  monitorMs: Number(process.env.BENCH_HUMAN_MONITOR_MS ?? 8_000),
  flatTranslators: 50,
  flatMs: 13_000,
  flatWarmupMs: 3_000,
  floorMs: 13_000,
};

/** Enough normal work that neither phase runs dry: ~68 tasks per article (34 sentences × en+ar). */
function backlogArticles(): number {
  if (process.env.BENCH_HUMAN_ARTICLES) return Number(process.env.BENCH_HUMAN_ARTICLES);
  const humanSeconds = (settings.warmupMs + settings.measureMs + settings.monitorMs) / 1000;
  const humanTasks = (settings.translators / ((settings.thinkMinMs + settings.thinkMaxMs) / 2 / 1000)) * humanSeconds;
  const flatTasks = 600 * (settings.flatMs / 1000); // well above what 50 flat-out translators reach here
  return Math.ceil((humanTasks * 1.3 + flatTasks) / 68);
}

/**
 * Waits until the workers' lookup queue holds no job in any state that is still to run, polling its counts
 * (a condition, checked twice a second); gives up after ten minutes so a stuck worker fails the bench.
 */
async function lookupsDrained(url: string, prefix: string): Promise<{ ms: number }> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(lookupQueueName, { connection, prefix });
  const started = performance.now();
  try {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((n) => n === 0)) return { ms: performance.now() - started };
      if (performance.now() - started > 600_000) throw new Error(`lookup queue not drained after 10 minutes: ${JSON.stringify(counts)}`);
      await sleep(500);
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

const verdict = (met: boolean) => (met ? 'met' : 'not met');
/** The groups whose CPU a cycle is charged: the service and its stores, not the load generator. */
const service = ['api', 'workers', 'postgres', 'redis'] as const;
/** What a floor request is charged: the floor server and PostgreSQL (it uses no Redis). */
const floorSide = ['floor', 'postgres'] as const;

/** A floor cycle's CPU (ms per cycle by process group) per request: a floor cycle is two requests, as a real cycle is. */
function perFloorRequest(perCycle: Record<string, number>): { request: number; server: number; postgres: number; bench: number } {
  return { request: sumOf(perCycle, floorSide) / 2, server: perCycle.floor! / 2, postgres: perCycle.postgres! / 2, bench: perCycle.bench! / 2 };
}
const think = () => settings.thinkMinMs + Math.random() * (settings.thinkMaxMs - settings.thinkMinMs);

interface MonitorSample {
  /** Commands sent by this run's connections (round trips), by name. */
  topLevel: Map<string, number>;
  /** Commands run inside Lua scripts (BullMQ's) on this run's keys, by name. */
  inScripts: Map<string, number>;
  /** The same, by the script call they ran in (named as in `topLevel`). */
  inScriptsByCall: Map<string, number>;
}

/**
 * Counts this run's Redis commands with MONITOR: a connection is this run's when any command it sends names
 * a key under the run's prefix; every command of such a connection counts (PING, CLIENT, INFO included).
 * Script-inner commands arrive from "lua" and are kept when they name a key under the prefix.
 */
async function monitorSample(prefix: string, durationMs: number): Promise<MonitorSample> {
  // A plain socket: MONITOR's reply is one simple-string line per command, simpler to read than to coax a
  // client library through (ioredis's monitor mode lost track of its queue under this load).
  const url = new URL(redisUrl);
  const socket = connect(Number(url.port || 6379), url.hostname);
  const perSource = new Map<string, Map<string, number>>();
  const ours = new Set<string>();
  const inScripts = new Map<string, number>();
  const inScriptsByCall = new Map<string, number>();
  // MONITOR shows a script's inner commands right after the call that ran it (Redis runs one at a time).
  let lastCall = '';
  const marker = `"${prefix}:`;
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      const match = /^\+\S+ \[\d+ ([^\]]+)\] "([^"]*)"(.*)$/.exec(line);
      if (!match) continue;
      const [, source, command, rest] = match as unknown as [string, string, string, string];
      const mentions = rest.includes(marker);
      const name = commandName(command, rest, marker);
      if (source === 'lua') {
        if (mentions) {
          inScripts.set(name, (inScripts.get(name) ?? 0) + 1);
          inScriptsByCall.set(lastCall, (inScriptsByCall.get(lastCall) ?? 0) + 1);
        }
        continue;
      }
      lastCall = name;
      if (mentions) ours.add(source);
      const counts = perSource.get(source) ?? new Map<string, number>();
      counts.set(name, (counts.get(name) ?? 0) + 1);
      perSource.set(source, counts);
    }
  });
  socket.on('error', () => undefined);
  socket.write('MONITOR\r\n');
  await sleep(durationMs);
  socket.destroy();
  const topLevel = new Map<string, number>();
  for (const source of ours) {
    for (const [name, calls] of perSource.get(source)!) topLevel.set(name, (topLevel.get(name) ?? 0) + calls);
  }
  return { topLevel, inScripts, inScriptsByCall };
}

/**
 * The command's name; for a script call (EVALSHA, FCALL) also the shape of its first key, since which
 * script ran is what tells a claim's hand-over from a worker's poll: "evalsha work:translate:*:*:wait".
 */
function commandName(command: string, rest: string, marker: string): string {
  const name = command.toLowerCase();
  if (name !== 'evalsha' && name !== 'eval' && name !== 'fcall') return name;
  const at = rest.indexOf(marker);
  if (at < 0) return name;
  const key = rest.slice(at + marker.length, rest.indexOf('"', at + marker.length));
  const shape = key.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '*').replace(/\b\d+\b/g, '*');
  return `${name} ${shape}`;
}

function listPer(counts: Map<string, number>, units: number, top = 10): string {
  const rows = [...counts.entries()].map(([name, calls]) => ({ name, per: calls / Math.max(1, units) })).sort((a, b) => b.per - a.per);
  const total = rows.reduce((sum, row) => sum + row.per, 0);
  const shown = rows.filter((row) => row.per >= 0.05).slice(0, top);
  return `${total.toFixed(1)} (${shown.map((row) => `${row.name} ${row.per.toFixed(2)}`).join(', ')})`;
}

export async function runHumanPaceBench(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const row = (measure: string, result: string, goal = '') => rows.push({ measure, result, goal });
  const env = new BenchEnv();
  const redis = new Redis(redisUrl);
  let client: Client | null = null;
  const loadAtStart = loadavg().map((l) => l.toFixed(2)).join(' ');
  try {
    await env.start();
    client = new Client(env.baseUrl, settings.translators + 64);
    const http = client;
    const editors = await Promise.all(Array.from({ length: 4 }, () => createUser(http, env.adminToken, ['editor'])));
    const articles = backlogArticles();
    process.stderr.write(`bench: human pace: ingesting ${articles} articles of backlog\n`);
    await ingest(http, editors, articles);
    // The backlog exists only so the translators never run dry; its memory lookups (one per task, the
    // heaviest query there is) are not part of the scenario, which is 600 translators and one breaking
    // article every 5 s. Left running, they took a large share of PostgreSQL inside the measured window.
    // So the window starts once the lookup queue is empty; the breaking articles' lookups still fall in it.
    const backlogLookups = await lookupsDrained(redisUrl, env.name);
    process.stderr.write(`bench: human pace: backlog lookups done in ${(backlogLookups.ms / 1000).toFixed(1)} s\n`);
    process.stderr.write(`bench: human pace: creating ${settings.translators} translators\n`);
    const translators: Translator[] = [];
    for (let i = 0; i < settings.translators; i += 50) {
      translators.push(...(await createTranslators(http, env.adminToken, Math.min(50, settings.translators - i))));
    }

    const groups: Groups = {
      api: [env.child('api').process.pid!],
      workers: [env.child('workers').process.pid!],
      postgres: postgresOf(env.name),
      redis: (comm) => comm === 'redis-server',
    };
    const start = performance.now();
    const measureFrom = start + settings.warmupMs;
    const measureTo = measureFrom + settings.measureMs;
    const stopAt = measureTo + settings.monitorMs;
    process.stderr.write(
      `bench: human pace: ${settings.translators} translators, ${settings.warmupMs / 1000} s warm-up, ${settings.measureMs / 1000} s measured, ${settings.monitorMs / 1000} s MONITOR sample\n`,
    );

    const claims: number[] = [];
    const submits: number[] = [];
    const submittedAt: number[] = [];
    let empties = 0;
    let errors = 0;
    const breaking: number[] = [];
    const tracker = new CpuTracker(groups);
    let cpu: [CpuSnapshot, CpuSnapshot] | null = null;
    let cmdsFrom: Map<string, number> | null = null;
    let cmdsTo: Map<string, number> | null = null;
    let monitored: Promise<MonitorSample> | null = null;
    const probes = (async () => {
      await sleep(measureFrom - performance.now());
      tracker.start();
      cmdsFrom = await redisCommands(redis);
      await sleep(measureTo - performance.now());
      cmdsTo = await redisCommands(redis);
      cpu = tracker.stop();
      monitored = monitorSample(env.name, settings.monitorMs);
      await monitored;
    })();

    const editor = (async () => {
      let n = 5_000_000;
      while (performance.now() < stopAt) {
        const reply = await http.request('POST', `${api}/articles`, editors[0], articleBody(n++, 'breaking'));
        if (reply.status === 201) breaking.push(reply.ms);
        else errors++;
        await sleep(settings.breakingEveryMs - reply.ms);
      }
    })();

    // If a translator's loop fails, the run stops and cleans up while these two are still going: their later
    // failures (the API or Redis gone) must not crash the whole bench. On a normal run they are awaited below.
    editor.catch(() => undefined);
    probes.catch(() => undefined);

    await concurrently(translators.length, async (i) => {
      const { token, locale } = translators[i]!;
      // Arrivals spread over one think time, so the rate is steady from the start rather than in waves.
      await sleep(Math.random() * settings.thinkMaxMs);
      while (performance.now() < stopAt) {
        const claimed = await http.request('POST', `${api}/tasks/claim`, token, {});
        const claimedAt = performance.now() - claimed.ms;
        if (claimedAt >= measureFrom && claimedAt < measureTo) claims.push(claimed.ms);
        if (claimed.status === 204) {
          empties++;
          await sleep(1_000);
          continue;
        }
        if (claimed.status !== 200) {
          errors++;
          await sleep(1_000);
          continue;
        }
        await sleep(think());
        if (performance.now() >= stopAt) return; // the run is over: the task stays held until the database goes
        const text = fakeTranslation(claimed.body.source as string, locale);
        const submitted = await http.request('POST', `${api}/tasks/${claimed.body.id as string}/submit`, token, { text });
        const sentAt = performance.now() - submitted.ms;
        if (submitted.status !== 200) {
          errors++;
          continue;
        }
        if (sentAt >= measureFrom && sentAt < measureTo) submits.push(submitted.ms);
        submittedAt.push(performance.now());
      }
    });
    await editor;
    await probes;
    const cycles = submittedAt.filter((t) => t >= measureFrom && t < measureTo).length;
    const sampled = submittedAt.filter((t) => t >= measureTo && t < stopAt).length;
    const claim = summarize(claims);
    const submit = summarize(submits);
    const breakingLatency = summarize(breaking);
    const achieved = rate(cycles, settings.measureMs);

    const who = `${settings.translators} translators at 3-9 s per sentence, a breaking article every 5 s`;
    row(`Human pace (${who}): claim+submit cycles`, `${achieved.toFixed(1)} cycles/s (${cycles} in ${(settings.measureMs / 1000).toFixed(0)} s${empties ? `, ${empties} empty claims` : ''}${errors ? `, ${errors} errors` : ''})`, '≈ 100/s offered');
    row('Human pace: claim latency p50 / p99', `${ms(claim.p50)} / ${ms(claim.p99)} (${claim.n} claims, max ${ms(claim.max)})`, `p99 < 50 ms: ${verdict(claim.p99 < 50)}`);
    row('Human pace: submit latency p50 / p99', `${ms(submit.p50)} / ${ms(submit.p99)} (${submit.n} submits, max ${ms(submit.max)})`, `p99 < 50 ms: ${verdict(submit.p99 < 50)}`);
    row(
      'Human pace: before the window, the backlog\'s memory lookups (lookup queue drained, one article at a time)',
      `${articles} articles, ~${articles * 68} tasks, in ${(backlogLookups.ms / 1000).toFixed(1)} s (${((articles * 68) / (backlogLookups.ms / 1000)).toFixed(0)} tasks/s)`,
    );
    row('Human pace: breaking article POST /articles p50 / p99', `${ms(breakingLatency.p50)} / ${ms(breakingLatency.p99)} (${breakingLatency.n} articles)`);
    const measured = cpu as [CpuSnapshot, CpuSnapshot] | null;
    if (measured) {
      const [before, after] = measured;
      const perCycle = sumOf(cpuMsPer(before, after, cycles), service);
      row('Human pace: CPU, % of one core (CPU ms per cycle)', cpuShare(before, after, cycles));
      row('Human pace: CPU ms per cycle, API + workers + PostgreSQL + Redis', `${perCycle.toFixed(2)} ms`, `≤ 2.5 ms: ${verdict(perCycle <= 2.5)}`);
    }
    const cmdsBefore = cmdsFrom as Map<string, number> | null;
    const cmdsAfter = cmdsTo as Map<string, number> | null;
    if (cmdsBefore && cmdsAfter) {
      const total = [...cmdsAfter.entries()].reduce((sum, [name, calls]) => sum + calls - (cmdsBefore.get(name) ?? 0), 0) / Math.max(1, cycles);
      row('Human pace: Redis commands per cycle, INFO commandstats (whole shared server: an upper bound)', `${commandsPer(cmdsBefore, cmdsAfter, cycles)}; sum ${total.toFixed(1)}`);
    }
    const sample = await (monitored as Promise<MonitorSample> | null);
    if (sample) {
      const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
      const total = (sum(sample.topLevel) + sum(sample.inScripts)) / Math.max(1, sampled);
      row(`Human pace: Redis commands per cycle on this run's connections and keys (MONITOR, round trips + inside scripts)`, total.toFixed(1), `≤ 12: ${verdict(total <= 12)}`);
      row(`Human pace: Redis round trips per cycle from this run's connections (MONITOR, ${sampled} cycles)`, listPer(sample.topLevel, sampled));
      row(`Human pace: commands inside scripts per cycle on this run's keys (MONITOR, ${sampled} cycles)`, listPer(sample.inScripts, sampled));
      row(`Human pace: commands inside scripts per cycle, by the script call that ran them (MONITOR, ${sampled} cycles)`, listPer(sample.inScriptsByCall, sampled, 14));
    }

    process.stderr.write(`bench: human pace: ${settings.flatTranslators} translators flat out, then the HTTP floors\n`);
    const flatTeam = await createTranslators(http, env.adminToken, settings.flatTranslators);
    // CPU and Redis per cycle flat out too: at human pace on a busy box few cycles complete, and the fixed
    // background work (schedulers, the reconciler) divided among them hides what a cycle itself costs.
    // The load generator (this process) is tracked too, apart from the sum, to set beside the floor's.
    const flatCmdsFrom = await redisCommands(redis);
    const {
      result: flat,
      cpu: [flatCpuFrom, flatCpuTo],
    } = await withCpu({ ...groups, bench: [process.pid] }, () => claimSubmit(http, flatTeam, settings.flatMs, settings.flatWarmupMs));
    const flatCmdsTo = await redisCommands(redis);
    const flatRate = rate(flat.cycles, flat.windowMs);
    row(
      `Flat out, same run (${settings.flatTranslators} translators looping)`,
      `${perSecond(flatRate, 'cycles')} (${flat.cycles} in ${(flat.windowMs / 1000).toFixed(1)} s${flat.drained ? ', queue drained' : ''}${flat.errors ? `, ${flat.errors} errors` : ''}; claim p99 ${ms(flat.claim.p99)}, submit p99 ${ms(flat.submit.p99)})`,
    );
    const flatCpu = cpuMsPer(flatCpuFrom, flatCpuTo, flat.completed);
    const flatPerCycle = sumOf(flatCpu, service);
    row(`Flat out: CPU, % of one core (CPU ms per cycle, ${flat.completed} cycles with warm-up)`, cpuShare(flatCpuFrom, flatCpuTo, flat.completed));
    row('Flat out: CPU ms per cycle, API + workers + PostgreSQL + Redis', `${flatPerCycle.toFixed(2)} ms`, `≤ 2.5 ms: ${verdict(flatPerCycle <= 2.5)}`);
    row('Flat out: Redis commands per cycle, INFO commandstats (whole shared server: an upper bound)', commandsPer(flatCmdsFrom, flatCmdsTo, flat.completed));
    // Both floors are driven like the flat-out cycle, with PostgreSQL and the load generator tracked beside them.
    const floorGroups = { postgres: groups.postgres!, bench: [process.pid] };
    const floorRun = await httpFloor(env.databaseUrl, settings.flatTranslators, settings.floorMs, settings.flatWarmupMs, true, floorGroups);
    const floor = floorRun.rate;
    const share = flatRate / floor;
    row(
      `Floor: Express + one durable PostgreSQL UPDATE per request (${settings.flatTranslators} loops, same run; a floor cycle is a /claim and a /submit)`,
      `${perSecond(floor, 'cycles')}, ${perSecond(floor * 2, 'requests')} (flat out reaches ${(share * 100).toFixed(0)}% of it)`,
      `≥ 50%: ${verdict(share >= 0.5)}`,
    );
    if (floorRun.cpu) {
      // A floor cycle is two requests, as a real cycle is: its CPU is "two floor requests".
      const [floorFrom, floorTo] = floorRun.cpu;
      const floorCpu = perFloorRequest(cpuMsPer(floorFrom, floorTo, floorRun.completed));
      const oneRequest = floorCpu.request;
      const twoRequests = 2 * oneRequest;
      row(`Floor: CPU, % of one core (CPU ms per floor cycle of two requests, ${floorRun.completed} cycles with warm-up)`, cpuShare(floorFrom, floorTo, floorRun.completed));
      row(
        'Floor: CPU ms per request, floor server + PostgreSQL',
        `${oneRequest.toFixed(3)} ms (floor server ${floorCpu.server.toFixed(3)}, PostgreSQL ${floorCpu.postgres.toFixed(3)}); load generator ${floorCpu.bench.toFixed(3)} ms more`,
      );
      row(
        'Flat-out cycle against two floor requests: CPU ms (service side; load generator apart)',
        `${flatPerCycle.toFixed(2)} ms against ${twoRequests.toFixed(2)} ms: a cycle costs ${(flatPerCycle / oneRequest).toFixed(1)} floor requests (load generator ${flatCpu.bench!.toFixed(2)} against ${(2 * floorCpu.bench).toFixed(2)} ms)`,
        `2.5 ms is ${(2.5 / oneRequest).toFixed(1)} floor requests`,
      );
      // The same floor with the service's request middleware in front (bench/lib/floor-server.ts,
      // FLOOR_STACK=1): how much of a request's CPU the operational layers take before any handler runs.
      const stackRun = await httpFloor(env.databaseUrl, settings.flatTranslators, settings.floorMs, settings.flatWarmupMs, true, floorGroups, true);
      if (stackRun.cpu) {
        const stackCpu = perFloorRequest(cpuMsPer(stackRun.cpu[0], stackRun.cpu[1], stackRun.completed));
        row(
          'Floor with the service\'s request middleware (access log, metrics, security headers, language; no drain, sign-in, rate limits or NUL guard)',
          `${perSecond(stackRun.rate, 'cycles')}; CPU ms per request ${stackCpu.request.toFixed(3)} (server ${stackCpu.server.toFixed(3)}, PostgreSQL ${stackCpu.postgres.toFixed(3)}): ${(stackCpu.request / oneRequest).toFixed(2)} floor requests`,
        );
      }
    }
  } catch (error) {
    notes.push(`human pace stopped early: ${error instanceof Error ? error.message : String(error)}`);
    for (const child of env.children) if (child.tail.length) notes.push(`${child.name} said: ${child.tail.slice(-5).join(' | ')}`);
  } finally {
    client?.close();
    redis.disconnect();
    await env.cleanup();
  }
  notes.push(`load average (1/5/15 min) ${loadAtStart} at start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end`);
  return { rows, notes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, notes } = await runHumanPaceBench();
  process.stdout.write(markdownReport(`Dragoman human-pace bench, ${new Date().toISOString()}`, rows, notes));
  process.exit(rows.length ? 0 : 1);
}
