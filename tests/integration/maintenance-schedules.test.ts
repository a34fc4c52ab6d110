import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { maintenanceQueueName, type MaintenanceJob } from '../../src/queues/maintenance-queue.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Periodic upkeep (lease sweep, reconciler) is a BullMQ job scheduler: two worker processes share each
 * tick instead of both running it. Each worker runtime here has its own Redis and PostgreSQL connections,
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

describe('maintenance schedules', () => {
  it('runs each lease sweep once per tick across two worker processes', async () => {
    await eventually(async () => runs.filter((r) => r.name === 'sweep-leases').length >= 6, 30_000);
    const sweeps = runs.filter((r) => r.name === 'sweep-leases');
    // One job per tick of the schedule, each run by exactly one of the processes.
    expect(new Set(sweeps.map((r) => r.jobId)).size).toBe(sweeps.length);
    // Both processes upserted the same schedulers: one of each, not one per process.
    const queue = new Queue(maintenanceQueueName, { connection: h.api.redis, prefix: h.isolated.config.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key).sort()).toEqual(['reconcile', 'sweep-leases']);
    } finally {
      await queue.close();
    }
  });

  it('still takes back a lapsed lease, once, with one notice to its holder', async () => {
    const editor = await h.user(['editor']);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const created = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Заголовок для проверки расписаний', blocks: [] },
    });
    expect(created.status).toBe(201);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    await h.api.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [claim.body.id]);
    await eventually(async () => {
      const task = await h.api.pool.query(`SELECT status FROM tasks WHERE id = $1`, [claim.body.id]);
      return task.rows[0].status === 'queued';
    }, 30_000);
    const state = await h.api.pool.query(`SELECT abandon_count FROM tasks WHERE id = $1`, [claim.body.id]);
    expect(state.rows[0].abandon_count).toBe(1);
    const notices = await h.api.pool.query(`SELECT count(*)::int AS n FROM notices WHERE task_id = $1 AND kind = 'lease_lapsed'`, [claim.body.id]);
    expect(notices.rows[0].n).toBe(1);
  });
});
