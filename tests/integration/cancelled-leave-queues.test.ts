import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/** Tasks a withdrawal or a revision cancels leave their BullMQ queues (TaskQueues.takeOutMany). */
let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

/** Ids of the jobs waiting in the translate queues of ru → en and ru → ar. */
async function waitingJobs(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const locale of ['en', 'ar']) {
    const jobs = await h.api.taskQueues.queue('translate', 'ru', locale).getJobs(['prioritized', 'wait']);
    for (const job of jobs) ids.add(job.id!);
  }
  return ids;
}

async function tasksOf(articleId: string, status?: string): Promise<string[]> {
  const result = await h.api.pool.query<{ id: string }>(
    `SELECT id FROM tasks WHERE article_id = $1 AND ($2::text IS NULL OR status = $2)`,
    [articleId, status ?? null],
  );
  return result.rows.map((r) => r.id);
}

describe('cancelled tasks and the queues', () => {
  it('takes every task of a withdrawn article out of its queue, in every locale', async () => {
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle() });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const tasks = await tasksOf(id);
    expect(tasks.length).toBeGreaterThan(4);
    const before = await waitingJobs();
    for (const task of tasks) expect(before.has(task)).toBe(true);
    expect((await h.call('POST', `/api/v1/articles/${id}/withdraw`, { token: editor })).status).toBe(201);
    const after = await waitingJobs();
    expect(tasks.filter((task) => after.has(task))).toEqual([]);
  });

  it('takes the tasks a revision cancels out of their queues, and leaves the others waiting', async () => {
    const article = freshArticle();
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: article });
    const id = created.body.id as string;
    // The revision drops the subheading and the credit: their tasks are cancelled.
    const revised = { ...article, blocks: article.blocks.slice(0, 1) };
    expect((await h.call('PUT', `/api/v1/articles/${id}`, { token: editor, json: revised })).status).toBe(200);
    const cancelled = await tasksOf(id, 'cancelled');
    const kept = await tasksOf(id, 'queued');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
    const after = await waitingJobs();
    expect(cancelled.filter((task) => after.has(task))).toEqual([]);
    for (const task of kept) expect(after.has(task)).toBe(true);
  });
});
