import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeLocaleBatched } from '../../src/storage/locale-completion-repo.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

/**
 * A submit marks its locale complete in its own transaction (migration 210), and every completion check,
 * inside a submit or after another finisher's commit, locks the locale's row before it reads the tasks. Of
 * two finishers of one locale the later check then sees both. These tests hold that lock from a transaction
 * of their own, as a concurrent check would, and watch each kind of check wait for it and then decide on
 * what was committed before it got the lock. Real API, PostgreSQL and Redis.
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

/** An article into English with every sentence submitted but its last, which `translator` holds. */
async function oneSentenceLeft(): Promise<{ articleId: string; lastTaskId: string }> {
  const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
  expect(article.status).toBe(201);
  const articleId: string = article.body.id;
  const tasks = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 ORDER BY id`, [articleId]);
  const ids = tasks.rows.map((r) => r.id);
  for (const id of ids) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    if (id === ids.at(-1)) break;
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'In English.' } })).status).toBe(200);
  }
  const held = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 AND status = 'claimed'`, [articleId]);
  expect(held.rows).toHaveLength(1);
  return { articleId, lastTaskId: held.rows[0]!.id };
}

const localeStatus = async (articleId: string) =>
  (await h.api.pool.query<{ status: string }>(`SELECT status FROM article_locales WHERE article_id = $1 AND locale = 'en'`, [articleId])).rows[0]!.status;

