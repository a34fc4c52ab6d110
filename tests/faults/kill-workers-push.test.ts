/**
 * SIGKILL of the workers process while push assignment is handing a task to a translator (the job already
 * taken out of its queue, the claim not yet recorded), during a run of 30 articles worked by translators on
 * shift who only take what is pushed to them (GET /tasks/mine). The workers are started again, nothing else.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Crew, finish, holdTasks, sleep, startStack, submitArticles, translators, until, verifyExactlyOnce, waitFor, waitingOn, type Stack } from './kit.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 90_000);
afterAll(async () => stack?.close(), 60_000);

describe('SIGKILL of the workers process during push assignment', () => {
  it('hands out every task again and publishes every locale exactly once', async () => {
    const tokens = await translators(stack, 6, { available: true });
    const batch = await submitArticles(stack, 30);
    const crew = new Crew(stack);
    onTestFailed(() => console.error(`${stack.logs()}\ncrew: ${JSON.stringify(crew.stats)}`));
    crew.push(tokens);

    const total = batch.segmentCount * 2;
    await until(stack, 'pushed work being done', (p) => p.done >= total / 5, 60_000);

    // Lock the waiting tasks' rows (only those: see holdTasks): the next push takes its job out of Redis,
    // then blocks recording the claim. The kill lands right there. The push's claim statement waits on the
    // row's transaction, or on its tuple lock when another statement is in line for the same row first
    // (the former holder of a lapsed task keeping their draft on it).
    const hold = await holdTasks(stack, 'queued');
    expect(hold.count).toBeGreaterThan(0);
    try {
      await waitFor('a push blocked half-way', async () => (await waitingOn(stack, ['transactionid', 'tuple'], '%task_claims%')) >= 1, 30_000);
      await stack.workers.kill();
    } finally {
      await hold.release();
    }
    const atKill = await until(stack, 'a progress reading', () => true, 10_000);
    expect(atKill.done).toBeLessThan(total);
    console.info(`workers killed during a push: ${atKill.done}/${atKill.tasks} tasks done, ${atKill.published} versions published; hold taken in ${hold.attempts} attempt(s)`);

    // Without workers nobody pushes: translators finish what they hold, then wait.
    await sleep(1_000);
    const restarted = Date.now();
    await stack.startWorkers();
    const took = await finish(stack, crew, batch, 120_000);
    console.info(`all published ${Date.now() - restarted} ms after the restart (finish ${took} ms); crew ${JSON.stringify(crew.stats)}`);

    await verifyExactlyOnce(stack, batch, crew);
    // Every task reached its translator by push, none by pull.
    const via = await stack.db.query(`SELECT count(*)::int AS n FROM task_claims WHERE stage = 'translate'`);
    expect(via.rows[0].n).toBeGreaterThanOrEqual(total);
    expect(stack.api.starts).toBe(1);
  }, 200_000);
});
