import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveTask, moveTasks, type TaskMove } from '../../src/storage/tasks-repo.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * The batched move (`moveTasks`) against the single one (`moveTask`): the same changes applied to two
 * identical articles, one task at a time and in one statement, must leave the same tasks, the same history
 * lines and the same per-change answers, including the changes a holder condition refuses.
 */
let h: Harness;
let editor: string;
let people: { a: string; b: string };

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  people = { a: await userId(editor), b: await userId(translator) };
});
afterAll(async () => h?.close());

async function userId(token: string): Promise<string> {
  const rows = await h.api.pool.query<{ id: string }>(`SELECT id FROM users WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
  return rows.rows[0]!.id;
}

const sentences = ['Первое предложение.', 'Второе предложение.', 'Третье предложение.', 'Четвёртое предложение.', 'Пятое предложение.'];

/** An article's tasks in article order: the headline, then the five sentences. */
async function articleTasks(headline: string): Promise<string[]> {
  const reply = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: [{ type: 'paragraph', text: sentences.join(' ') }] },
  });
  expect(reply.status).toBe(201);
  const id = (reply.body as { id: string }).id;
  const tasks = await h.api.pool.query<{ id: string }>(
    `SELECT t.id FROM tasks t JOIN revision_segments l ON l.segment_id = t.segment_id AND l.article_id = t.article_id
     WHERE t.article_id = $1 ORDER BY l.position`,
    [id],
  );
  return tasks.rows.map((r) => r.id);
}

/** Puts tasks in the states the changes below start from (test setup, straight in the table). */
async function prepare(tasks: string[]): Promise<void> {
  const held = (task: string, user: string, lease: string, abandons = 0) =>
    h.api.pool.query(
      `UPDATE tasks SET status = 'claimed', assignee = $2, claimed_at = now(), lease_expires_at = now() + $3::interval, abandon_count = $4 WHERE id = $1`,
      [task, user, lease, abandons],
    );
  await held(tasks[1]!, people.a, '1 minute');
  await held(tasks[2]!, people.a, '-1 second'); // a lapsed lease
  await held(tasks[3]!, people.b, '1 minute', 2); // a third give-back flags it
  await held(tasks[4]!, people.b, '1 minute');
  await h.api.pool.query(`UPDATE tasks SET status = 'reviewing', assignee = $2, claimed_at = now(), lease_expires_at = now() + interval '1 minute',
                                 translation = 'Fifth.', translated_by = $3 WHERE id = $1`, [tasks[5]!, people.b, people.a]);
}

function changes(tasks: string[]): TaskMove[] {
  const a = people.a;
  const b = people.b;
  return [
    // An editor's delivery of a waiting task.
    { taskId: tasks[0]!, status: 'done', userId: a, translation: 'Headline.', translatedBy: a, history: { stage: 'translation', action: 'delivered', text: 'Headline.' } },
    // A submit by the holder, with QA overrides.
    {
      taskId: tasks[1]!, status: 'review_queued', userId: a, translation: 'First.', translatedBy: a, holder: { userId: a, from: 'claimed' },
      history: { stage: 'translation', action: 'submitted', text: 'First.', qaOverrides: [{ check: 'numbers', reason: 'meant' }] },
    },
    // The holder's lease lapsed: refused.
    { taskId: tasks[2]!, status: 'done', userId: a, translation: 'Second.', translatedBy: a, holder: { userId: a, from: 'claimed' }, history: { stage: 'translation', action: 'submitted', text: 'Second.' } },
    // Given back by its holder, without a history line, counted as abandoned.
    { taskId: tasks[3]!, status: 'queued', userId: b, history: null, abandoned: true },
    // Someone who does not hold it: refused.
    { taskId: tasks[4]!, status: 'done', userId: a, translation: 'Fourth.', translatedBy: a, holder: { userId: a, from: 'claimed' }, history: { stage: 'translation', action: 'submitted', text: 'Fourth.' } },
    // A rejection with a comment.
    { taskId: tasks[5]!, status: 'queued', userId: b, reviewedBy: b, reviewComment: 'Try again', holder: { userId: b, from: 'reviewing' }, history: { stage: 'rejection', action: 'rejected', comment: 'Try again' } },
  ];
}

async function stateOf(tasks: string[]) {
  const rows = await h.api.pool.query(
    `SELECT status, assignee, lease_expires_at IS NULL AS "leaseCleared", claimed_at IS NULL AS "claimCleared", assigned_by, translation,
            translated_by, submitted_at IS NOT NULL AS submitted, reviewed_by, review_comment, abandon_count, flagged
     FROM tasks t WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
    [tasks],
  );
  const history = await h.api.pool.query(
    `SELECT array_position($1::uuid[], task_id) AS task, stage, action, text, comment, user_id, qa_overrides
     FROM translation_history WHERE task_id = ANY($1::uuid[]) ORDER BY id`,
    [tasks],
  );
  return { tasks: rows.rows, history: history.rows };
}

describe('moveTasks', () => {
  it('leaves tasks and history exactly as the same moves one by one do, and answers per change', async () => {
    const single = await articleTasks('Заголовок одиночных перемещений');
    const batched = await articleTasks('Заголовок пакетных перемещений');
    await prepare(single);
    await prepare(batched);
    const one: boolean[] = [];
    for (const change of changes(single)) one.push(await moveTask(h.api.pool, change));
    const many = await moveTasks(h.api.pool, changes(batched));
    expect(one).toEqual([true, true, false, true, false, true]);
    expect(many).toEqual(one);
    const [after1, afterMany] = [await stateOf(single), await stateOf(batched)];
    expect(afterMany).toEqual(after1);
    expect(afterMany.tasks[3]).toMatchObject({ status: 'queued', abandon_count: 3, flagged: true });
    expect(afterMany.history.map((row) => row.task)).toEqual([1, 2, 6]);
  });

  it('refuses a batch naming one task twice and writes nothing', async () => {
    const tasks = await articleTasks('Заголовок двойного перемещения');
    const twice = { taskId: tasks[0]!, status: 'done' as const, userId: people.a, history: null };
    await expect(moveTasks(h.api.pool, [twice, twice])).rejects.toThrow(/twice/);
    expect((await stateOf([tasks[0]!])).tasks[0]).toMatchObject({ status: 'queued' });
    expect(await moveTasks(h.api.pool, [])).toEqual([]);
  });
});