/** Some backend of this database waits for a row lock while running a statement that contains `fragment`. */
async function someoneWaitsIn(fragment: string): Promise<void> {
  await eventually(async () => {
    const waiting = await h.api.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`,
      [fragment],
    );
    return waiting.rows[0]!.n > 0 ? true : null;
  });
}

describe('the completion check of a locale', () => {
  it("in a submit waits for a concurrent check of the same locale, then completes it on what that one committed", async () => {
    const { articleId, lastTaskId } = await oneSentenceLeft();
    const other = new pg.Client({ connectionString: h.isolated.config.databaseUrl });
    await other.connect();
    try {
      // Another finisher's check holds the locale's row.
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM article_locales WHERE article_id = $1 AND locale = 'en' FOR NO KEY UPDATE`, [articleId]);
      const submit = h.call('POST', `/api/v1/tasks/${lastTaskId}/submit`, { token: translator, json: { text: 'The last one.' } });
      await someoneWaitsIn('submit_tasks');
      // The submit's move is done but waits, uncommitted, on the lock: nothing of it is visible yet.
      expect(await localeStatus(articleId)).toBe('translating');
      expect((await h.api.pool.query(`SELECT status FROM tasks WHERE id = $1`, [lastTaskId])).rows[0].status).toBe('claimed');
      await other.query('COMMIT');
      const answer = await submit;
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('done');
      expect(await localeStatus(articleId)).toBe('complete');
    } finally {
      await other.end();
    }
    // The submit queued the assembly itself: the version is published without any other check.
    await h.startWorkers();
    try {
      await eventually(async () => ((await localeStatus(articleId)) === 'published' ? true : null));
    } finally {
      await h.stopWorkers();
    }
  });

  it('after another finisher\'s commit waits for a check in progress, then sees what that check\'s transaction committed', async () => {
    const { articleId, lastTaskId } = await oneSentenceLeft();
    const finisher = new pg.Client({ connectionString: h.isolated.config.databaseUrl });
    await finisher.connect();
    try {
      // A submit's transaction, as submit_tasks runs it: the last task moved, then the locale's row locked
      // for its check (which, run before this commit, could not see the task done by anyone else).
      await finisher.query('BEGIN');
      await finisher.query(`UPDATE tasks SET status = 'done', translation = 'Finished elsewhere.', assignee = NULL, lease_expires_at = NULL WHERE id = $1`, [lastTaskId]);
      await finisher.query(`SELECT 1 FROM article_locales WHERE article_id = $1 AND locale = 'en' FOR NO KEY UPDATE`, [articleId]);
      // A check run after some other commit (a review approved, a delivery): it must not decide on a
      // snapshot that misses the finisher's task.
      const check = completeLocaleBatched(h.api.pool, { articleId, locale: 'en' });
      await someoneWaitsIn('complete_locales');
      await finisher.query('COMMIT');
      expect(await check).toBe(1);
      expect(await localeStatus(articleId)).toBe('complete');
    } finally {
      await finisher.end();
    }
  });

  it('that waited on the row of a revision superseded meanwhile goes on to lock the new revision\'s row before it decides', async () => {
    const { articleId, lastTaskId } = await oneSentenceLeft();
    const [revise, earlier, finisher] = [0, 1, 2].map(() => new pg.Client({ connectionString: h.isolated.config.databaseUrl }));
    await Promise.all([revise, earlier, finisher].map((c) => c!.connect()));
    try {
      // A revision in progress (revision 2, the same sentences): it supersedes revision 1's row, holding it.
      await revise!.query('BEGIN');
      await revise!.query(`UPDATE article_locales SET status = 'superseded' WHERE article_id = $1 AND revision = 1`, [articleId]);
      await revise!.query(`UPDATE articles SET revision = 2 WHERE id = $1`, [articleId]);
      await revise!.query(
        `INSERT INTO revision_segments (article_id, revision, position, segment_id, block_index, block_type, space_after)
         SELECT article_id, 2, position, segment_id, block_index, block_type, space_after FROM revision_segments WHERE article_id = $1 AND revision = 1`,
        [articleId]);
      await revise!.query(
        `INSERT INTO article_locales (article_id, locale, revision, total, status)
         SELECT article_id, locale, 2, total, 'translating' FROM article_locales WHERE article_id = $1 AND revision = 1`, [articleId]);
      // Someone else waits for revision 1's row first (so the check below wakes after the revision commits).
      const earlierLock = earlier!.query('BEGIN').then(() =>
        earlier!.query(`SELECT 'earlier' FROM article_locales WHERE article_id = $1 AND revision = 1 FOR NO KEY UPDATE`, [articleId]));
      await someoneWaitsIn("'earlier'");
      // The check: revision 1 is current in its snapshot, so it waits for revision 1's row.
      const check = completeLocaleBatched(h.api.pool, { articleId, locale: 'en' });
      await someoneWaitsIn('complete_locales');
      await revise!.query('COMMIT');
      await earlierLock;
      // Revision 2 is committed; a finisher takes the last sentence and holds revision 2's row for its check.
      await finisher!.query('BEGIN');
      await finisher!.query(`UPDATE tasks SET status = 'done', translation = 'The last.', assignee = NULL, lease_expires_at = NULL WHERE id = $1`, [lastTaskId]);
      await finisher!.query(`SELECT 1 FROM article_locales WHERE article_id = $1 AND revision = 2 FOR NO KEY UPDATE`, [articleId]);
      // The check gets revision 1's row. Deciding now, on revision 2 without its lock, it would miss the
      // finisher's sentence (not committed) while the finisher's check misses nothing only by luck: it must
      // wait for revision 2's row instead.
      let settled = false;
      void check.finally(() => {
        settled = true;
      });
      await earlier!.query('COMMIT');
      // Settled, or waiting for the finisher itself (not still for the earlier holder, which the waiting
      // list may show for a moment after its commit).
      const finisherPid = (finisher as unknown as { processID: number }).processID;
      await eventually(async () => {
        if (settled) return true;
        const waiting = await h.api.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND query LIKE '%complete_locales%' AND $1 = ANY(pg_blocking_pids(pid))`,
          [finisherPid]);
        return waiting.rows[0]!.n > 0 ? true : null;
      });
      await finisher!.query('COMMIT');
      expect(await check).toBe(2);
      expect((await h.api.pool.query(`SELECT status FROM article_locales WHERE article_id = $1 AND revision = 2`, [articleId])).rows[0].status).toBe('complete');
    } finally {
      await Promise.all([revise, earlier, finisher].map((c) => c!.end()));
    }
  });

  it('answers null and marks nothing while a segment is unfinished', async () => {
    const { articleId } = await oneSentenceLeft();
    expect(await completeLocaleBatched(h.api.pool, { articleId, locale: 'en' })).toBeNull();
    expect(await localeStatus(articleId)).toBe('translating');
  });
});
