import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { maintenanceQueueName, maintenanceSchedules, type MaintenanceJob } from '../../src/queues/maintenance-queue.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Periodic upkeep (lease sweep, reconciler, push, memorize, event relay) is BullMQ job schedulers: two
 * worker processes share each tick instead of both running it. Each worker runtime here has its own Redis and PostgreSQL connections,
 * as a separate process would.
 */
let h: Harness;
const processes: Array<{ runtime: Runtime; workers: RunningWorkers }> = [];
const runs: Array<{ process: number; name: MaintenanceJob; jobId: string }> = [];

beforeAll(async () => {
  h = await startHarness();
  for (const n of [0, 1]) {
    const runtime = createRuntime(h.isolated.config, 'worker', createLogger(h.isolated.config.logLevel), h.api.site);
    const workers = await startWorkers(runtime, { onMaintenance: (name, jobId) => runs.push({ process: n, name, jobId }) });
    processes.push({ runtime, workers });
  }
});
afterAll(async () => {
  for (const { runtime, workers } of processes) {
    await workers.close();
    await runtime.close();
  }
  await h?.close();
});

/**
 * The runs of one schedule since `from`: every one a tick of the one scheduler (its job id carries the
 * tick's time), no tick run twice, ticks at least the schedule's interval apart. Returns the tick times.
 */
function ticksSince(from: number, name: MaintenanceJob): number[] {
  const ticks = runs.slice(from).filter((r) => r.name === name).map((r) => {
    const match = new RegExp(`^repeat:${name}:(\\d+)$`).exec(r.jobId);
    expect(match, r.jobId).not.toBeNull();
    return Number(match![1]);
  }).sort((a, b) => a - b);
  expect(new Set(ticks).size).toBe(ticks.length);
  const gaps = ticks.slice(1).map((tick, n) => tick - ticks[n]!);
  expect(gaps.filter((gap) => gap < maintenanceSchedules[name])).toEqual([]);
  return ticks;
}

