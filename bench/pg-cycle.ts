/**
 * What one claim+submit cycle asks of PostgreSQL, statement by statement, in counts that do not depend on how
 * busy the box is. Starts the built API and workers with bench/lib/pg-trace-hook.mjs loaded (it counts every
 * statement each process sends, by the HTTP request it served or "background"), loads a few articles, lets
 * the workers settle, then:
 *  1. an idle window (no requests): what the workers and API ask of PostgreSQL per second on their own;
 *  2. BENCH_PG_CYCLES cycles run one at a time (translators taking turns, each claim finding its continuity
 *     candidate as at human pace), then a second for the work they cause in the workers (memory, assembly).
 * For each window: statements (calls, rows, round-trip ms as the client saw it), this database's counters
 * (pg_stat_database, pg_stat_user_tables) and the WAL its records took (pg_waldump over the window's LSN
 * range, records of this database's relations and the commits of their transactions). Optionally CPU
 * profiles of both processes over the cycles (BENCH_PG_PROFILE_DIR=/tmp/prof); with PG_TRACE_COUNT=0 the
 * hook counts nothing and only profiles, so the profile holds the service's own JavaScript and not the
 * hook's (the statement tables are then empty). `npx tsx bench/profile-top.ts <file> <cycles>` lists it.
 *
 * `npm run build && npx tsx bench/pg-cycle.ts`; knobs BENCH_PG_CYCLES (200), BENCH_PG_IDLE_MS (5000),
 * BENCH_CYCLE_ARTICLES (6), BENCH_CYCLE_TRANSLATORS (6). Needs read access to the server's pg_wal for the
 * WAL figures (skipped otherwise).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTranslators, createUser, ingest } from './core.js';
import { BenchEnv, sleep } from './lib/env.js';
import { fakeTranslation } from './lib/fake-translation.js';
import { Client } from './lib/http.js';
import { cpuMsPer, cpuSnapshot } from './lib/probe.js';

const api = '/api/v1';
let cycles = Number(process.env.BENCH_PG_CYCLES ?? 200);
/**
 * Paced mode (BENCH_PG_PACED_TRANSLATORS=n): instead of cycles one at a time, n translators each claim, wait
 * 1 to 3 s (uniform), submit and claim again for BENCH_PG_PACED_MS (20000), so claims and submits overlap
 * as at human pace and the batched statements (coalesce.ts) form batches; the cycles are the submits done.
 */
const pacedTranslators = Number(process.env.BENCH_PG_PACED_TRANSLATORS ?? 0);
const pacedMs = Number(process.env.BENCH_PG_PACED_MS ?? 20_000);
const idleMs = Number(process.env.BENCH_PG_IDLE_MS ?? 5000);
const articles = Number(process.env.BENCH_CYCLE_ARTICLES ?? 6);
const translatorCount = Number(process.env.BENCH_CYCLE_TRANSLATORS ?? 6);
const hook = fileURLToPath(new URL('./lib/pg-trace-hook.mjs', import.meta.url));
const traceDir = mkdtempSync(join(tmpdir(), 'pg-cycle-'));
const profileDir = process.env.BENCH_PG_PROFILE_DIR;

interface Entry {
  ctx: string;
  text: string;
  calls: number;
  rows: number;
  ms: number;
  failed: number;
  callers: Record<string, number>;
}

type Counters = Record<string, number>;

async function counters(db: pg.Pool, name: string): Promise<{ database: Counters; tables: Record<string, Counters> }> {
  // A connection to the bench's own database: pg_stat_user_tables only shows the current database.
  await db.query('SELECT pg_stat_clear_snapshot()');
  const d = await db.query(
    `SELECT xact_commit, xact_rollback, blks_read, blks_hit, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted
       FROM pg_stat_database WHERE datname = $1`,
    [name],
  );
  const t = await db.query(
    `SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) AS idx_scan, coalesce(idx_tup_fetch, 0) AS idx_tup_fetch,
            n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables`,
  );
  const toNumbers = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'relname').map(([k, v]) => [k, Number(v)]));
  return { database: toNumbers(d.rows[0]), tables: Object.fromEntries(t.rows.map((r) => [r.relname as string, toNumbers(r)])) };
}

function diff(a: Counters, b: Counters): Counters {
  return Object.fromEntries(Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]));
}

