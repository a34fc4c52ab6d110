/**
 * Where one claim+submit cycle's Redis commands go, request by request. Starts the built API and workers
 * (as `npm run bench` does), loads a few articles, then runs cycles one at a time (translators taking turns)
 * under MONITOR, with a marker command from the bench before each request. Every command is attributed:
 * - to the request it happened during when it came from the API process (claim, submit);
 * - to the workers process otherwise (background ticks and the work a cycle causes there, e.g. assembly);
 * and a script's inner commands (MONITOR shows them right after the script call) to that script, named by
 * BullMQ's script name when the SHA is one of BullMQ's, else by the shape of its first key.
 *
 * The count is of commands, not time: it means the same on a busy box. The workers' share includes their
 * periodic work, which at human pace is divided among ~100 cycles a second, not among the few cycles a
 * second this sequential run makes: read the per-request rows for the cycle's own cost and the human-pace
 * bench for the whole. `npx tsx bench/redis-cycle.ts` after `npm run build`; knobs BENCH_CYCLE_COUNT (60),
 * BENCH_CYCLE_ARTICLES (4), BENCH_CYCLE_TRANSLATORS (6).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createTranslators, createUser, ingest } from './core.js';
import { BenchEnv, redisUrl, sleep } from './lib/env.js';
import { fakeTranslation } from './lib/fake-translation.js';
import { Client } from './lib/http.js';

const api = '/api/v1';
const cycles = Number(process.env.BENCH_CYCLE_COUNT ?? 60);
const articles = Number(process.env.BENCH_CYCLE_ARTICLES ?? 4);
const translatorCount = Number(process.env.BENCH_CYCLE_TRANSLATORS ?? 6);

/** SHA1 of each BullMQ script's source, as ioredis loads them: names the EVALSHA calls. */
async function bullmqScripts(): Promise<Map<string, string>> {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('bullmq')), 'scripts');
  const names = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.js') || file === 'index.js') continue;
    const module = (await import(join(dir, file))) as Record<string, { name?: string; content?: string }>;
    for (const script of Object.values(module)) {
      if (script?.content && script.name) names.set(createHash('sha1').update(script.content).digest('hex'), script.name);
    }
  }
  return names;
}

/** Local ports of a process's TCP connections to Redis, from `ss`. */
function redisPortsOf(pid: number, redisPort: number): Set<string> {
  const out = execFileSync('ss', ['-tnpH'], { encoding: 'utf8' });
  const ports = new Set<string>();
  for (const line of out.split('\n')) {
    if (!line.includes(`pid=${pid},`)) continue;
    const cols = line.trim().split(/\s+/);
    const local = cols[3] ?? '';
    const peer = cols[4] ?? '';
    if (peer.endsWith(`:${redisPort}`)) ports.add(local);
  }
  return ports;
}

interface Line {
  source: string;
  command: string;
  args: string[];
}

function parse(line: string): Line | null {
  const match = /^\+?\S+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!match) return null;
  const args = [...match[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
  if (args.length === 0) return null;
  return { source: match[1]!, command: args[0]!.toLowerCase(), args: args.slice(1) };
}

/** What a top-level command is, for the table: script name or command, with its key's shape. */
function label(line: Line, prefix: string, scripts: Map<string, string>): string {
  const shape = (key: string) =>
    key
      .replace(`${prefix}:`, '')
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '*')
      .replace(/\b\d+\b/g, '*');
  if (line.command === 'evalsha' || line.command === 'eval') {
    const name = scripts.get(line.args[0] ?? '') ?? (line.command === 'eval' ? 'eval' : `sha ${line.args[0]?.slice(0, 8)}`);
    const firstKey = Number(line.args[1]) > 0 ? shape(line.args[2] ?? '') : '';
    return `${name} ${firstKey.split(':').slice(0, -1).join(':') || firstKey}`;
  }
  const key = line.args.find((a) => a.startsWith(`${prefix}:`));
  return key ? `${line.command} ${shape(key).split(':').slice(0, 2).join(':')}` : line.command;
}

class Tally {
  readonly top = new Map<string, number>();
  readonly inner = new Map<string, number>();
  readonly innerByScript = new Map<string, Map<string, number>>();
  add(map: Map<string, number>, key: string, n = 1) {
    map.set(key, (map.get(key) ?? 0) + n);
  }
  total(): number {
    return [...this.top.values(), ...this.inner.values()].reduce((a, b) => a + b, 0);
  }
}