async function userId(token: string): Promise<string> {
  return (await h.api.pool.query<{ id: string }>(
    `SELECT id FROM users WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token],
  )).rows[0]!.id;
}

describe('maintenance schedules', () => {
  it('runs each lease sweep once per tick across two worker processes, and takes back each lapsed lease once', async () => {
    const editor = await h.user(['editor']);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const translatorId = await userId(translator);
    const sentences = Array.from({ length: 5 }, (_, n) => `Предложение ${n + 1} для проверки расписаний.`);
    const created = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Заголовок для проверки расписаний', blocks: [{ type: 'paragraph', text: sentences.join(' ') }] },
    });
    expect(created.status).toBe(201);
    const tasks = (await h.api.pool.query<{ id: string; status: string }>(
      `SELECT id, status FROM tasks WHERE article_id = $1 ORDER BY id`, [created.body.id],
    )).rows;
    const waiting = tasks[0]!.status;
    const firstRun = runs.length;

    // One lapsed lease after another, each planted once the previous one was taken back: every one must be
    // taken back by exactly one sweep, however the two processes share the ticks.
    for (const task of tasks) {
      await h.api.pool.query(
        `UPDATE tasks SET status = 'claimed', assignee = $2, assigned_by = 'pull', claimed_at = now() - interval '2 seconds',
                lease_expires_at = now() - interval '1 second' WHERE id = $1`,
        [task.id, translatorId],
      );
      await eventually(async () => {
        const row = await h.api.pool.query(`SELECT status FROM tasks WHERE id = $1`, [task.id]);
        return row.rows[0].status === waiting;
      }, 30_000);
    }
    const taken = await h.api.pool.query<{ id: string; abandons: number; notices: number }>(
      `SELECT t.id, t.abandon_count AS abandons,
              (SELECT count(*)::int FROM notices n WHERE n.task_id = t.id AND n.kind = 'lease_lapsed') AS notices
       FROM tasks t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id`,
      [tasks.map((t) => t.id)],
    );
    expect(taken.rows).toEqual(tasks.map((t) => ({ id: t.id, abandons: 1, notices: 1 })));

    // The sweeps of that window: each a tick of the one scheduler (its job id carries the tick's time), no
    // tick run twice, and ticks at least the schedule's interval apart. A second scheduler, or the second
    // process ticking on its own, would put two jobs on one tick or ticks closer than the interval.
    expect(ticksSince(firstRun, 'sweep-leases').length).toBeGreaterThanOrEqual(tasks.length);
    // Both processes upserted the same schedulers: one of each, not one per process.
    const queue = new Queue(maintenanceQueueName, { connection: h.api.redis, prefix: h.isolated.config.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(Object.keys(maintenanceSchedules).sort());
    } finally {
      await queue.close();
    }
  });

  it('pushes each waiting task to the one translator on shift once, though two worker processes run push', async () => {
    const editor = await h.user(['editor']);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'es' }]);
    const firstRun = runs.length;
    const shift = await h.call('POST', '/api/v1/translators/me/availability', { token: translator, json: { available: true } });
    expect(shift.body).toEqual({ available: true, returned: 0 });
    const created = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['es'], headline: 'Одна новость', blocks: [{ type: 'paragraph', text: 'Одно предложение.' }] },
    });
    expect(created.status).toBe(201);
    // The headline and the sentence: two waiting tasks, both within the translator's capacity.
    const tasks = (await h.api.pool.query<{ id: string }>(
      `SELECT id FROM tasks WHERE article_id = $1 ORDER BY id`, [created.body.id],
    )).rows.map((r) => r.id);
    expect(tasks).toHaveLength(2);
    const translatorId = await userId(translator);
    const held = await eventually(async () => {
      const rows = (await h.api.pool.query(
        `SELECT id, status, assignee, assigned_by FROM tasks WHERE id = ANY($1::uuid[]) ORDER BY id`, [tasks],
      )).rows;
      return rows.every((r) => r.status === 'claimed') ? rows : null;
    }, 30_000);
    expect(held).toEqual(tasks.map((id) => ({ id, status: 'claimed', assignee: translatorId, assigned_by: 'push' })));
    // Let both processes take further push ticks with the tasks held: none may hand one out again.
    const after = runs.length;
    await eventually(async () => ticksSince(after, 'push-assignments').length >= 3, 30_000);
    const counts = await h.api.pool.query(
      `SELECT t.id, (SELECT count(*)::int FROM task_claims c WHERE c.task_id = t.id) AS claims,
              (SELECT count(*)::int FROM notices n WHERE n.task_id = t.id AND n.kind = 'pushed') AS notices
       FROM tasks t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id`,
      [tasks],
    );
    expect(counts.rows).toEqual(tasks.map((id) => ({ id, claims: 1, notices: 1 })));
    ticksSince(firstRun, 'push-assignments');
  });

  it('puts each approved translation into memory once, though two worker processes run the memorize schedule', async () => {
    const editor = await h.user(['editor']);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'ar' }]);
    const firstRun = runs.length;
    const created = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['ar'], headline: 'Новость для памяти', blocks: [{ type: 'paragraph', text: 'Первое предложение. Второе предложение.' }] },
    });
    expect(created.status).toBe(201);
    const tasks = (await h.api.pool.query<{ id: string }>(
      `SELECT id FROM tasks WHERE article_id = $1 ORDER BY id`, [created.body.id],
    )).rows.map((r) => r.id);
    expect(tasks).toHaveLength(3);
    for (const _ of tasks) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
      expect(claim.status).toBe(200);
      const done = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `AR ${claim.body.source}` } });
      expect(done.status).toBe(200);
    }
    await eventually(async () => {
      const left = await h.api.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1::uuid[]) AND NOT memorized`, [tasks]);
      return left.rows[0].n === 0;
    }, 30_000);
    // Further memorize ticks on both processes find nothing left to write.
    const after = runs.length;
    await eventually(async () => ticksSince(after, 'memorize').length >= 3, 30_000);
    const memory = await h.api.pool.query(
      `SELECT t.id, (SELECT count(*)::int FROM translation_memory m WHERE m.article_id = t.article_id AND m.target = t.translation) AS entries
       FROM tasks t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id`,
      [tasks],
    );
    expect(memory.rows).toEqual(tasks.map((id) => ({ id, entries: 1 })));
    ticksSince(firstRun, 'memorize');
  });

  it('relays each outbox event to a webhook once, though two worker processes run the relay schedule', async () => {
    const firstRun = runs.length;
    // A webhook of its own event type, so only this test's events reach it; its address refuses, which
    // leaves the deliveries pending and retried: only how many were created is the point here.
    const webhook = (await h.api.pool.query<{ id: string }>(
      `INSERT INTO webhooks (id, url, events, secret) VALUES (gen_random_uuid(), 'http://127.0.0.1:9/hook', ARRAY['schedule.check'], 'secret')
       RETURNING id`,
    )).rows[0]!.id;
    try {
      const events = (await h.api.pool.query<{ id: string }>(
        `INSERT INTO events (type, article_id, payload) SELECT 'schedule.check', gen_random_uuid(), jsonb_build_object('n', n)
         FROM generate_series(1, 3) n RETURNING id::text AS id`,
      )).rows.map((r) => r.id).sort();
      await eventually(async () => {
        const left = await h.api.pool.query(`SELECT count(*)::int AS n FROM events WHERE id = ANY($1::bigint[]) AND NOT fanned_out`, [events]);
        return left.rows[0].n === 0;
      }, 30_000);
      const after = runs.length;
      await eventually(async () => ticksSince(after, 'relay-events').length >= 3, 30_000);
      const deliveries = await h.api.pool.query(
        `SELECT e.id::text, (SELECT count(*)::int FROM webhook_deliveries d WHERE d.event_id = e.id AND d.webhook_id = $2) AS deliveries
         FROM events e WHERE e.id = ANY($1::bigint[]) ORDER BY e.id::text`,
        [events, webhook],
      );
      expect(deliveries.rows).toEqual(events.map((id) => ({ id, deliveries: 1 })));
      ticksSince(firstRun, 'relay-events');
    } finally {
      await h.api.pool.query(`DELETE FROM webhooks WHERE id = $1`, [webhook]);
    }
  });
});
