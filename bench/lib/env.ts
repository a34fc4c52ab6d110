import { deleteKeysWithPrefix } from '../../src/queues/prefix.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchMetricsToken } from '../metrics-cost.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const baseDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A named child process whose last output lines are kept, so a crash can be explained in the report. */
export interface Child {
  name: string;
  process: ChildProcess;
  tail: string[];
}

/**
 * One bench run's world: a fresh database, a unique Redis prefix, the API and the workers as separate
 * processes. Separate processes because a load generator sharing the server's event loop would measure
 * itself; plain `node` on the built output rather than `npm start` so the pid we hold is the server itself
 * (npm adds a parent process, and /proc/<pid>/status of that would report the wrong RSS).
 */
export class BenchEnv {
  readonly name = `dragoman_bench_${randomBytes(4).toString('hex')}`;
  /** Extra environment for both children (a scenario's own configuration, e.g. machine translation). */
  constructor(private readonly extraEnv: Record<string, string> = {}) {}

  readonly adminToken = randomBytes(24).toString('base64url');
  readonly children: Child[] = [];
  port = 0;

  get databaseUrl(): string {
    const url = new URL(baseDatabaseUrl);
    url.pathname = `/${this.name}`;
    // What-if knob for the servers' sessions only, e.g. BENCH_PG_OPTIONS='-c synchronous_commit=off'.
    if (process.env.BENCH_PG_OPTIONS) url.searchParams.set('options', process.env.BENCH_PG_OPTIONS);
    return url.toString();
  }

  get baseUrl(): URL {
    return new URL(`http://127.0.0.1:${this.port}`);
  }

  async start(): Promise<void> {
    this.port = await freePort();
    // The API migrates the database first; the workers start after it is ready so the two don't race.
    // BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the API (written when it exits).
    // The built output, as production runs it (`npm run bench` builds first when the sources changed).
    this.spawn('api', 'dist/src/api-main.js', (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean));
    await this.waitReady(60_000);
    this.spawn('workers', 'dist/workers/main.js', (process.env.BENCH_WORKERS_NODE_ARGS ?? '').split(' ').filter(Boolean));
  }

  private spawn(name: string, script: string, nodeArgs: string[] = []): void {
    const env = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: redisUrl,
      DRAGOMAN_QUEUE_PREFIX: this.name,
      DRAGOMAN_ADMIN_TOKEN: this.adminToken,
      DRAGOMAN_PUBLIC_URL: this.baseUrl.toString(),
      PORT: String(this.port),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      // 50 simulated translators claim far faster than people: the limits stay on (their cost is measured) but out of reach.
      DRAGOMAN_RATE_LIMIT_CLAIMS: '1000000000',
      DRAGOMAN_RATE_LIMIT_ARTICLES: '1000000000',
      DRAGOMAN_RATE_LIMIT_AUTH_FAILURES: '1000000000',
      DRAGOMAN_METRICS_TOKEN: benchMetricsToken,
      // The scenarios translate into French (XLIFF) and German and Spanish (machine translation) besides the
      // default languages: the installation must accept them, or their articles are refused.
      DRAGOMAN_LANGUAGES: process.env.DRAGOMAN_LANGUAGES ?? 'en,ru,ar,es,uk,fr,de',
      ...this.extraEnv,
      // Names the child's files when bench/lib/pg-trace-hook.mjs is loaded into it (bench/pg-cycle.ts).
      PG_TRACE_NAME: name,
    };
    const child = spawn(process.execPath, [...nodeArgs, script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry: Child = { name, process: child, tail: [] };
    const keep = (chunk: Buffer) => {
      entry.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      entry.tail.splice(0, Math.max(0, entry.tail.length - 20));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.children.push(entry);
  }

  child(name: string): Child {
    return this.children.find((c) => c.name === name)!;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    const api = this.child('api');
    while (Date.now() < until) {
      if (api.process.exitCode !== null) throw new Error(`API exited early:\n${api.tail.join('\n')}`);
      const ok = await fetch(new URL('/readyz', this.baseUrl)).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`API not ready after ${timeoutMs} ms:\n${api.tail.join('\n')}`);
  }

  /** Resident memory of a child in MiB, from the kernel's own count. */
  rssMiB(name: string): number | null {
    const pid = this.child(name)?.process.pid;
    if (!pid) return null;
    try {
      const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** Children first (so nothing holds the database), then the database, then the prefix's keys. */
  async cleanup(): Promise<void> {
    await Promise.all(this.children.map((child) => stop(child.process)));
    const admin = new pg.Client({ connectionString: baseDatabaseUrl });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(this.name)} WITH (FORCE)`);
    } catch (error) {
      process.stderr.write(`bench: could not drop ${this.name}: ${String(error)}\n`);
    } finally {
      await admin.end().catch(() => undefined);
    }
    await deletePrefix(this.name).catch((error) => process.stderr.write(`bench: redis cleanup failed: ${String(error)}\n`));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // The service's own shutdown waits up to 10 s; we don't.
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function deletePrefix(prefix: string): Promise<void> {
  await deleteKeysWithPrefix(redisUrl, prefix);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function sleep(msDelay: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msDelay));
}
