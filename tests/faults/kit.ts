/**
 * Shared parts of the fault tests: a whole Dragoman on private PostgreSQL and Redis (child processes), a
 * batch of articles, simulated translators that tolerate outages, and the exactly-once checks run on the
 * database afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { unthrottled } from '../helpers/harness.js';
import { DragomanProcess, PrivatePostgres, PrivateRedis, freePort, httpStatus, sleep, waitFor, type RedisOptions } from '../helpers/processes.js';

export { sleep, waitFor };

export const locales = ['en', 'ar'] as const;

/** What a simulated translator sends for a source sentence: deterministic, so any holder sends the same. */
export function translate(locale: string, source: string): string {
  return `${locale}|${source}`;
}

export interface CallResult {
  status: number;
  body: any;
}

export interface Stack {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  api: DragomanProcess;
  workers: DragomanProcess;
  baseUrl: string;
  publicUrl: string;
  adminToken: string;
  /** Direct connection to the private database (queries fail while it is down). */
  db: pg.Pool;
  /** Throws on network errors and timeouts; any HTTP status is returned. */
  call(method: string, path: string, options?: { token?: string; json?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<CallResult>;
  startWorkers(): Promise<void>;
  ready(): Promise<boolean>;
  logs(): string;
  close(): Promise<void>;
}

export const workersRunning = (p: DragomanProcess) => p.printed('"msg":"workers running"');

export async function startStack(options: { redis?: RedisOptions; env?: Record<string, string> } = {}): Promise<Stack> {
  const postgres = new PrivatePostgres();
  const redis = new PrivateRedis(options.redis);
  const closers: Array<() => Promise<void>> = [];
  let stack: Stack | null = null;
  try {
    await Promise.all([postgres.start(), redis.start()]);
    closers.push(() => redis.cleanup(), () => postgres.cleanup());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const publicUrl = 'http://dragoman.fault.test';
    const adminToken = `fault-admin-${randomBytes(12).toString('hex')}`;
    const env = {
      DATABASE_URL: postgres.url('dragoman_faults'),
      REDIS_URL: redis.url,
      DRAGOMAN_ADMIN_TOKEN: adminToken,
      DRAGOMAN_LEASE_SECONDS: '5',
      DRAGOMAN_STALLED_CHECK_MS: '500',
      DRAGOMAN_PUBLIC_URL: publicUrl,
      ...unthrottled,
      ...options.env,
    };
    const api = new DragomanProcess('api', { ...env, PORT: String(port), LOG_LEVEL: 'warn' });
    // Info level for the workers: their "queues reconciled" and "assembly" lines are the evidence to read.
    const workers = new DragomanProcess('workers', { ...env, LOG_LEVEL: 'info' });
    closers.unshift(() => api.stop(), () => workers.stop());
    const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, connectionTimeoutMillis: 3_000 });
    db.on('error', () => undefined);
    closers.unshift(() => db.end());

    const ready = async () => (await httpStatus(`${baseUrl}/readyz`)) === 200;
    await api.start(ready);
    await workers.start(workersRunning);

    stack = {
      pg: postgres,
      redis,
      api,
      workers,
      baseUrl,
      publicUrl,
      adminToken,
      db,
      async call(method, path, callOptions = {}) {
        const headers: Record<string, string> = { ...callOptions.headers };
        if (callOptions.token) headers.authorization = `Bearer ${callOptions.token}`;
        let body: string | undefined;
        if (callOptions.json !== undefined) {
          body = JSON.stringify(callOptions.json);
          headers['content-type'] = 'application/json';
        }
        const response = await fetch(baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(callOptions.timeoutMs ?? 10_000) });
        const text = await response.text();
        let parsed: unknown;
        if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
        return { status: response.status, body: parsed };
      },
      startWorkers: () => workers.start(workersRunning),
      ready,
      logs() {
        return [postgres.log, redis.log, api.log, workers.log].map((log) => `===== ${log.name}\n${log.text().slice(-60_000)}`).join('\n');
      },
      async close() {
        // FAULT_LOGS=1 prints every child's output even when the tests pass.
        if (process.env.FAULT_LOGS) console.info(stack!.logs());
        // Each step bounded: a hung one must not keep the private servers alive.
        for (const close of closers) await Promise.race([close().catch(() => undefined), sleep(20_000)]);
      },
    };
    return stack;
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    await redis.cleanup().catch(() => undefined);
    await postgres.cleanup().catch(() => undefined);
    throw error;
  }
}

