/**
 * The README says the API and the workers can run apart, several of each: two API processes and two
 * worker processes on one PostgreSQL and one Redis. 200 translators claim through one API and submit
 * through the other, one worker process is SIGKILLed half-way, and afterwards every task is claimed and
 * submitted exactly once, every locale assembled once, and every event reached the event-stream clients of
 * both API processes.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { unthrottled } from '../helpers/harness.js';
import { DragomanProcess, PrivatePostgres, PrivateRedis, freePort, httpStatus, sleep, waitFor } from '../helpers/processes.js';

const adminToken = `multi-admin-${randomUUID()}`;
// A PostgreSQL and a Redis of their own: four processes' connection pools would crowd the shared server
// the other test files use.
const postgres = new PrivatePostgres();
const redis = new PrivateRedis();
let db: pg.Pool;
const apis: Array<{ process: DragomanProcess; base: string }> = [];
const workers: DragomanProcess[] = [];

beforeAll(async () => {
  await Promise.all([postgres.start(), redis.start()]);
  const databaseUrl = postgres.url('dragoman_multi');
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    DRAGOMAN_ADMIN_TOKEN: adminToken,
    DRAGOMAN_LEASE_SECONDS: '600',
    DRAGOMAN_STALLED_CHECK_MS: '500',
    LOG_LEVEL: 'warn',
    ...unthrottled,
  };
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = new DragomanProcess('api', { ...env, PORT: String(port) });
    await api.start(async () => (await httpStatus(`${base}/readyz`)) === 200);
    apis.push({ process: api, base });
  }
  db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // pg-pool's end() resolves once it has asked its connections to close, not when they have: stopping
  // PostgreSQL next may reach one still closing, whose error would otherwise crash the test process.
  db.on('error', () => undefined);
  for (let i = 0; i < 2; i++) {
    const worker = new DragomanProcess('workers', { ...env, LOG_LEVEL: 'info' });
    await worker.start((p) => p.printed('"msg":"workers running"'));
    workers.push(worker);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...apis.map((a) => a.process.stop()), ...workers.map((w) => w.stop())]);
  await db?.end();
  await redis.cleanup();
  await postgres.cleanup();
}, 60_000);

function logsOnFailure(): void {
  onTestFailed(() => {
    for (const p of [...apis.map((a) => a.process), ...workers]) console.error(`===== ${p.kind}\n${p.log.text().slice(-20_000)}`);
  });
}

async function call(api: number, method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(apis[api % 2]!.base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : null };
}

async function user(body: object): Promise<{ id: string; token: string }> {
  const res = await call(0, 'POST', '/api/v1/users', adminToken, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** An event-stream client: collects the ids of locale.published events it is sent. */
function listen(api: number, token: string) {
  const controller = new AbortController();
  const published = new Set<number>();
  const done = (async () => {
    const res = await fetch(`${apis[api]!.base}/api/v1/events?types=locale.published`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (data && /^event: locale\.published$/m.test(frame)) published.add(JSON.parse(data).id);
      }
    }
  })().catch((error) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return { published, stop: () => controller.abort(), done };
}

