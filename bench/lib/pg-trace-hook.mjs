// Loaded into the API and workers by bench/pg-cycle.ts (`node --import <this file>`), never in production.
// Counts every statement a process sends to PostgreSQL: calls, rows, round-trip time, and what asked for it
// (the HTTP request being served, or "background" in the workers), plus the first frames of our own code
// that sent it. SIGUSR2 writes what was counted since the last signal to PG_TRACE_DIR and starts counting
// afresh; with PG_TRACE_PROFILE=<n> it also starts a CPU profile at the n-th signal (counting from 0) and stops
// and writes it at the next one, so a profile covers exactly the measured cycles. PG_TRACE_COUNT=0 leaves
// pg and http untouched (no statements counted, the files list none): a profile without the hook's own
// stack capture and async context in it, which otherwise cost about as much as a cycle's JavaScript.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const dir = process.env.PG_TRACE_DIR ?? '/tmp';
const label = process.env.PG_TRACE_NAME ?? 'process';
const context = new AsyncLocalStorage();
let stats = new Map();
let seq = 0;
let started = Date.now();

const counting = process.env.PG_TRACE_COUNT !== '0';
const emit = http.Server.prototype.emit;
if (counting) http.Server.prototype.emit = function (event, req, ...rest) {
  if (event !== 'request') return emit.call(this, event, req, ...rest);
  const path = String(req.url ?? '').split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
  return context.run(`${req.method} ${path}`, () => emit.call(this, event, req, ...rest));
};

function callers() {
  const frames = (new Error().stack ?? '').split('\n').slice(2);
  const ours = [];
  for (const frame of frames) {
    const match = /\/dist\/((?:src|workers)\/[^:)]+):(\d+)/.exec(frame);
    if (!match || match[1].endsWith('pool.js') || match[1].endsWith('coalesce.js')) continue;
    ours.push(`${match[1].replace(/\.js$/, '')}:${match[2]}`);
    if (ours.length === 3) break;
  }
  return ours.join(' < ');
}

function record(key, ctx, caller, rows, ms, failed) {
  const id = `${ctx}\u0000${key}`;
  let entry = stats.get(id);
  if (!entry) {
    entry = { ctx, text: key, calls: 0, rows: 0, ms: 0, failed: 0, callers: {} };
    stats.set(id, entry);
  }
  entry.calls++;
  entry.rows += rows;
  entry.ms += ms;
  if (failed) entry.failed++;
  entry.callers[caller] = (entry.callers[caller] ?? 0) + 1;
}

const query = pg.Client.prototype.query;
if (counting) pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === 'string' ? config : (config?.text ?? config?.name ?? '?');
  const key = String(text).replace(/\s+/g, ' ').trim().slice(0, 240);
  const ctx = context.getStore() ?? 'background';
  const caller = callers();
  const t0 = performance.now();
  const done = (error, result) => {
    const rows = Array.isArray(result) ? result.reduce((n, r) => n + (r?.rowCount ?? 0), 0) : (result?.rowCount ?? 0);
    record(key, ctx, caller, rows ?? 0, performance.now() - t0, Boolean(error));
  };
  if (typeof config?.submit === 'function') {
    record(key, ctx, caller, 0, 0, false);
    return query.call(this, config, values, callback);
  }
  const cb = typeof values === 'function' ? values : typeof callback === 'function' ? callback : typeof config?.callback === 'function' ? config.callback : null;
  if (cb) {
    const wrapped = (error, result) => {
      done(error, result);
      cb(error, result);
    };
    if (typeof values === 'function') return query.call(this, config, wrapped);
    if (typeof callback === 'function') return query.call(this, config, values, wrapped);
    config.callback = wrapped;
    return query.call(this, config, values);
  }
  const result = query.call(this, config, values);
  if (result && typeof result.then === 'function') {
    result.then((r) => done(null, r), (e) => done(e, null));
  }
  return result;
};

const profileFrom = process.env.PG_TRACE_PROFILE === undefined ? -1 : Number(process.env.PG_TRACE_PROFILE);
const session = profileFrom >= 0 ? new Session() : null;
let profiling = false;
if (session) session.connect();
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));

process.on('SIGUSR2', async () => {
  const index = seq++;
  const file = join(dir, `${label}-${index}.json`);
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(file, JSON.stringify({ label, pid: process.pid, seconds, entries: [...stats.values()] }));
  stats = new Map();
  started = Date.now();
  if (!session) return;
  if (index === profileFrom) {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    profiling = true;
  } else if (profiling && index === profileFrom + 1) {
    const { profile } = await post('Profiler.stop');
    writeFileSync(join(dir, `${label}-${index}.cpuprofile`), JSON.stringify(profile));
    profiling = false;
  }
});
