/**
 * A real engine that answers nothing: Debian's Apertium Russian-Ukrainian pair exits 0 with empty output on
 * most sentences of our Russian sample (its tagger asserts). Those sentences get no machine suggestion and
 * no error: they are recorded as answered with nothing (not as a failure to retry), and translators claim them as
 * usual, starting from an empty editor even with pre-translation on.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

const sample = readFileSync(new URL('../fixtures/tass-aliyev-apology.ru.txt', import.meta.url), 'utf8');

let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness({ workers: true, env: { DRAGOMAN_MT: 'ru-uk=apertium' } });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'uk' }]);
  expect((await h.call('PUT', '/api/v1/locales/uk/settings', { token: h.adminToken, json: { preTranslate: true } })).status).toBe(200);
}, 60_000);
afterAll(async () => h?.close());

describe('a machine translation engine that answers nothing', () => {
  it('leaves the sentences without a suggestion and without an error, and translators claim them as usual', async () => {
    const created = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=uk', { token: editor, body: sample, headers: { 'content-type': 'text/plain' } });
    expect(created.status, created.text).toBe(201);
    const articleId = created.body.id as string;
    const total = created.body.progress.uk.total as number;
    const rows = await eventually(async () => {
      const found = await h.api.pool.query<{ status: string | null; reason: string | null; suggestions: Array<{ origin?: string }> | null }>(
        `SELECT x.machine_status AS status, x.machine_reason AS reason, x.suggestions
         FROM tasks t LEFT JOIN task_suggestions x ON x.task_id = t.id WHERE t.article_id = $1`,
        [articleId],
      );
      return found.rows.length === total && found.rows.every((row) => row.status !== null) ? found.rows : null;
    }, 60_000);
    // Sentences that come back empty from this pair (all of them with Debian's 0.2.1 package) are recorded
    // as "none", never as a failure to retry.
    const none = rows.filter((row) => row.status === 'none');
    expect(none.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.status === 'unavailable')).toBe(false);
    for (const row of none) expect((row.suggestions ?? []).some((s) => s.origin === 'mt')).toBe(false);
    console.info(`apertium rus-ukr: ${none.length} of ${total} sentences answered with nothing (${[...new Set(none.map((row) => row.reason))].join(', ')})`);

    // A translator claims a stretch as usual: each sentence the engine left empty starts with no machine
    // draft and an empty editor, each it did answer starts from that answer; no claim fails.
    const claimed = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 5 } });
    expect(claimed.status).toBe(200);
    const tasks = claimed.body.tasks as Array<{ id: string; articleId: string; mode: string; draft: string | null; machineDraft: { text: string } | null; suggestions: Array<{ origin?: string }> }>;
    expect(tasks.length).toBeGreaterThan(0);
    const statuses = await h.api.pool.query<{ id: string; status: string }>(
      `SELECT task_id AS id, machine_status AS status FROM task_suggestions WHERE task_id = ANY($1::uuid[])`,
      [tasks.map((task) => task.id)],
    );
    const statusOf = new Map(statuses.rows.map((row) => [row.id, row.status]));
    for (const task of tasks) {
      expect(task.articleId).toBe(articleId);
      const answered = statusOf.get(task.id) === 'stored';
      expect(task.mode).toBe(answered ? 'post-edit' : 'translate');
      expect(task.machineDraft === null).toBe(!answered);
      expect(task.draft === null).toBe(!answered);
      expect(task.suggestions.some((s) => s.origin === 'mt')).toBe(answered);
    }
  }, 120_000);
});