describe('two API processes and two worker processes', () => {
  it('hand out 1,000 tasks to 200 claimers exactly once, survive a worker kill, and reach every event-stream client', async () => {
    logsOnFailure();
    await call(0, 'PUT', '/api/v1/locales/en/settings', adminToken, { disabledChecks: ['length_ratio'] });
    for (const locale of ['en', 'ar']) {
      const { qaCodes } = await import('../../src/domain/qa/index.js');
      expect((await call(0, 'PUT', `/api/v1/locales/${locale}/settings`, adminToken, { disabledChecks: [...qaCodes] })).status).toBe(200);
    }
    const editor = await user({ name: 'Desk', roles: ['editor', 'publisher'] });
    const streams = [listen(0, editor.token), listen(1, editor.token)];

    const sentences = Array.from({ length: 24 }, (_, i) => `Предложение номер ${i + 1} этой статьи.`);
    for (let i = 0; i < 20; i++) {
      const res = await call(i, 'POST', '/api/v1/articles', editor.token, {
        sourceLang: 'ru',
        targetLocales: ['en', 'ar'],
        headline: `Статья ${i + 1} о двух процессах`,
        blocks: [{ type: 'paragraph', text: sentences.join(' ') }],
      });
      expect(res.status).toBe(201);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM tasks`)).rows[0].n).toBe(1_000);

    const pairs = [{ source: 'ru', target: 'en' }, { source: 'ru', target: 'ar' }];
    const tokens: string[] = [];
    for (let i = 0; i < 200; i++) tokens.push((await user({ name: `T${i}`, roles: ['translator'], languagePairs: [pairs[i % 2]] })).token);

    // One worker process dies as soon as the first versions are published, and comes back a second later.
    const kill = (async () => {
      await waitFor('the first publication', async () => (await db.query(`SELECT count(*)::int AS n FROM published_versions`)).rows[0].n > 0, 120_000, 50);
      await workers[0]!.kill();
      await sleep(1_000);
      await workers[0]!.start((p) => p.printed('"msg":"workers running"'));
    })();

    const claimedBy = new Map<string, number>();
    const refused: string[] = [];
    await Promise.all(
      tokens.map(async (token, i) => {
        for (;;) {
          // Claim through one API process, submit through the other.
          const claim = await call(i, 'POST', '/api/v1/tasks/claim', token, {});
          if (claim.status === 204) return;
          expect(claim.status, JSON.stringify(claim.body)).toBe(200);
          claimedBy.set(claim.body.id, (claimedBy.get(claim.body.id) ?? 0) + 1);
          const submit = await call(i + 1, 'POST', `/api/v1/tasks/${claim.body.id}/submit`, token, { text: `${claim.body.targetLocale}:${claim.body.source}` });
          if (submit.status !== 200) refused.push(`${submit.status} ${JSON.stringify(submit.body)}`);
        }
      }),
    );
    await kill;
    expect(refused).toEqual([]);
    expect(claimedBy.size).toBe(1_000);
    expect([...claimedBy.values()].every((n) => n === 1)).toBe(true);
    const claims = await db.query(`SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM task_claims`);
    expect(claims.rows[0]).toEqual({ n: 1_000, tasks: 1_000 });
    const submits = await db.query(`SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM translation_history WHERE action = 'submitted'`);
    expect(submits.rows[0]).toEqual({ n: 1_000, tasks: 1_000 });
    expect((await db.query(`SELECT status, count(*)::int AS n FROM tasks GROUP BY status`)).rows).toEqual([{ status: 'done', n: 1_000 }]);

    // Every article and locale assembled once, the kill notwithstanding.
    await waitFor('40 versions', async () => (await db.query(`SELECT count(*)::int AS n FROM published_versions`)).rows[0].n === 40, 60_000);
    const events = await db.query(`SELECT type, count(*)::int AS n FROM events WHERE type IN ('locale.published', 'article.completed') GROUP BY type ORDER BY type`);
    expect(events.rows).toEqual([
      { type: 'article.completed', n: 20 },
      { type: 'locale.published', n: 40 },
    ]);
    expect(workers[0]!.starts).toBe(2);

    // Each event-stream client, whichever process it is connected to, saw all 40 publications.
    const ids = (await db.query(`SELECT id FROM events WHERE type = 'locale.published'`)).rows.map((r) => Number(r.id));
    for (const [i, stream] of streams.entries()) {
      await waitFor(`stream on API ${i + 1} to see every publication`, () => ids.every((id) => stream.published.has(id)), 30_000);
      stream.stop();
    }
  }, 300_000);

  // A translator's capacity holds across API processes: the claim's transaction locks the person's row
  // after recording the claim and counts their live holds again, so of two claims racing through two
  // processes the second is refused.
  //
  // The race is made certain rather than likely: while the claim history table is locked, the two claims
  // (one per process) both get past their reading of what the translator holds and wait to record the
  // claim; released together, both record it. A claim path that decides capacity in PostgreSQL serialises
  // them there instead and refuses the second.
  it('keeps a translator within capacity when claims arrive through both API processes at once', async () => {
    const editor = await user({ name: 'Desk 2', roles: ['editor'] });
    const res = await call(0, 'POST', '/api/v1/articles', editor.token, {
      sourceLang: 'ru',
      targetLocales: ['en'],
      headline: 'Заметка о лимите заданий',
      blocks: [{ type: 'paragraph', text: 'Первое предложение заметки о лимите. Второе предложение заметки о лимите.' }],
    });
    expect(res.status).toBe(201);
    const quick = await user({ name: 'Quick', roles: ['translator'], languagePairs: [{ source: 'ru', target: 'en' }], capacity: 1 });

    const lock = new pg.Client({ connectionString: postgres.url('dragoman_multi') });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE task_claims IN SHARE MODE');
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lock.query('COMMIT');
      await lock.end();
    };
    try {
      const claims = Promise.all([0, 1].map((api) => call(api, 'POST', '/api/v1/tasks/claim', quick.token, {})));
      let answered = false;
      void claims.then(() => (answered = true));
      // Both claims waiting on the lock, or (a claim path that no longer writes there) both answered.
      await waitFor('both claims to reach the claim history', async () => {
        const waiting = await db.query(`SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE relation = 'task_claims'::regclass AND NOT granted`);
        return answered || waiting.rows[0].n >= 2;
      }, 20_000, 20);
      await release();
      const answers = await claims;
      const held = await db.query(`SELECT count(*)::int AS n FROM tasks WHERE assignee = $1 AND status = 'claimed'`, [quick.id]);
      expect(held.rows[0].n).toBe(1);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    } finally {
      await release();
    }
  }, 60_000);
});
