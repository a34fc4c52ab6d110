import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { recordClaimBatched } from '../../src/storage/claims-repo.js';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * "Submit, then next": the submit's statement reads what the next claim needs first (held count and
 * continuity candidate), so that claim asks PostgreSQL once. The hint is only a hint: capacity is still
 * checked by the claim statement, and a refused claim leaves the queue as it was. Real API, PostgreSQL and
 * Redis; the API's own pool is watched for the names of the statements it sends.
 */
let h: Harness;
let editor: string;
const sent: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  const pool = h.api.pool as unknown as { query: (...args: unknown[]) => unknown };
  const query = pool.query.bind(pool);
  pool.query = (...args: unknown[]) => {
    const config = args[0] as { name?: string } | string;
    if (typeof config === 'object' && config?.name) sent.push(config.name);
    return query(...args);
  };
});
afterAll(async () => h?.close());

const ruEn = [{ source: 'ru', target: 'en' }];

async function translator(capacity: number): Promise<{ token: string; id: string }> {
  const created = await h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name: 'Next', roles: ['translator'], languagePairs: ruEn, capacity } });
  expect(created.status).toBe(201);
  return { token: created.body.token as string, id: created.body.id as string };
}

/** The statement names the API sent while `work` ran. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const from = sent.length;
  await work();
  return sent.slice(from);
}

describe('a claim straight after a submit', () => {
  /**
   * Two articles, the older one's sentences ahead in the queue: a claim that ignored continuity would take
   * the older article's head. The person is given the newer article's sentence `at` by an editor.
   */
  async function personInNewerArticle(capacity: number, at = 0) {
    expect((await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).status).toBe(201);
    const newer = (await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).body;
    const person = await translator(capacity);
    const sentences = await h.api.pool.query<{ id: string; position: number }>(
      `SELECT t.id, l.position FROM tasks t JOIN articles a ON a.id = t.article_id
       JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.segment_id = t.segment_id
       WHERE t.article_id = $1 AND t.target_locale = 'en' ORDER BY l.position`,
      [newer.id],
    );
    const given = sentences.rows[at]!;
    expect((await h.call('POST', `/api/v1/tasks/${given.id}/reassign`, { token: editor, json: { assigneeId: person.id } })).status).toBe(200);
    return { person, newer: newer.id as string, given, sentences: sentences.rows };
  }

  it('takes the next sentence of the person\'s article with one claim statement, where a claim without a submit before it needs two', async () => {
    const { person, newer, given, sentences } = await personInNewerArticle(2);
    expect((await h.call('POST', `/api/v1/tasks/${given.id}/submit`, { token: person.token, json: { text: 'First, done.' } })).status).toBe(200);
    let next: { id: string; position: number; articleId: string } | undefined;
    const nextClaim = await statementsOf(async () => {
      next = (await h.call('POST', '/api/v1/tasks/claim', { token: person.token, json: {} })).body;
    });
    expect(nextClaim).not.toContain('claim_outlook_batch');
    expect(nextClaim.filter((n) => n === 'record_claim_batch')).toHaveLength(1);
    // Continuity, not the older article's head.
    expect(next!.articleId).toBe(newer);
    expect(next!.id).toBe(sentences[given.position + 1]!.id);

    // The kept outlook is used once: a further claim (no submit between) reads the outlook again, and still
    // continues the article.
    let third: { id: string } | undefined;
    const another = await statementsOf(async () => {
      third = (await h.call('POST', '/api/v1/tasks/claim', { token: person.token, json: {} })).body;
    });
    expect(another.filter((n) => n === 'claim_outlook_batch')).toHaveLength(1);
    expect(third!.id).toBe(sentences[given.position + 2]!.id);
  });

  it('reads the outlook afresh when the kept candidate was claimed by someone else since, and still continues the article', async () => {
    const { person, newer, given, sentences } = await personInNewerArticle(2);
    const other = await translator(2);
    expect((await h.call('POST', `/api/v1/tasks/${given.id}/submit`, { token: person.token, json: { text: 'Done.' } })).status).toBe(200);
    // The candidate the submit kept (the next sentence) goes to someone else.
    const candidate = sentences[given.position + 1]!.id;
    expect((await h.call('POST', `/api/v1/tasks/${candidate}/reassign`, { token: editor, json: { assigneeId: other.id } })).status).toBe(200);

    let claimed: Awaited<ReturnType<Harness['call']>> | undefined;
    const statements = await statementsOf(async () => {
      claimed = await h.call('POST', '/api/v1/tasks/claim', { token: person.token, json: {} });
    });
    expect(claimed!.status).toBe(200);
    expect(claimed!.body.articleId).toBe(newer);
    expect(claimed!.body.id).toBe(sentences[given.position + 2]!.id);
    // Nothing spent on the gone candidate in PostgreSQL: one outlook, one claim statement, no "does it still wait?".
    expect(statements.filter((n) => n === 'claim_outlook_batch')).toHaveLength(1);
    expect(statements.filter((n) => n === 'record_claim_batch')).toHaveLength(1);
    expect(statements).not.toContain('task_waiting_after_locks');
  });

  it('is still refused at capacity when the person took work elsewhere after the submit, and the queue keeps its order', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).status).toBe(201);
    }
    const person = await translator(1);
    const first = (await h.call('POST', '/api/v1/tasks/claim', { token: person.token, json: {} })).body;
    expect((await h.call('POST', `/api/v1/tasks/${first.id}/submit`, { token: person.token, json: { text: 'Done.' } })).status).toBe(200);
    // After the submit (whose kept outlook says: nothing held), another API process claims a sentence for
    // them, as its claim path does: the job out of Redis, then the claim statement. They are at capacity, and
    // this process's kept outlook knows nothing of it. A sentence of another article than `first`'s: taking
    // the kept continuity candidate itself would send the claim to read the outlook afresh (a gone candidate).
    const waiting = await h.api.pool.query<{ id: string }>(
      `SELECT id FROM tasks WHERE target_locale = 'en' AND status = 'queued' AND article_id <> $1 ORDER BY id`, [first.articleId]);
    const assigned = waiting.rows[0]!.id;
    expect(await h.api.taskQueues.takeOutAt('translate', 'ru', 'en', assigned)).not.toBeNull();
    const elsewhere = await recordClaimBatched(h.api.pool, { taskId: assigned, userId: person.id, stage: 'translate', leaseSeconds: 60, via: 'editor' });
    expect(elsewhere).toMatchObject({ id: assigned });

    const queue = h.api.taskQueues.queue('translate', 'ru', 'en');
    const scores = async () => {
      const rows = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE status = 'queued' AND target_locale = 'en' ORDER BY id`);
      return Promise.all(rows.rows.map(async (r) => [r.id, await h.api.redis.zscore(queue.keys.prioritized!, r.id)]));
    };
    const before = await scores();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every(([, score]) => score !== null)).toBe(true);

    let refused: Awaited<ReturnType<Harness['call']>> | undefined;
    const statements = await statementsOf(async () => {
      refused = await h.call('POST', '/api/v1/tasks/claim', { token: person.token, json: {} });
    });
    // The hint was used (no outlook read), so it was the claim statement's own capacity check that refused.
    expect(statements).not.toContain('claim_outlook_batch');
    expect(statements).toContain('record_claim_batch');
    refused = refused!;
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('over_capacity');
    const held = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE assignee = $1`, [person.id]);
    expect(held.rows.map((r) => r.id)).toEqual([assigned]);
    // Whatever job the refused claim took is back at its exact score.
    expect(await scores()).toEqual(before);
  });
});

