/**
 * SIGKILL of the API process while a group-committed batch of submits is inside PostgreSQL (the statement
 * running, not committed), during a run of 30 articles worked by pulling translators. The API is started
 * again, nothing else. Submits that were in the batch were never answered: their translators send them again,
 * and each task must end up done once, with the text its translator sent, and published once.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Crew, finish, holdTasks, sleep, startStack, submitArticles, translators, until, verifyExactlyOnce, waitFor, waitingOn, type Stack } from './kit.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 90_000);
afterAll(async () => stack?.close(), 60_000);

describe('SIGKILL of the API process during a batch of submits', () => {
  it('loses no submitted translation, stores none twice, and publishes every locale exactly once', async () => {
    const tokens = await translators(stack, 12);
    const batch = await submitArticles(stack, 30);
    const crew = new Crew(stack);
    onTestFailed(() => console.error(`${stack.logs()}\ncrew: ${JSON.stringify(crew.stats)}`));
    crew.pull(tokens);

    const total = batch.segmentCount * 2;
    await until(stack, 'a third of the work done', (p) => p.done >= total / 3, 90_000);

    const hold = await holdTasks(stack, 'claimed');
    expect(hold.count).toBeGreaterThan(0);
    try {
      // The submit batch statement (it calls submit_tasks, migration 210) waits on the held rows.
      await waitFor('a submit batch blocked inside PostgreSQL', async () => (await waitingOn(stack, 'transactionid', '%submit_tasks(%')) >= 1, 30_000);
      await stack.api.kill();
    } finally {
      await hold.release();
    }
    const atKill = await until(stack, 'a progress reading', () => true, 10_000);
    expect(atKill.done).toBeLessThan(total);
    console.info(`API killed during a submit batch: ${atKill.done}/${atKill.tasks} tasks done, ${atKill.published} versions published`);

    await sleep(500);
    const restarted = Date.now();
    await stack.api.start(() => stack.ready());
    const took = await finish(stack, crew, batch, 150_000);
    console.info(`all published ${Date.now() - restarted} ms after the restart (finish ${took} ms); crew ${JSON.stringify(crew.stats)}`);

    await verifyExactlyOnce(stack, batch, crew);
    // The kill was felt: some requests failed on the network and were sent again.
    expect(crew.stats.networkErrors).toBeGreaterThan(0);
    expect(stack.api.starts).toBe(2);
  }, 240_000);
});
