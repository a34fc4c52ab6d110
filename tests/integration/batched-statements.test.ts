import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTermCandidates } from '../../src/storage/glossary-repo.js';
import { recordClaimBatched, type ClaimedTask } from '../../src/storage/claims-repo.js';
import { findTaskBatched, submitMoveBatched } from '../../src/storage/submissions-repo.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * The batched statements of the claim/submit path (src/storage/claims-repo.ts, submissions-repo.ts, locale-completion-repo.ts), called concurrently so
 * the requests really share statements, checked for what a batch must never do: mix up answers, hand one
 * task to two people, let one request's content fail the others, or return another pair's terms.
 */
let h: Harness;
let editor: string;
const ruEn = [{ source: 'ru', target: 'en' }];

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

async function newArticle(headline: string, sentences: string[]) {
  const reply = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: [{ type: 'paragraph', text: sentences.join(' ') }] },
  });
  expect(reply.status).toBe(201);
  return reply.body as { id: string };
}

async function userId(token: string): Promise<string> {
  const mine = await h.api.pool.query<{ id: string }>(`SELECT id FROM users WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
  return mine.rows[0]!.id;
}

describe('batched claim and submit statements', () => {
  it('gives each task of a batch to one claimer only, and answers each caller about its own task', async () => {
    const article = await newArticle('Первый заголовок для пакетов', ['Первое предложение.', 'Второе предложение.', 'Третье предложение.']);
    // The headline and the first two sentences (the third stays waiting).
    const tasks = await h.api.pool.query<{ id: string; source: string }>(
      `SELECT t.id, s.text AS source FROM tasks t JOIN segments s ON s.id = t.segment_id
       JOIN revision_segments l ON l.segment_id = t.segment_id WHERE t.article_id = $1 ORDER BY l.position LIMIT 3`,
      [article.id],
    );
    const people = await Promise.all([0, 1, 2, 3, 4, 5].map(async (n) => userId(await h.user(['translator'], ruEn))));
    // Six claims in the same tick for three tasks, each task wanted twice: they share statements.
    const answers = await Promise.all(
      people.map((person, n) =>
        recordClaimBatched(h.api.pool, { taskId: tasks.rows[n % 3]!.id, userId: person, stage: 'translate', leaseSeconds: 60, via: 'pull' }),
      ),
    );
    // Six people with room to spare: nobody is refused for capacity.
    expect(answers).not.toContain('over_capacity');
    const claims = answers as Array<ClaimedTask | null>;
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(3);
    expect(new Set(won.map((c) => c!.id))).toEqual(new Set(tasks.rows.map((t) => t.id)));
    claims.forEach((claimed, n) => {
      if (!claimed) return;
      expect(claimed.id).toBe(tasks.rows[n % 3]!.id);
      expect(claimed.assignee).toBe(people[n]);
      expect(claimed.source).toBe(tasks.rows[n % 3]!.source);
    });
    // The claim came back with its surroundings: the headline is a block of its own, whose neighbour in
    // the article (the context memory keys on) is the first sentence; that sentence sits in its paragraph.
    const first = won.find((c) => c!.position === 0)!;
    expect(first).toMatchObject({ blockType: 'headline', headline: 'Первый заголовок для пакетов', contextBefore: [], contextAfter: [] });
    expect(first).toMatchObject({ prevSource: null, nextSource: 'Первое предложение.' });
    const second = won.find((c) => c!.position === 1)!;
    expect(second).toMatchObject({ blockType: 'paragraph', contextBefore: [], contextAfter: ['Второе предложение.', 'Третье предложение.'] });
    expect(second).toMatchObject({ prevSource: 'Первый заголовок для пакетов', nextSource: 'Второе предложение.' });
    const history = await h.api.pool.query(`SELECT count(*)::int AS n FROM task_claims WHERE task_id = ANY($1::uuid[])`, [tasks.rows.map((t) => t.id)]);
    expect(history.rows[0].n).toBe(3);
  });

  it('skips a task another transaction is changing instead of waiting for it', async () => {
    const article = await newArticle('Пятый заголовок для пакетов', ['Занято.']);
    const person = await userId(await h.user(['translator'], ruEn));
    const taskId = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 LIMIT 1`, [article.id])).rows[0]!.id;
    const editorSide = await h.api.pool.connect();
    try {
      // An editor's revision holding the row, as retireSegments does.
      await editorSide.query('BEGIN');
      await editorSide.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [taskId]);
      const whileLocked = await recordClaimBatched(h.api.pool, { taskId, userId: person, stage: 'translate', leaseSeconds: 60, via: 'pull' });
      expect(whileLocked).toBeNull();
      await editorSide.query('ROLLBACK');
    } finally {
      editorSide.release();
    }
    const afterwards = await recordClaimBatched(h.api.pool, { taskId, userId: person, stage: 'translate', leaseSeconds: 60, via: 'pull' });
    expect(afterwards).toMatchObject({ assignee: person });
  });

  it('moves only the submits whose sender holds the task, each with its own text', async () => {
    const article = await newArticle('Второй заголовок для пакетов', ['Одно.', 'Два.']);
    const [a, b] = await Promise.all([0, 1].map(async () => userId(await h.user(['translator'], ruEn))));
    const tasks = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 ORDER BY id`, [article.id]);
    const [t1, t2, t3] = tasks.rows.map((t) => t.id);
    await recordClaimBatched(h.api.pool, { taskId: t1!, userId: a!, stage: 'translate', leaseSeconds: 60, via: 'pull' });
    await recordClaimBatched(h.api.pool, { taskId: t2!, userId: b!, stage: 'translate', leaseSeconds: 60, via: 'pull' });
    const moved = await Promise.all([
      submitMoveBatched(h.api.pool, { taskId: t1!, userId: a!, status: 'done', text: 'One, from A' }),
      submitMoveBatched(h.api.pool, { taskId: t2!, userId: a!, status: 'done', text: 'not A’s task' }),
      submitMoveBatched(h.api.pool, { taskId: t2!, userId: b!, status: 'done', text: 'Two, from B' }),
      submitMoveBatched(h.api.pool, { taskId: t3!, userId: b!, status: 'done', text: 'never claimed' }),
    ]);
    expect(moved.map((m) => m !== null)).toEqual([true, false, true, false]);
    // Each moved submit also answers its submitter's outlook for the next claim: A holds nothing else, and
    // A's continuity candidate is the one sentence still waiting if it comes after A's in the article.
    const positions = new Map(
      (await h.api.pool.query<{ id: string; position: number }>(
        `SELECT t.id, l.position FROM tasks t JOIN revision_segments l ON l.segment_id = t.segment_id WHERE t.article_id = $1`,
        [article.id],
      )).rows.map((r) => [r.id, r.position]),
    );
    const after = positions.get(t3!)! > positions.get(t1!)!;
    expect(moved[0]).toEqual({
      outlook: { held: 0, continuity: after ? expect.objectContaining({ id: t3, targetLocale: 'en' }) : null },
      // The article's other sentences still wait: no locale completed.
      completedRevision: null,
      queuePriority: expect.any(Number),
    });
    const rows = await Promise.all([t1!, t2!, t3!].map((id) => findTaskBatched(h.api.pool, id.toUpperCase())));
    expect(rows.map((r) => [r!.status, r!.translation])).toEqual([
      ['done', 'One, from A'],
      ['done', 'Two, from B'],
      ['queued', null],
    ]);
  });

  it('keeps the submits of a batch apart when one of them cannot be stored', async () => {
    const article = await newArticle('Третий заголовок для пакетов', ['Раз.']);
    const [a, b] = await Promise.all([0, 1].map(async () => userId(await h.user(['translator'], ruEn))));
    const [t1, t2] = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 ORDER BY id`, [article.id])).rows.map((t) => t.id);
    await recordClaimBatched(h.api.pool, { taskId: t1!, userId: a!, stage: 'translate', leaseSeconds: 60, via: 'pull' });
    await recordClaimBatched(h.api.pool, { taskId: t2!, userId: b!, stage: 'translate', leaseSeconds: 60, via: 'pull' });
    // A NUL cannot be stored in PostgreSQL text (the HTTP layer refuses it; this is the last line).
    const [bad, good] = await Promise.allSettled([
      submitMoveBatched(h.api.pool, { taskId: t1!, userId: a!, status: 'done', text: 'broken \u0000 text' }),
      submitMoveBatched(h.api.pool, { taskId: t2!, userId: b!, status: 'done', text: 'fine' }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: { outlook: { held: 0, continuity: null }, completedRevision: null, queuePriority: expect.any(Number) } });
    expect((await findTaskBatched(h.api.pool, t1!))!.status).toBe('claimed');
  });

  it('answers glossary lookups of different language pairs with their own terms only', async () => {
    for (const [target, translation] of [['en', 'Aliyev'], ['ar', 'علييف']] as const) {
      const created = await h.call('POST', `/api/v1/glossary/ru/${target}`, { token: editor, json: { term: 'Алиев', translation } });
      expect(created.status).toBe(201);
    }
    const stems = (await h.api.pool.query<{ stems: string[] }>(`SELECT stems FROM glossary_terms WHERE target_locale = 'en'`)).rows[0]!.stems;
    const [en, ar, fr] = await Promise.all(
      ['en', 'ar', 'fr'].map((targetLocale) => findTermCandidates(h.api.pool, { sourceLang: 'ru', targetLocale }, stems)),
    );
    expect(en!.map((t) => t.translation)).toEqual(['Aliyev']);
    expect(ar!.map((t) => t.translation)).toEqual(['علييف']);
    expect(fr).toEqual([]);
  });
});

describe('text people send', () => {
  it('refuses a NUL character by naming the field, and stores half an emoji as the replacement character', async () => {
    const translator = await h.user(['translator'], ruEn);
    await newArticle('Четвертый заголовок для пакетов', ['Смайлик.']);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    const nul = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'a\u0000b' } });
    expect([400, 422]).toContain(nul.status);
    expect(nul.body.errors.map((e: { path: string }) => e.path)).toEqual(['text']);
    expect((await findTaskBatched(h.api.pool, claim.body.id))!.status).toBe('claimed'); // stored nothing
    // The task id in upper case is the same task.
    const half = await h.call('POST', `/api/v1/tasks/${String(claim.body.id).toUpperCase()}/submit`, {
      token: translator,
      body: '{"text":"smile \\ud83d"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(half.status).toBe(200);
    expect((await findTaskBatched(h.api.pool, claim.body.id))!.translation).toBe('smile \ufffd');
  });
});