/** Creates users through the API (admin token from the environment, as an operator would). */
export async function createUser(stack: Stack, body: object): Promise<{ id: string; token: string }> {
  const res = await stack.call('POST', '/api/v1/users', { token: stack.adminToken, json: body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, token: res.body.token };
}

export interface Batch {
  articleIds: string[];
  /** Segments per article as the service split them, to know how many tasks there must be. */
  segmentCount: number;
  editor: string;
}

/**
 * `count` articles of ~6 sentences each, every sentence unique (so no memory match can fill one). The
 * simulated translators tag the source rather than translate it, which QA would rightly refuse: the
 * target locales get every check switched off first, as an admin would through the API.
 */
export async function submitArticles(stack: Stack, count: number, tag = 'main'): Promise<Batch> {
  for (const locale of locales) {
    const res = await stack.call('PUT', `/api/v1/locales/${locale}/settings`, {
      token: stack.adminToken,
      json: { reviewByDefault: false, disabledChecks: [...qaCodes] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const editor = (await createUser(stack, { name: 'Desk', roles: ['editor', 'publisher'] })).token;
  const articleIds: string[] = [];
  let segmentCount = 0;
  for (let i = 1; i <= count; i++) {
    const res = await stack.call('POST', '/api/v1/articles', {
      token: editor,
      headers: { 'idempotency-key': `fault-${tag}-${i}` },
      json: {
        sourceLang: 'ru',
        targetLocales: [...locales],
        priority: 'normal',
        headline: `Сводка номер ${i} серии ${tag}: правительство обсудило бюджет`,
        blocks: [
          {
            type: 'paragraph',
            text:
              `Заседание номер ${i} серии ${tag} прошло в Москве в четверг. ` +
              `Министры обсудили расходы на дороги в выпуске ${i} серии ${tag}. ` +
              `Решение по выпуску ${i} серии ${tag} примут на следующей неделе.`,
          },
          { type: 'subheading', text: `Что дальше для выпуска ${i} серии ${tag}` },
          { type: 'paragraph', text: `Подробности выпуска ${i} серии ${tag} сообщит пресс-служба.` },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    articleIds.push(res.body.id);
    segmentCount += (res.body.blocks as Array<{ segments: unknown[] }>).reduce((n, b) => n + b.segments.length, 0);
  }
  return { articleIds, segmentCount, editor };
}

// ------------------------------------------------------------------------------------------ translators

export interface CrewStats {
  claims: number;
  accepted: number;
  replays: number;
  serverErrors: number;
  networkErrors: number;
  conflicts: Record<string, number>;
  unexpected: string[];
}

/**
 * Simulated translators. Each loop claims (pull) or picks up pushed work from /tasks/mine (push), and
 * submits `translate(locale, source)`. Outages are expected: 5xx and network errors are retried after a
 * pause, a retried submit whose first answer was lost gets 200 again, and a task whose lease ran out in the
 * meantime (409) is left to whoever holds it now. Anything else is recorded as unexpected.
 */
export class Crew {
  readonly accepted = new Map<string, string>();
  readonly stats: CrewStats = { claims: 0, accepted: 0, replays: 0, serverErrors: 0, networkErrors: 0, conflicts: {}, unexpected: [] };
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly stack: Stack) {}

  pull(tokens: string[]): void {
    for (const token of tokens) this.loops.push(this.pullLoop(token));
  }

  push(tokens: string[]): void {
    for (const token of tokens) this.loops.push(this.pushLoop(token));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async pullLoop(token: string): Promise<void> {
    let checkMine = false;
    while (!this.stopped) {
      try {
        if (checkMine) {
          // A claim whose answer got lost is held by us: finish it rather than wait for its lease to lapse.
          await this.finishMine(token);
          checkMine = false;
        }
        const claim = await this.stack.call('POST', '/api/v1/tasks/claim', { token, json: {} });
        if (claim.status === 204) {
          await sleep(150);
          continue;
        }
        if (claim.status >= 500) {
          this.stats.serverErrors += 1;
          checkMine = true;
          await sleep(250);
          continue;
        }
        if (claim.status !== 200) {
          this.unexpected('claim', claim);
          await sleep(250);
          continue;
        }
        this.stats.claims += 1;
        await this.submit(token, claim.body.id, translate(claim.body.targetLocale, claim.body.source));
      } catch (error) {
        this.stats.networkErrors += 1;
        checkMine = true;
        await sleep(250);
      }
    }
  }

  private async pushLoop(token: string): Promise<void> {
    while (!this.stopped) {
      try {
        const held = await this.finishMine(token);
        if (held === 0) await sleep(150);
      } catch {
        this.stats.networkErrors += 1;
        await sleep(250);
      }
    }
  }

  /** Submits everything /tasks/mine lists; returns how many there were (throws on network errors). */
  private async finishMine(token: string): Promise<number> {
    const mine = await this.stack.call('GET', '/api/v1/tasks/mine', { token });
    if (mine.status >= 500) {
      this.stats.serverErrors += 1;
      await sleep(250);
      return 0;
    }
    if (mine.status !== 200) {
      this.unexpected('mine', mine);
      return 0;
    }
    const tasks = mine.body.tasks as Array<{ id: string; targetLocale: string; source: string; stage: string }>;
    for (const task of tasks) {
      if (task.stage !== 'translate') continue;
      await this.submit(token, task.id, translate(task.targetLocale, task.source));
    }
    return tasks.length;
  }

  private async submit(token: string, taskId: string, text: string): Promise<void> {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      let res: CallResult;
      try {
        res = await this.stack.call('POST', `/api/v1/tasks/${taskId}/submit`, { token, json: { text } });
      } catch {
        this.stats.networkErrors += 1;
        await sleep(250);
        continue;
      }
      if (res.status === 200) {
        if (this.accepted.has(taskId)) this.stats.replays += 1;
        const before = this.accepted.get(taskId);
        if (before !== undefined && before !== text) this.stats.unexpected.push(`task ${taskId} accepted twice with different texts`);
        this.accepted.set(taskId, text);
        this.stats.accepted += 1;
        return;
      }
      if (res.status >= 500) {
        this.stats.serverErrors += 1;
        await sleep(250);
        continue;
      }
      if (res.status === 409) {
        // lease_lost (it went back to the queue) or illegal_transition (someone else finished it).
        const code = String(res.body?.code);
        this.stats.conflicts[code] = (this.stats.conflicts[code] ?? 0) + 1;
        return;
      }
      this.unexpected(`submit ${taskId}`, res);
      return;
    }
    this.stats.unexpected.push(`submit ${taskId} never got an answer within 60 s`);
  }

  private unexpected(what: string, res: CallResult): void {
    if (this.stats.unexpected.length < 50) this.stats.unexpected.push(`${what}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  }
}

export async function translators(stack: Stack, count: number, options: { available?: boolean } = {}): Promise<string[]> {
  const pairSets = [[{ source: 'ru', target: 'en' }], [{ source: 'ru', target: 'ar' }], [{ source: 'ru', target: 'en' }, { source: 'ru', target: 'ar' }]];
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const { token } = await createUser(stack, { name: `Translator ${i + 1}`, roles: ['translator'], languagePairs: pairSets[i % pairSets.length] });
    if (options.available) {
      const res = await stack.call('POST', '/api/v1/translators/me/availability', { token, json: { available: true } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    tokens.push(token);
  }
  return tokens;
}

// ------------------------------------------------------------------------------------------- progress

export interface Progress {
  tasks: number;
  done: number;
  published: number;
}

export async function progress(stack: Stack): Promise<Progress> {
  const result = await stack.db.query(
    `SELECT (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM tasks WHERE status = 'done') AS done,
            (SELECT count(*)::int FROM published_versions) AS published`,
  );
  return result.rows[0];
}

/** Waits until the run reaches `predicate` (the database may be away meanwhile: errors mean "not yet"). */
export async function until(stack: Stack, what: string, predicate: (p: Progress) => boolean, timeoutMs: number): Promise<Progress> {
  return waitFor(what, async () => {
    const p = await progress(stack);
    return predicate(p) ? p : null;
  }, timeoutMs, 100);
}

/**
 * Runs the crew to the end: every task done, then every locale published. Returns the milliseconds until
 * the last publication. The crew is stopped either way.
 */
export async function finish(stack: Stack, crew: Crew, batch: Batch, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const total = batch.segmentCount * locales.length;
  try {
    await until(stack, 'every task to be done', (p) => p.tasks === total && p.done === total, timeoutMs);
  } finally {
    await crew.stop();
  }
  const left = Math.max(timeoutMs - (Date.now() - started), 5_000);
  await until(stack, 'every locale to be published', (p) => p.published >= batch.articleIds.length * locales.length, left);
  return Date.now() - started;
}

// --------------------------------------------------------------------------------------- fault injection

/**
 * Backends of other sessions waiting for a lock of the given kind ('advisory', 'transactionid', ...), or of
 * any of several kinds. A statement waiting for a row another transaction holds waits on 'transactionid' if
 * it is the first in line for that row, and on 'tuple' behind the first.
 */
export async function waitingOn(stack: Stack, waitEvent: string | readonly string[], queryLike = '%'): Promise<number> {
  const result = await stack.db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE wait_event_type = 'Lock' AND wait_event = ANY($1::text[]) AND query LIKE $2 AND pid <> pg_backend_pid()`,
    [typeof waitEvent === 'string' ? [waitEvent] : [...waitEvent], queryLike],
  );
  return result.rows[0].n;
}

/**
 * Holds the advisory locks assembly takes for these versions, so their assembly jobs get stuck inside
 * their transaction: a kill then lands during assembly for certain. `release` lets them go.
 */
export async function holdAssemblies(stack: Stack, keys: string[]): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: stack.pg.url('dragoman_faults') });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  for (const key of keys) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  return {
    async release() {
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * Blocks every insert into the event table: an assembly gets as far as storing its version and marking its
 * locale published, then waits to write its event. `release` lets all of them go at once.
 */
export async function holdEvents(stack: Stack): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: stack.pg.url('dragoman_faults') });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE events IN SHARE MODE');
  return {
    async release() {
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * Locks the rows of the tasks in a status, and only those, so the next statement that changes one blocks
 * half-way: a push claiming a waiting task, or a batch of submits moving claimed ones. `target` is the stack
 * or a database URL.
 *
 * The locking read runs in REPEATABLE READ. In READ COMMITTED, a row that leaves the status while the read
 * waits for it (a push committing its claim of a waiting task) is locked in its new version and then dropped
 * from the answer: held, but not counted, and never meant to be held. The push that claimed it then blocks
 * on that row after its claim (the foreign key check of its notice) and the next push never comes. REPEATABLE
 * READ refuses such a row instead (40001), and the hold starts again with a fresh snapshot; `attempts` says
 * how many it took.
 */
export async function holdTasks(target: Stack | string, status: 'queued' | 'claimed'): Promise<{ count: number; attempts: number; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: typeof target === 'string' ? target : target.pg.url('dragoman_faults') });
  client.on('error', () => undefined);
  await client.connect();
  const release = async () => {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const locked = await client.query(`SELECT id FROM tasks WHERE status = $1 FOR UPDATE`, [status]);
      return { count: locked.rowCount ?? 0, attempts: attempt, release };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // Each refusal means a task left the status while the hold was being taken: rare, but a busy run may
      // move a few in a row. Anything else, or refusals without end, is a failure of its own.
      if ((error as { code?: string }).code !== '40001' || attempt >= 100) {
        await client.end().catch(() => undefined);
        throw error;
      }
    }
  }
}

// -------------------------------------------------------------------------------------------- checks

/**
 * Exactly once, nothing lost: every task done once with the text its translator sent, one version, one
 * publication event per locale and one completion event per article, each version's text made of its
 * segments' translations in order, and every version served by the API.
 */
export async function verifyExactlyOnce(stack: Stack, batch: Batch, crew: Crew): Promise<void> {
  const { db } = stack;
  const total = batch.segmentCount * locales.length;

  const tasks = await db.query<{ id: string; article_id: string; target_locale: string; status: string; translation: string | null; source: string }>(
    `SELECT t.id, t.article_id, t.target_locale, t.status, t.translation, s.text AS source FROM tasks t JOIN segments s ON s.id = t.segment_id`,
  );
  expect(tasks.rows).toHaveLength(total);
  const notDone = tasks.rows.filter((t) => t.status !== 'done');
  expect(notDone.map((t) => `${t.id} ${t.status}`)).toEqual([]);
  const wrongText = tasks.rows.filter((t) => t.translation !== translate(t.target_locale, t.source));
  expect(wrongText.map((t) => `${t.id}: ${t.translation}`)).toEqual([]);
  // What the translators were told was accepted is what is stored.
  const byId = new Map(tasks.rows.map((t) => [t.id, t]));
  const mismatch = [...crew.accepted].filter(([id, text]) => byId.get(id)?.translation !== text);
  expect(mismatch).toEqual([]);
  expect(crew.stats.unexpected).toEqual([]);

  const history = await db.query<{ task_id: string; n: number; texts: string[] }>(
    `SELECT t.id AS task_id, count(h.id)::int AS n, array_remove(array_agg(h.text), NULL) AS texts
     FROM tasks t LEFT JOIN translation_history h ON h.task_id = t.id AND h.action = 'submitted' GROUP BY t.id`,
  );
  const badHistory = history.rows.filter((h) => h.n !== 1 || h.texts[0] !== byId.get(h.task_id)!.translation);
  expect(badHistory).toEqual([]);

  const versions = await db.query<{ article_id: string; locale: string; revision: number; headline: string; blocks: Array<{ type: string; text: string }> }>(
    `SELECT article_id, locale, revision, headline, blocks FROM published_versions ORDER BY article_id, locale`,
  );
  const expectedKeys = batch.articleIds.flatMap((id) => locales.map((locale) => `${id}/${locale}/1`)).sort();
  expect(versions.rows.map((v) => `${v.article_id}/${v.locale}/${v.revision}`).sort()).toEqual(expectedKeys);

  const locales_ = await db.query(`SELECT count(*)::int AS n FROM article_locales WHERE status <> 'published'`);
  expect(locales_.rows[0].n).toBe(0);

  // Each version's text, rebuilt from the layout and the tasks: blocks in order, sentences in order.
  const layout = await db.query<{ article_id: string; locale: string; block_index: number; block_type: string; translation: string; space_after: string }>(
    `SELECT rs.article_id, t.target_locale AS locale, rs.block_index, rs.block_type, t.translation, rs.space_after
     FROM revision_segments rs JOIN tasks t ON t.segment_id = rs.segment_id
     WHERE rs.revision = 1 ORDER BY rs.article_id, t.target_locale, rs.position`,
  );
  const expected = new Map<string, { headline: string; blocks: Map<number, { type: string; parts: string[] }> }>();
  for (const row of layout.rows) {
    const key = `${row.article_id}/${row.locale}`;
    let version = expected.get(key);
    if (!version) expected.set(key, (version = { headline: '', blocks: new Map() }));
    let block = version.blocks.get(row.block_index);
    if (!block) version.blocks.set(row.block_index, (block = { type: row.block_type, parts: [] }));
    block.parts.push(row.translation.trim() + row.space_after);
  }
  const wrongVersions: string[] = [];
  for (const v of versions.rows) {
    const want = expected.get(`${v.article_id}/${v.locale}`);
    if (!want) {
      wrongVersions.push(`${v.article_id}/${v.locale}: no layout`);
      continue;
    }
    const blocks = [...want.blocks.entries()].sort(([a], [b]) => a - b).map(([, b]) => ({ type: b.type, text: b.parts.join('').trim() }));
    const headline = blocks.filter((b) => b.type === 'headline').map((b) => b.text).join('');
    const body = blocks.filter((b) => b.type !== 'headline');
    // Blocks may carry more than their text (the sanitised html of imported pages): compare type and text.
    const got = v.blocks.map((b) => ({ type: b.type, text: b.text }));
    if (v.headline !== headline || JSON.stringify(got) !== JSON.stringify(body)) {
      wrongVersions.push(`${v.article_id}/${v.locale}: ${JSON.stringify({ headline: v.headline, blocks: got })} != ${JSON.stringify({ headline, blocks: body })}`);
    }
    if (!v.headline.startsWith(`${v.locale}|`)) wrongVersions.push(`${v.article_id}/${v.locale}: headline ${v.headline}`);
  }
  expect(wrongVersions).toEqual([]);

  const events = await db.query<{ article_id: string; type: string; locale: string | null; n: number }>(
    `SELECT article_id::text, type, payload->>'locale' AS locale, count(*)::int AS n FROM events
     WHERE type IN ('locale.published', 'article.completed') GROUP BY 1, 2, 3`,
  );
  const eventCounts = new Map(events.rows.map((e) => [`${e.article_id}/${e.type}/${e.locale ?? ''}`, e.n]));
  const eventProblems: string[] = [];
  for (const id of batch.articleIds) {
    for (const locale of locales) {
      const n = eventCounts.get(`${id}/locale.published/${locale}`) ?? 0;
      if (n !== 1) eventProblems.push(`${id}: ${n} locale.published for ${locale}`);
    }
    const n = eventCounts.get(`${id}/article.completed/`) ?? 0;
    if (n !== 1) eventProblems.push(`${id}: ${n} article.completed`);
  }
  expect(eventProblems).toEqual([]);

  const served: string[] = [];
  for (const id of batch.articleIds) {
    for (const locale of locales) {
      const res = await stack.call('GET', `/api/v1/published/${id}/${locale}`, { token: batch.editor });
      if (res.status !== 200) served.push(`${id}/${locale}: ${res.status}`);
    }
  }
  expect(served).toEqual([]);
  expect(await stack.ready()).toBe(true);
}
