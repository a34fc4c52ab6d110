import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { editTargets, exportFile, submitSampleHtml, upload } from '../helpers/xliff.js';

/**
 * An editor's delivery while a claim is between its two steps: it has taken a job out of the queue
 * (Redis) and not yet recorded the claim (PostgreSQL). PostgreSQL decides: the delivery moves every unit,
 * and the claim, recorded only while its task still waits, takes nothing; no job is left behind.
 */
let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

describe('an editor delivery while a claim is half-way', () => {
  it('delivers every unit though a claim had taken the job of one, and leaves nothing in the queue', async () => {
    const article = await submitSampleHtml(h, editor, 'en');
    const exported = await exportFile(h, `/api/v1/articles/${article.id}/locales/en/xliff?fillTarget=source`, editor);
    const file = editTargets(exported, (_id, inner) => `EN ${inner}`);
    // The claim's first step: the head job is out of its queue, nothing is recorded in PostgreSQL yet.
    const taken = await h.api.taskQueues.takeNext('translate', [{ source: 'ru', target: 'en' }]);
    expect(taken).not.toBeNull();

    const res = await upload(h, `/api/v1/articles/${article.id}/locales/en/xliff`, editor, file);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ accepted: article.segments.length });

    const rows = await h.api.pool.query<{ status: string; assignee: string | null }>(
      `SELECT status, assignee FROM tasks WHERE article_id = $1 AND target_locale = 'en'`,
      [article.id],
    );
    expect(rows.rows).toHaveLength(article.segments.length);
    expect(rows.rows.every((row) => row.status === 'done' && row.assignee === null)).toBe(true);
    const history = await h.api.pool.query(`SELECT count(*)::int AS n FROM translation_history WHERE task_id = $1`, [taken!.taskId]);
    expect(history.rows[0].n).toBe(1);

    // A claim now finds nothing to take: every task is done, and no job of the article is left in the queue.
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(204);
    const counts = await h.api.taskQueues.queue('translate', 'ru', 'en').getJobCounts('wait', 'prioritized', 'active');
    expect(counts).toEqual({ wait: 0, prioritized: 0, active: 0 });
  });
});