/** WAL bytes of this database's records (and its transactions' commits) between two LSNs, by resource manager and relation. */
function walOf(dataDir: string, dbOid: number, start: string, end: string, relNames: Map<string, string>) {
  const walDir = join(dataDir, 'pg_wal');
  if (!existsSync(walDir)) return null;
  let out: string;
  try {
    // Filtered as it streams: the whole server's WAL (other databases included) can be far larger than
    // what this database wrote, too large to hold as text.
    const errors = join(tmpdir(), `pg-cycle-waldump-${process.pid}.err`);
    const waldump = `/usr/lib/postgresql/15/bin/pg_waldump -p '${walDir}' -s ${start} -e ${end} 2>'${errors}' | grep -E 'rel [0-9]+/${dbOid}/|^rmgr: Transaction'; cat '${errors}' >&2`;
    out = execFileSync('sh', ['-c', waldump], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '');
    const message = String((error as { stderr?: string }).stderr ?? '').trim();
    if (message) process.stderr.write(`pg_waldump ${start}..${end}: ${message}\n`);
  }
  const ours = new Set<string>();
  const byKind = new Map<string, { records: number; bytes: number }>();
  let records = 0;
  let bytes = 0;
  let commits = 0;
  const lines = out.split('\n');
  const parsed = lines.map((line) => {
    const m = /^rmgr: (\S+)\s+len \(rec\/tot\):\s+\d+\/\s*(\d+), tx:\s+(\d+), .*desc: (\S+)(.*)$/.exec(line);
    return m ? { rmgr: m[1]!, tot: Number(m[2]), tx: m[3]!, desc: m[4]!, rest: m[5]! } : null;
  });
  for (const r of parsed) {
    if (!r) continue;
    const rel = new RegExp(`rel \\d+/${dbOid}/(\\d+)`).exec(r.rest);
    if (!rel) continue;
    if (r.tx !== '0') ours.add(r.tx);
    records++;
    bytes += r.tot;
    const key = `${r.rmgr} ${r.desc} ${relNames.get(rel[1]!) ?? rel[1]}`;
    const k = byKind.get(key) ?? { records: 0, bytes: 0 };
    k.records++;
    k.bytes += r.tot;
    byKind.set(key, k);
  }
  for (const r of parsed) {
    if (!r || r.rmgr !== 'Transaction' || !ours.has(r.tx)) continue;
    commits++;
    records++;
    bytes += r.tot;
    const key = `Transaction ${r.desc}`;
    const k = byKind.get(key) ?? { records: 0, bytes: 0 };
    k.records++;
    k.bytes += r.tot;
    byKind.set(key, k);
  }
  return { records, bytes, commits, transactions: ours.size, byKind };
}

function load(name: string, index: number): { seconds: number; entries: Entry[] } {
  return JSON.parse(readFileSync(join(traceDir, `${name}-${index}.json`), 'utf8'));
}

function printStatements(title: string, entries: Entry[], divisor: number, unit: string) {
  const total = entries.reduce((n, e) => n + e.calls, 0);
  process.stdout.write(`\n### ${title}: ${(total / divisor).toFixed(2)} statements per ${unit}\n\n`);
  process.stdout.write(`| Context | Statement | Calls per ${unit} | Rows per call | ms per call (round trip) | Called from |\n| --- | --- | --- | --- | --- | --- |\n`);
  for (const e of [...entries].sort((a, b) => a.ctx.localeCompare(b.ctx) || b.calls - a.calls)) {
    const from = Object.entries(e.callers).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([c]) => c).join('; ');
    const text = e.text.replace(/\|/g, '\\|').slice(0, 140);
    process.stdout.write(`| ${e.ctx} | \`${text}\` | ${(e.calls / divisor).toFixed(3)} | ${(e.rows / e.calls).toFixed(1)} | ${(e.ms / e.calls).toFixed(2)} | ${from} |\n`);
  }
}