describe('a submit of a task claimed through the same API process', () => {
  async function claimedSentence(capacity = 2) {
    expect((await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).status).toBe(201);
    const person = await translator(capacity);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: person.token, json: {} });
    expect(claim.status).toBe(200);
    return { person, taskId: claim.body.id as string };
  }
  const historyOf = async (taskId: string) =>
    (await h.api.pool.query<{ action: string; text: string | null }>(`SELECT action, text FROM translation_history WHERE task_id = $1 ORDER BY id`, [taskId])).rows;

  it('moves it without reading it first: the claim\'s row stands in for the read', async () => {
    const { person, taskId } = await claimedSentence();
    let submitted: Awaited<ReturnType<Harness['call']>> | undefined;
    const statements = await statementsOf(async () => {
      submitted = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: 'Straight in.' } });
    });
    expect(submitted!.status).toBe(200);
    expect(submitted!.body).toMatchObject({ id: taskId, status: 'done' });
    expect(statements).not.toContain('find_task_batch');
    expect(statements).not.toContain('find_task');
    expect(statements.filter((n) => n === 'submit_move_batch')).toHaveLength(1);
    expect(await historyOf(taskId)).toEqual([{ action: 'submitted', text: 'Straight in.' }]);

    // The same submit again (its first answer lost): nothing kept now, so it reads the task and answers the
    // replay, storing nothing twice.
    const again = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: 'Straight in.' } });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('done');
    expect(await historyOf(taskId)).toHaveLength(1);
  });

  it('answers as a read would when the lease ran out behind the kept row\'s back, and keeps the draft', async () => {
    const { person, taskId } = await claimedSentence();
    // Lapsed in PostgreSQL (the clock that decides) while this process still thinks the lease runs.
    await h.api.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [taskId]);
    const late = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: 'Too late.' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('lease_lost');
    expect(await historyOf(taskId)).toEqual([]);
    const row = await h.api.pool.query<{ status: string; translation: string | null; draft: string | null }>(
      `SELECT status, translation, draft FROM tasks WHERE id = $1`, [taskId]);
    expect(row.rows[0]).toEqual({ status: 'claimed', translation: null, draft: 'Too late.' });
  });

  it('answers as a read would when the task was withdrawn or given to someone else in another process', async () => {
    const { person, taskId } = await claimedSentence();
    const other = await translator(2);
    await h.api.pool.query(`UPDATE tasks SET assignee = $2 WHERE id = $1`, [taskId, other.id]);
    const taken = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: 'Mine?' } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('lease_lost');

    const second = await claimedSentence();
    await h.api.pool.query(`UPDATE tasks SET status = 'cancelled', assignee = NULL, lease_expires_at = NULL WHERE id = $1`, [second.taskId]);
    const withdrawn = await h.call('POST', `/api/v1/tasks/${second.taskId}/submit`, { token: second.person.token, json: { text: 'Gone.' } });
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.code).toBe('illegal_transition');
    expect(await historyOf(taskId)).toEqual([]);
    expect(await historyOf(second.taskId)).toEqual([]);
  });

  it('tells a person whose task is gone that it is gone, even when the checks refuse the text', async () => {
    const { person, taskId } = await claimedSentence();
    const source = (await h.api.pool.query<{ text: string }>(`SELECT s.text FROM tasks t JOIN segments s ON s.id = t.segment_id WHERE t.id = $1`, [taskId])).rows[0]!.text;
    expect((await h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { disabledChecks: [] } })).status).toBe(200);
    try {
      await h.api.pool.query(`UPDATE tasks SET status = 'cancelled', assignee = NULL, lease_expires_at = NULL WHERE id = $1`, [taskId]);
      // The source as its own translation: refused by the checks on the kept row, but the task is gone.
      const answer = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: source } });
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('illegal_transition');
    } finally {
      await h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { disabledChecks: [...qaCodes] } });
    }
  });

  it('reads the task when it was claimed again since (through another process): the new hold decides about review', async () => {
    const { person, taskId } = await claimedSentence();
    // Withdrawn by a revision, given back by a later one that wants review, and claimed again by the same
    // person through another API process: this process's kept row is of the first hold and says "no review".
    await h.api.pool.query(
      `UPDATE tasks SET review_required = true, claimed_at = now() + interval '1 second',
              lease_expires_at = now() + interval '1 minute', claim_count = claim_count + 1 WHERE id = $1`, [taskId]);
    const submitted = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: 'Needs a look.' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('review_queued');
    const row = await h.api.pool.query<{ status: string }>(`SELECT status FROM tasks WHERE id = $1`, [taskId]);
    expect(row.rows[0]!.status).toBe('review_queued');
    expect(await historyOf(taskId)).toEqual([{ action: 'submitted', text: 'Needs a look.' }]);
  });

  it("queues the review at the priority the article has when the translation is submitted, not at the claim's", async () => {
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'], review: true }) });
    expect(article.status).toBe(201);
    const person = await translator(2);
    // The article's sentence, claimed for the person through this process (as an editor's assignment is).
    const ids = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 ORDER BY id LIMIT 1`, [article.body.id]);
    const taskId = ids.rows[0]!.id;
    expect((await h.call('POST', `/api/v1/tasks/${taskId}/reassign`, { token: editor, json: { assigneeId: person.id } })).status).toBe(200);
    const before = (await h.api.pool.query<{ p: number }>(`SELECT queue_priority AS p FROM tasks WHERE id = $1`, [taskId])).rows[0]!.p;
    expect((await h.call('PATCH', `/api/v1/articles/${article.body.id}`, { token: editor, json: { priority: 'breaking' } })).status).toBe(200);
    const after = (await h.api.pool.query<{ p: number }>(`SELECT queue_priority AS p FROM tasks WHERE id = $1`, [taskId])).rows[0]!.p;
    expect(after).not.toBe(before);
    const submitted = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: 'For review.' } });
    expect(submitted.body.status).toBe('review_queued');
    const job = await h.api.taskQueues.queue('review', 'ru', 'en').getJob(taskId);
    expect(job?.priority).toBe(after);
  });

  it('still runs the checks on the kept sentence: a refused text changes nothing, and the corrected one moves without a read', async () => {
    const { person, taskId } = await claimedSentence();
    const source = (await h.api.pool.query<{ text: string }>(`SELECT s.text FROM tasks t JOIN segments s ON s.id = t.segment_id WHERE t.id = $1`, [taskId])).rows[0]!.text;
    // The harness turns the checks off; this test wants them (the other tests here submit texts they would refuse).
    const settings = (on: boolean) =>
      h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { disabledChecks: on ? [] : [...qaCodes] } });
    expect((await settings(true)).status).toBe(200);
    try {
      // The source handed back as its own translation: a blocking finding, found on the kept sentence.
      const refused = await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: source } });
      expect(refused.status).toBe(422);
      expect(refused.body.qa.map((issue: { code: string }) => issue.code)).toContain('target_untranslated');
      expect(await historyOf(taskId)).toEqual([]);
      // Its numbers kept, so no other check objects.
      const translation = `Put into English ${source.match(/\d+/g)!.join(' ')}.`;
      const statements = await statementsOf(async () => {
        expect((await h.call('POST', `/api/v1/tasks/${taskId}/submit`, { token: person.token, json: { text: translation } })).status).toBe(200);
      });
      expect(statements).not.toContain('find_task_batch');
      expect(await historyOf(taskId)).toEqual([{ action: 'submitted', text: translation }]);
    } finally {
      await settings(false);
    }
  });
});
