/**
 * SIGKILL of the workers process while assembly jobs are in the middle of their transaction, during a run
 * of 30 articles in two locales; the workers are started again and nothing else is done by hand.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { assembleQueueName } from '../../src/queues/catalogue.js';
import {
  Crew,
  finish,
  holdAssemblies,
  holdEvents,
  locales,
  sleep,
  startStack,
  submitArticles,
  translators,
  until,
  verifyExactlyOnce,
  waitFor,
  waitingOn,
  type Stack,
} from './kit.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 90_000);
afterAll(async () => stack?.close(), 60_000);

describe('SIGKILL of the workers process during assembly', () => {
  it('publishes every locale exactly once after the workers come back, the cut-off assemblies retried by BullMQ', async () => {
    /** The versions whose assembly the kill cut off (and of those, the jobs active at the kill), and when the workers restarted. */
    const cutOff = { keys: [] as string[], activeJobIds: [] as string[], restartedAt: 0 };
    const queue = new Queue(assembleQueueName, { connection: { host: '127.0.0.1', port: stack.redis.port }, prefix: 'dragoman' });
    onTestFinished(() => queue.close());
    const batch = await submitArticles(stack, 30);
    const crew = new Crew(stack);
    onTestFailed(() => console.error(`${stack.logs()}\ncrew: ${JSON.stringify(crew.stats)}`));
    crew.pull(await translators(stack, 6));

    // Some locales published, most not yet.
    await until(stack, 'the first publications', (p) => p.published >= 4, 60_000);

    // Hold the lock every assembly of a not yet published version takes: assembly jobs stop half-way,
    // inside their transaction, and the kill lands in the middle of them for certain.
    // Assembly locks the article's revision ("<article>/<revision>"), so holding that of every article with
    // a locale still unpublished stops all the assemblies still to come.
    const published = await stack.db.query(`SELECT article_id, locale FROM published_versions`);
    const done = new Set(published.rows.map((r) => `${r.article_id}/${r.locale}/1`));
    const unfinished = batch.articleIds.filter((id) => locales.some((l) => !done.has(`${id}/${l}/1`)));
    const keys = unfinished.map((id) => `${id}/1`);
    const hold = await holdAssemblies(stack, keys);
    let stuck: number;
    try {
      stuck = await waitFor('assemblies stuck on their lock', async () => {
        const n = await waitingOn(stack, 'advisory', '%pg_advisory_xact_lock%');
        return n >= 2 ? n : null;
      }, 30_000);
      // Which ones: their jobs are active in BullMQ, owned by the process about to die.
      const active = await stack.db.query(
        `SELECT l.article_id || '/' || l.locale || '/' || l.revision AS key FROM article_locales l
         WHERE l.status = 'complete'`,
      );
      cutOff.keys = active.rows.map((r) => r.key as string).filter((k) => keys.includes(k.replace(/\/[^/]+\/(\d+)$/, '/$1')));
      // Active and on a held lock: these cannot finish before the kill.
      cutOff.activeJobIds = (await queue.getActive())
        .filter((job) => keys.includes(`${job.data.articleId}/${job.data.revision}`))
        .map((job) => job.id!);
      await stack.workers.kill();
    } finally {
      await hold.release();
    }
    const atKill = await until(stack, 'a progress reading', () => true, 10_000);
    expect(atKill.published).toBeGreaterThan(0);
    expect(atKill.published).toBeLessThan(batch.articleIds.length * locales.length);
    console.info(`workers killed with ${stuck} assemblies in flight, ${atKill.published} versions published, ${atKill.done}/${atKill.tasks} tasks done`);

    // Translators carry on while no worker runs; then the workers come back, with no other help.
    await sleep(1_000);
    cutOff.restartedAt = Date.now();
    await stack.startWorkers();
    const took = await finish(stack, crew, batch, 150_000);
    console.info(`all published ${Date.now() - cutOff.restartedAt} ms after the restart (finish ${took} ms); crew ${JSON.stringify(crew.stats)}`);

    await verifyExactlyOnce(stack, batch, crew);
    expect(stack.api.starts).toBe(1);
    expect(stack.api.running).toBe(true);

    // An assembly job the kill cut off stays "active" in Redis under its dead owner's lock; re-adding it under
    // the same job id is a no-op, so only BullMQ's stalled-job check brings it back. Each cut-off version is
    // published once (verified above) and after the restart; each job active at the kill was moved back to
    // the queue by the stalled check (its stalled counter says so) and then completed.
    expect(cutOff.keys.length).toBeGreaterThan(0);
    expect(cutOff.activeJobIds.length).toBeGreaterThan(0);
    const rows = await stack.db.query(
      `SELECT article_id || '/' || locale || '/' || revision AS key, published_at FROM published_versions`,
    );
    const at = new Map(rows.rows.map((r) => [r.key as string, (r.published_at as Date).getTime()]));
    const publishedBeforeRestart = cutOff.keys.filter((key) => !(at.get(key)! >= cutOff.restartedAt));
    expect(publishedBeforeRestart).toEqual([]);
    const jobs = await Promise.all(
      cutOff.activeJobIds.map(async (id) => {
        const job = await queue.getJob(id);
        return { id, state: job ? await job.getState() : 'missing', stalled: job?.stalledCounter ?? 0 };
      }),
    );
    expect(jobs.filter((job) => job.state !== 'completed' || job.stalled < 1)).toEqual([]);
    // How long the recovery took is a measurement, not a pass condition.
    console.info(
      `cut-off assemblies published after the restart: ${cutOff.keys.map((key) => `${((at.get(key)! - cutOff.restartedAt) / 1000).toFixed(1)} s`).join(', ')}`,
    );
  }, 240_000);

  // Not a crash but the same fault injection: the two locales of an article finish at the same moment and
  // their assemblies run side by side. Each checks whether the other locale is published yet; they must not
  // both conclude "not yet", or the article never announces its completion.
  it('announces article.completed once when the locales of an article are assembled at the same moment', async () => {
    const batch = await submitArticles(stack, 2, 'pair');
    // Assemblies get as far as storing their version and marking their locale published, then wait to
    // write their event; released together, they run the rest side by side.
    const hold = await holdEvents(stack);
    const crew = new Crew(stack);
    onTestFailed(() => console.error(`${stack.logs()}\ncrew: ${JSON.stringify(crew.stats)}`));
    try {
      crew.pull(await translators(stack, 4));
      // One assembly per article reaches the events, the other locale's waits on the article's lock.
      await waitFor('the four assemblies to wait together', async () => {
        const atEvents = await waitingOn(stack, 'relation', '%INSERT INTO events%');
        const onLock = await waitingOn(stack, 'advisory', '%pg_advisory_xact_lock%');
        return atEvents + onLock >= 4;
      }, 60_000);
    } finally {
      await hold.release();
    }
    await waitFor('both articles published', async () => {
      const rows = await stack.db.query(`SELECT count(*)::int AS n FROM published_versions WHERE article_id = ANY($1::uuid[])`, [batch.articleIds]);
      return rows.rows[0].n === 4;
    }, 30_000);
    await crew.stop();
    // Give a slow assembly the time to write its events (its version is already visible).
    await waitFor('the assemblies to commit', async () => (await waitingOn(stack, 'relation', '%INSERT INTO events%')) === 0, 10_000);
    await sleep(500);
    const events = await stack.db.query(
      `SELECT a.id::text AS article, count(e.id)::int AS n FROM unnest($1::uuid[]) AS a(id)
       LEFT JOIN events e ON e.article_id = a.id AND e.type = 'article.completed' GROUP BY a.id ORDER BY a.id`,
      [batch.articleIds],
    );
    expect(events.rows.map((r) => `${r.article}: ${r.n}`)).toEqual([...batch.articleIds].sort().map((id) => `${id}: 1`));
  }, 120_000);
});
