import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { editTargets, exportFile, submitSampleHtml, upload } from '../helpers/xliff.js';

/**
 * An editor's delivery locks its rows while Redis takes the jobs out of their queue (the two overlap). A
 * claim that holds one of those jobs at that moment keeps it: the unit is refused, nothing of it is
 * written, and every other unit is delivered.
 */
let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

describe('an editor delivery while a claim hands a task over', () => {
  it('refuses the unit whose job the claim holds, delivers the others, and leaves that job to the claim', async () => {
    const article = await submitSampleHtml(h, editor, 'en');
    const exported = await exportFile(h, `/api/v1/articles/${article.id}/locales/en/xliff?fillTarget=source`, editor);
    const file = editTargets(exported, (_id, inner) => `EN ${inner}`);
    // A claim has the head job under its hand-over lock and has not recorded anything in PostgreSQL yet.
    const taken = await h.api.taskQueues.take('translate', 'ru', 'en', randomUUID());
    expect(taken).not.toBeNull();
    const held = (await h.api.pool.query(`SELECT segment_id AS "segmentId" FROM tasks WHERE id = $1`, [taken!.taskId])).rows[0].segmentId;

    const res = await upload(h, `/api/v1/articles/${article.id}/locales/en/xliff`, editor, file);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ accepted: article.segments.length - 1, in_progress: 1 });
    expect(res.body.units.find((u: { id: string }) => u.id === held).outcome).toBe('in_progress');

    const rows = await h.api.pool.query<{ id: string; status: string; translation: string | null }>(
      `SELECT id, status, translation FROM tasks WHERE article_id = $1 AND target_locale = 'en'`,
      [article.id],
    );
    expect(rows.rows).toHaveLength(article.segments.length);
    for (const row of rows.rows) {
      if (row.id === taken!.taskId) expect(row).toMatchObject({ status: 'queued', translation: null });
      else expect(row.status).toBe('done');
    }
    const history = await h.api.pool.query(`SELECT count(*)::int AS n FROM translation_history WHERE task_id = $1`, [taken!.taskId]);
    expect(history.rows[0].n).toBe(0);
    // The job is still the claim's, and goes back to waiting when the claim gives it up.
    const queue = h.api.taskQueues.queue('translate', 'ru', 'en');
    expect(await queue.getJobState(taken!.taskId)).toBe('active');
    await h.api.taskQueues.putBack(taken!);
    expect(['waiting', 'prioritized']).toContain(await queue.getJobState(taken!.taskId));
  });
});