async function main() {
  const nodeArgs = `--import ${hook}`;
  process.env.BENCH_API_NODE_ARGS = nodeArgs;
  process.env.BENCH_WORKERS_NODE_ARGS = nodeArgs;
  const extra: Record<string, string> = { PG_TRACE_DIR: traceDir };
  if (profileDir) extra.PG_TRACE_PROFILE = '2';
  const env = new BenchEnv(extra);
  // One-connection pools, not clients: a connection ended from outside (another run's administrator command,
  // seen on the shared server) is replaced on the next query instead of failing the run.
  const admin = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
  try {
    admin.on('error', (error) => process.stderr.write(`pg-cycle: admin connection: ${error.message}\n`));
    await env.start();
    const http = new Client(env.baseUrl, pacedTranslators > 0 ? Math.min(pacedTranslators, 256) : 16);
    const editor = await createUser(http, env.adminToken, ['editor']);
    await ingest(http, [editor, editor], articles);
    const translators = await createTranslators(http, env.adminToken, pacedTranslators > 0 ? pacedTranslators : translatorCount);
    for (const t of translators) {
      const claimed = await http.expect([200], 'POST', `${api}/tasks/claim`, t.token, {});
      await http.expect([200], 'POST', `${api}/tasks/${claimed.body.id as string}/submit`, t.token, { text: fakeTranslation(claimed.body.source, t.locale) });
    }
    // Let the workers finish the new articles' memory lookups: wait until this database commits fewer than
    // 20 transactions a second (the periodic ticks alone make about 10).
    const own = new pg.Pool({ connectionString: env.databaseUrl, max: 1 });
    own.on('error', (error) => process.stderr.write(`pg-cycle: own connection: ${error.message}\n`));
    const commits = async () => Number((await own.query('SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()').then((r) => (r as unknown as pg.QueryResult[])[1]!.rows[0].xact_commit)));
    for (let quiet = 0, last = await commits(), i = 0; quiet < 2 && i < 120; i++) {
      await sleep(1_500);
      const now = await commits();
      quiet = (now - last) / 1.5 < 20 ? quiet + 1 : 0;
      last = now;
    }
    const pids = { api: env.child('api').process.pid!, workers: env.child('workers').process.pid! };
    const signal = async () => {
      process.kill(pids.api, 'SIGUSR2');
      process.kill(pids.workers, 'SIGUSR2');
      await sleep(300);
    };
    const dbOid = Number((await admin.query('SELECT oid FROM pg_database WHERE datname = $1', [env.name])).rows[0].oid);
    const dataDir = String((await admin.query('SHOW data_directory')).rows[0].data_directory);
    const lsn = async () => String((await admin.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l);

    await signal(); // 0: set-up and warm-up, discarded
    await sleep(1_100);
    const c0 = await counters(own, env.name);
    const l0 = await lsn();
    await signal(); // 1: start of the idle window
    await sleep(idleMs);
    await signal(); // 2: end of idle, start of cycles (and of the profiles)
    await sleep(1_100);
    const c1 = await counters(own, env.name);
    const l1 = await lsn();
    const processes = { api: [pids.api], workers: [pids.workers] };
    const cpuFrom = cpuSnapshot(processes);
    const started = performance.now();
    if (pacedTranslators > 0) {
      const until = started + pacedMs;
      let done = 0;
      await Promise.all(
        translators.map(async (t, k) => {
          await sleep((k / translators.length) * 2_000);
          while (performance.now() < until) {
            const claimed = await http.request('POST', `${api}/tasks/claim`, t.token, {});
            if (claimed.status !== 200) throw new Error(`claim answered ${claimed.status}`);
            await sleep(1_000 + Math.random() * 2_000);
            const submitted = await http.request('POST', `${api}/tasks/${claimed.body.id as string}/submit`, t.token, {
              text: fakeTranslation(claimed.body.source as string, t.locale),
            });
            if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
            done++;
          }
        }),
      );
      cycles = done;
    }
    for (let i = 0; pacedTranslators === 0 && i < cycles; i++) {
      const t = translators[i % translators.length]!;
      const claimed = await http.request('POST', `${api}/tasks/claim`, t.token, {});
      if (claimed.status !== 200) throw new Error(`claim answered ${claimed.status}`);
      const submitted = await http.request('POST', `${api}/tasks/${claimed.body.id as string}/submit`, t.token, {
        text: fakeTranslation(claimed.body.source as string, t.locale),
      });
      if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
    }
    const cycleSeconds = (performance.now() - started) / 1000;
    const cpuTo = cpuSnapshot(processes);
    await sleep(1_000);
    await signal(); // 3: end of cycles
    await sleep(1_100);
    const c2 = await counters(own, env.name);
    const l2 = await lsn();

    // 3. One new article (a breaking story): what the workers ask of PostgreSQL to look up its sentences'
    // suggestions, per task. At a steady state every task is looked up once, so this is per cycle too.
    const before = await commits();
    const fresh = await ingest(http, [editor], 1, 'breaking');
    const freshTasks = Object.values(fresh.articles[0]!.totals).reduce((a, b) => a + b, 0);
    for (let quiet = 0, last = before, i = 0; quiet < 2 && i < 120; i++) {
      await sleep(1_500);
      const now = await commits();
      quiet = (now - last) / 1.5 < 20 ? quiet + 1 : 0;
      last = now;
    }
    await signal(); // 4: end of the new article's lookups

    const idleApi = load('api', 2);
    const idleWorkers = load('workers', 2);
    const cycApi = load('api', 3);
    const cycWorkers = load('workers', 3);
    process.stdout.write(`\n${cycles} cycles in ${cycleSeconds.toFixed(1)} s; idle window ${idleApi.seconds.toFixed(1)} s; cycle window ${cycApi.seconds.toFixed(1)} s\n`);
    // Process CPU (/proc ticks of 10 ms) over the cycles alone; a profile, when taken, adds its own cost.
    const cpu = cpuMsPer(cpuFrom, cpuTo, cycles);
    process.stdout.write(`CPU ms per cycle (/proc, ${profileDir ? 'profiler on' : 'no profiler'}): API ${cpu.api!.toFixed(3)}, workers ${cpu.workers!.toFixed(3)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    printStatements('API during the cycles', cycApi.entries, cycles, 'cycle');
    printStatements('Workers during the cycles', cycWorkers.entries, cycles, 'cycle');
    const article = load('workers', 4);
    printStatements(`Workers, one new article of ${freshTasks} tasks (lookups; includes ${article.seconds.toFixed(1)} s of ticks)`, article.entries, freshTasks, 'task');
    printStatements('API, idle', idleApi.entries, idleApi.seconds, 'second');
    printStatements('Workers, idle', idleWorkers.entries, idleWorkers.seconds, 'second');

    const relNames = new Map<string, string>();
    for (const r of (await own.query(`SELECT relfilenode::text AS f, relname FROM pg_class WHERE relfilenode <> 0`)).rows) relNames.set(r.f, r.relname);
    await own.end();
    for (const [title, a, b, la, lb, divisor, unit] of [
      ['idle', c0, c1, l0, l1, idleMs / 1000, 'second'],
      ['cycles', c1, c2, l1, l2, cycles, 'cycle'],
    ] as const) {
      const d = diff(a.database, b.database);
      process.stdout.write(`\n### Database counters, ${title} (per ${unit})\n\n`);
      process.stdout.write(Object.entries(d).map(([k, v]) => `${k} ${(v / divisor).toFixed(2)}`).join(', ') + '\n\n');
      process.stdout.write(`| Table | seq_scan | seq_tup_read | idx_scan | idx_tup_fetch | ins | upd | hot upd | del |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n`);
      for (const [table, after] of Object.entries(b.tables)) {
        const t = diff(a.tables[table] ?? {}, after);
        if (Object.values(t).every((v) => v === 0)) continue;
        const f = (k: string) => ((t[k] ?? 0) / divisor).toFixed(2);
        process.stdout.write(`| ${table} | ${f('seq_scan')} | ${f('seq_tup_read')} | ${f('idx_scan')} | ${f('idx_tup_fetch')} | ${f('n_tup_ins')} | ${f('n_tup_upd')} | ${f('n_tup_hot_upd')} | ${f('n_tup_del')} |\n`);
      }
      const wal = walOf(dataDir, dbOid, la, lb, relNames);
      if (!wal) {
        process.stdout.write('\n(WAL: pg_wal not readable)\n');
        continue;
      }
      process.stdout.write(`\nWAL of this database: ${(wal.bytes / divisor).toFixed(0)} bytes, ${(wal.records / divisor).toFixed(2)} records, ${(wal.commits / divisor).toFixed(2)} commits, ${(wal.transactions / divisor).toFixed(2)} writing transactions per ${unit}\n\n`);
      process.stdout.write(`| WAL record (rmgr, kind, relation) | records per ${unit} | bytes per ${unit} |\n| --- | --- | --- |\n`);
      for (const [k, v] of [...wal.byKind.entries()].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, 30)) {
        process.stdout.write(`| ${k} | ${(v.records / divisor).toFixed(2)} | ${(v.bytes / divisor).toFixed(0)} |\n`);
      }
    }
    if (profileDir) {
      execFileSync('cp', [join(traceDir, 'api-3.cpuprofile'), join(traceDir, 'workers-3.cpuprofile'), profileDir]);
      process.stdout.write(`\nCPU profiles of the cycles: ${profileDir}/api-3.cpuprofile, ${profileDir}/workers-3.cpuprofile\n`);
    }
    process.stdout.write(`\nTraces: ${traceDir}\n`);
  } finally {
    await admin.end().catch(() => undefined);
    await env.cleanup();
  }
}

await main();
process.exit(0);