async function main() {
  const scripts = await bullmqScripts();
  const env = new BenchEnv();
  const client = new Client(new URL('http://127.0.0.1'), 16);
  const marker = new Redis(redisUrl);
  try {
    await env.start();
    const http = new Client(env.baseUrl, 16);
    const editor = await createUser(http, env.adminToken, ['editor']);
    await ingest(http, [editor, editor], articles);
    const translators = await createTranslators(http, env.adminToken, translatorCount);
    // Warm up: everyone claims and submits once, and the workers settle (lookups of the new articles).
    for (const t of translators) {
      const claimed = await http.expect([200], 'POST', `${api}/tasks/claim`, t.token, {});
      await http.expect([200], 'POST', `${api}/tasks/${claimed.body.id as string}/submit`, t.token, { text: fakeTranslation(claimed.body.source, t.locale) });
    }
    await sleep(3_000);
    const redisPort = Number(new URL(redisUrl).port || 6379);
    const apiPorts = redisPortsOf(env.child('api').process.pid!, redisPort);
    const workerPorts = redisPortsOf(env.child('workers').process.pid!, redisPort);

    const tallies = { claim: new Tally(), submit: new Tally(), 'api (between requests)': new Tally(), workers: new Tally(), other: new Tally() };
    type Phase = keyof typeof tallies;
    let phase: Phase = 'api (between requests)';
    let lastScript: { tally: Tally; name: string } | null = null;
    const url = new URL(redisUrl);
    const socket = connect(redisPort, url.hostname);
    let buffer = '';
    let seen = 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\r\n')) >= 0) {
        const raw = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const line = parse(raw);
        if (!line) continue;
        if (line.command === 'echo' && line.args[0]?.startsWith(`${env.name}:mark:`)) {
          phase = line.args[0].slice(`${env.name}:mark:`.length) as Phase;
          lastScript = null;
          continue;
        }
        if (line.source === 'lua') {
          if (!lastScript) continue;
          const name = line.command.toLowerCase();
          lastScript.tally.add(lastScript.tally.inner, name);
          const per = lastScript.tally.innerByScript.get(lastScript.name) ?? new Map<string, number>();
          per.set(name, (per.get(name) ?? 0) + 1);
          lastScript.tally.innerByScript.set(lastScript.name, per);
          continue;
        }
        const port = line.source.replace(/^.*?(\d+\.\d+\.\d+\.\d+:\d+)$/, '$1');
        const tally = apiPorts.has(port) ? tallies[phase] : workerPorts.has(port) ? tallies.workers : null;
        if (!tally) {
          lastScript = null;
          continue;
        }
        seen++;
        const name = label(line, env.name, scripts);
        tally.add(tally.top, name);
        lastScript = line.command === 'evalsha' || line.command === 'eval' ? { tally, name } : null;
      }
    });
    socket.write('MONITOR\r\n');
    await sleep(200);
    const mark = async (phaseName: Phase) => {
      await marker.echo(`${env.name}:mark:${phaseName}`);
    };
    const started = performance.now();
    let done = 0;
    for (let i = 0; i < cycles; i++) {
      const t = translators[i % translators.length]!;
      await mark('claim');
      const claimed = await http.request('POST', `${api}/tasks/claim`, t.token, {});
      await mark('api (between requests)');
      if (claimed.status !== 200) throw new Error(`claim answered ${claimed.status}`);
      await mark('submit');
      const submitted = await http.request('POST', `${api}/tasks/${claimed.body.id as string}/submit`, t.token, {
        text: fakeTranslation(claimed.body.source as string, t.locale),
      });
      await mark('api (between requests)');
      if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}`);
      done++;
    }
    const seconds = (performance.now() - started) / 1000;
    await sleep(300);
    socket.destroy();
    process.stdout.write(`\n${done} cycles in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(1)}/s); ${seen} top-level commands seen\n`);
    for (const [name, tally] of Object.entries(tallies)) {
      if (tally.total() === 0) continue;
      const topSum = [...tally.top.values()].reduce((a, b) => a + b, 0);
      const innerSum = [...tally.inner.values()].reduce((a, b) => a + b, 0);
      process.stdout.write(`\n## ${name}: ${(tally.total() / done).toFixed(2)} per cycle (${(topSum / done).toFixed(2)} round-trip commands + ${(innerSum / done).toFixed(2)} inside scripts)\n`);
      for (const [label, n] of [...tally.top.entries()].sort((a, b) => b[1] - a[1])) {
        const inner = tally.innerByScript.get(label);
        const innerN = inner ? [...inner.values()].reduce((a, b) => a + b, 0) : 0;
        const detail = inner ? ` + ${(innerN / done).toFixed(2)} inside: ${[...inner.entries()].sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c} ${(k / n).toFixed(1)}`).join(', ')} per call` : '';
        process.stdout.write(`- ${label}: ${(n / done).toFixed(2)}${detail}\n`);
      }
    }
  } finally {
    client.close();
    marker.disconnect();
    await env.cleanup();
  }
}

await main();
process.exit(0);
