/**
 * The private Redis goes away in the middle of a run of 30 articles and comes back a second later:
 * either killed without persistence (every queued task and assembly job is gone, and the workers'
 * reconciler must notice its marker key vanished and rebuild the queues from PostgreSQL), or shut down
 * with its append-only file (everything comes back). Nobody does anything by hand either way.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Crew, finish, startStack, submitArticles, translators, until, verifyExactlyOnce, waitFor, type Stack } from './kit.js';

export function redisRestartScenario(variant: 'empty' | 'persistent'): void {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ redis: { persistent: variant === 'persistent' } });
  }, 90_000);
  afterAll(async () => stack?.close(), 60_000);

  const title = variant === 'empty' ? 'Redis killed and restarted without its data' : 'Redis shut down and restarted with its data';
  describe(`${title} in the middle of a run`, () => {
    it('loses no task and no assembly, and publishes every locale exactly once', async () => {
      const batch = await submitArticles(stack, 30);
      const crew = new Crew(stack);
      onTestFailed(() => console.error(`${stack.logs()}\ncrew: ${JSON.stringify(crew.stats)}`));
      crew.pull(await translators(stack, 6));

      const total = batch.segmentCount * 2;
      const before = await until(stack, 'a third of the work', (p) => p.done >= total / 3 && p.published >= 2, 60_000);
      expect(before.done).toBeLessThan(total);

      await stack.redis.restart({ downMs: 1_000, hard: variant === 'empty' });
      const restarted = Date.now();
      const afterRestart = await until(stack, 'a progress reading', () => true, 10_000);
      const keys = await stack.redis.dbsize();
      console.info(`redis (${variant}) restarted at ${before.done}/${total} tasks done; ${afterRestart.done} done when it was back`);
      expect(afterRestart.done).toBeLessThan(total);
      if (variant === 'persistent') expect(keys).toBeGreaterThan(0);

      if (variant === 'empty') {
        // The reconciler saw its marker vanish and rebuilt the queues.
        await waitFor('the reconciler to rebuild the queues', () => stack.workers.printed('"reason":"redis lost its data"'), 30_000);
      }

      const took = await finish(stack, crew, batch, 120_000);
      console.info(`all published ${Date.now() - restarted} ms after redis came back (finish ${took} ms); crew ${JSON.stringify(crew.stats)}`);

      await verifyExactlyOnce(stack, batch, crew);
      expect(stack.workers.starts).toBe(1);
      expect(stack.workers.running).toBe(true);
      expect(stack.api.starts).toBe(1);
      expect(stack.api.running).toBe(true);
    }, 200_000);
  });
}
