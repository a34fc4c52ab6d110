import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startApi } from '../../src/server.js';
import { createUser } from '../../src/services/users.js';
import { putLocaleSettings } from '../../src/services/locale-settings.js';
import { qaCodes } from '../../src/domain/qa/index.js';
import { migrate } from '../../src/storage/migrate.js';
import { deleteKeysWithPrefix } from '../../src/queues/prefix.js';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers.js';

const baseDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Tests drive hundreds of simulated people from one address: the abuse limits are raised out of reach.
 * A test of the limits themselves sets its own.
 */
export const unthrottled = {
  DRAGOMAN_RATE_LIMIT_AUTH_FAILURES: '1000000',
  DRAGOMAN_RATE_LIMIT_CLAIMS: '1000000',
  DRAGOMAN_RATE_LIMIT_ARTICLES: '1000000',
};

/**
 * The installation's languages (DRAGOMAN_LANGUAGES) widened for files that give each scenario a language
 * pair of its own, so one scenario's queued work never meets another's translator.
 */
export const manyLanguages = {
  DRAGOMAN_LANGUAGES: 'en,ru,ar,es,uk,de,fr,it,pt,tr',
};

/** A database and a Redis prefix of its own for one test file: files run in parallel and never meet. */
export interface Isolated {
  name: string;
  config: Config;
  drop(): Promise<void>;
}

export async function isolate(overrides: Record<string, string> = {}): Promise<Isolated> {
  const name = `dragoman_t_${randomBytes(5).toString('hex')}`;
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    REDIS_URL: redisUrl,
    DRAGOMAN_QUEUE_PREFIX: name,
    DRAGOMAN_PUBLIC_URL: 'http://dragoman.test',
    DRAGOMAN_STALLED_CHECK_MS: '300',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...unthrottled,
    ...overrides,
  });
  await migrate(config.databaseUrl);
  return {
    name,
    config,
    async drop() {
      const admin = new pg.Client({ connectionString: baseDatabaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
      await deleteRedisPrefix(name);
    },
  };
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  await deleteKeysWithPrefix(redisUrl, prefix);
}

export interface Harness {
  isolated: Isolated;
  api: Runtime;
  baseUrl: string;
  adminToken: string;
  workers: RunningWorkers | null;
  workerRuntime: Runtime | null;
  startWorkers(): Promise<void>;
  stopWorkers(): Promise<void>;
  user(roles: Parameters<typeof createUser>[1]['roles'], languagePairs?: Array<{ source: string; target: string }>): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** The real API on a random port, over real PostgreSQL and Redis; workers on demand. */
export async function startHarness(
  options: { workers?: boolean; env?: Record<string, string>; qaChecks?: 'on' | 'off' } = {},
): Promise<Harness> {
  const isolated = await isolate(options.env);
  const logger = createLogger(isolated.config.logLevel);
  const api = createRuntime(isolated.config, 'api', logger);
  const running = await startApi(api, 0);
  const server: Server = running.server;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await createUser(api.pool, { name: 'admin', roles: ['admin'] });
  if (options.qaChecks !== 'on') {
    // Most tests play translators who tag the source ("EN <source>") rather than translate it; QA would
    // rightly block that. Tests of the checks themselves start with qaChecks: 'on'.
    for (const locale of ['en', 'ar']) {
      await putLocaleSettings(api.pool, { locale, reviewByDefault: false, reviewMemoryMatches: false, disabledChecks: [...qaCodes] });
    }
  }
  const harness: Harness = {
    isolated,
    api,
    baseUrl,
    adminToken: admin.token,
    workers: null,
    workerRuntime: null,
    async startWorkers() {
      harness.workerRuntime = createRuntime(isolated.config, 'worker', logger, api.site);
      harness.workers = await startWorkers(harness.workerRuntime);
    },
    async stopWorkers() {
      await harness.workers?.close();
      await harness.workerRuntime?.close();
      harness.workers = null;
      harness.workerRuntime = null;
    },
    async user(roles, languagePairs) {
      const created = await createUser(api.pool, { name: roles.join('+'), roles, languagePairs });
      return created.token;
    },
    call(method, path, callOptions = {}) {
      return callApi(baseUrl, method, path, callOptions);
    },
    async close() {
      await harness.stopWorkers();
      server.closeAllConnections();
      await running.close();
      await api.close();
      await isolated.drop();
    },
  };
  if (options.workers) await harness.startWorkers();
  return harness;
}

/** One HTTP call to the API served at `baseUrl` (the harness's own, or a second process on the same database). */
export async function callApi(baseUrl: string, method: string, path: string, callOptions: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...callOptions.headers };
  if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
  let body: string | undefined = callOptions.body;
  if (callOptions.json !== undefined) {
    body = JSON.stringify(callOptions.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(baseUrl + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/**
 * Polls `check` until it answers something truthy. The default wait is long because much of what tests wait
 * for goes through workers (queues, sweeps, assembly), which a loaded two-core machine can hold up for many
 * seconds; a condition that is met returns at once, so only a failing test waits it out.
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 25_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
