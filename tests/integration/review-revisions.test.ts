import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let translator: string;
let reviewer: string;

beforeAll(async () => {
  h = await startHarness({ workers: true, env: {} });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  reviewer = await h.user(['reviewer'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

const base = {
  sourceLang: 'ru',
  targetLocales: ['en'],
  headline: 'Путин и Алиев провели телефонный разговор',
  blocks: [
    { type: 'paragraph', text: 'Лидеры обсудили ситуацию в Карабахе. Об этом сообщает пресс-служба Кремля.' },
    { type: 'paragraph', text: 'Стороны договорились продолжить контакты.' },
  ],
};

async function translateAll(prefix = 'EN') {
  const done: string[] = [];
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    if (claim.status === 204) return done;
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `${prefix}: ${claim.body.source}` } });
    expect(submit.status).toBe(200);
    done.push(claim.body.source);
  }
}

describe('review', () => {
  it('publishes only approved segments; a rejection goes back to the same translator with the comment', async () => {
    // Every sentence to a translator: other tests may already have put `base` into memory (with other texts).
    await h.api.pool.query('DELETE FROM translation_memory');
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: { ...base, review: true } });
    expect(article.body.review).toEqual(['en']);
    await translateAll();
    const progress = await h.call('GET', `/api/v1/articles/${article.body.id}`, { token: editor });
    expect(progress.body.progress.en).toMatchObject({ total: 4, done: 0, inReview: 4 });

    const first = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer, json: {} });
    expect(first.status).toBe(200);
    expect(first.body.stage).toBe('review');
    expect(first.body.translation).toBe(`EN: ${first.body.source}`);
    // The reviewer sees what kind of block the sentence stands in, and the article's headline, as translators do.
    expect(first.body.blockType).toBe(first.body.source === base.headline ? 'headline' : 'paragraph');
    expect(first.body.headline).toBe(base.headline);
    // A reviewer cannot submit as a translator, and a translator cannot approve.
    expect((await h.call('POST', `/api/v1/reviews/${first.body.id}/approve`, { token: translator, json: {} })).status).toBe(403);

    const rejected = await h.call('POST', `/api/v1/reviews/${first.body.id}/reject`, { token: reviewer, json: { comment: 'Use "Kremlin press service".' } });
    expect(rejected.status).toBe(200);
    const again = await h.call('POST', `/api/v1/reviews/${first.body.id}/approve`, { token: reviewer, json: {} });
    expect(again.status).toBe(409);
    const back = await h.call('GET', '/api/v1/tasks/mine', { token: translator });
    const returned = back.body.tasks.find((t: { id: string }) => t.id === first.body.id);
    expect(returned).toMatchObject({ reviewComment: 'Use "Kremlin press service".', translation: `EN: ${first.body.source}` });
    await h.call('POST', `/api/v1/tasks/${first.body.id}/submit`, { token: translator, json: { text: `EN fixed: ${first.body.source}` } });

    for (;;) {
      const claim = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer, json: {} });
      if (claim.status === 204) break;
      const edited = claim.body.id === first.body.id ? undefined : `${claim.body.translation} (checked)`;
      const approve = await h.call('POST', `/api/v1/reviews/${claim.body.id}/approve`, { token: reviewer, json: edited ? { text: edited } : {} });
      expect(approve.status).toBe(200);
    }
    const version = await eventually(async () => {
      const res = await h.call('GET', `/api/v1/published/${article.body.id}/en`, { token: editor });
      return res.status === 200 ? res.body : null;
    });
    const published = [version.headline, ...version.blocks.map((b: { text: string }) => b.text)].join(' ');
    expect(published).toContain(`EN fixed: ${first.body.source}`);
    expect(published.match(/\(checked\)/g)).toHaveLength(3);

    const history = await h.call('GET', `/api/v1/segments/${first.body.segmentId}/history`, { token: editor });
    expect(history.body.history.map((e: { stage: string; action: string }) => `${e.stage}:${e.action}`)).toEqual([
      'translation:submitted',
      'rejection:rejected',
      'translation:submitted',
      'review:approved',
    ]);
    expect(history.body.history[1].comment).toBe('Use "Kremlin press service".');
    expect(history.body.history[0].by).toMatchObject({ name: 'translator' });
  });

  it('uses the locale default when the article does not say', async () => {
    const checksOff = (await h.api.pool.query(`SELECT disabled_checks FROM locale_settings WHERE locale = 'en'`)).rows[0].disabled_checks;
    const settings = await h.call('PUT', '/api/v1/locales/en/settings', {
      token: h.adminToken,
      json: { reviewByDefault: true, disabledChecks: checksOff },
    });
    expect(settings.status).toBe(200);
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: base });
    expect(article.body.review).toEqual(['en']);
    const explicit = await h.call('POST', '/api/v1/articles', { token: editor, json: { ...base, review: false } });
    expect(explicit.body.review).toEqual([]);
    await h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { reviewByDefault: false, disabledChecks: checksOff } });
    await translateAll();
    for (;;) {
      const claim = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer, json: {} });
      if (claim.status === 204) break;
      await h.call('POST', `/api/v1/reviews/${claim.body.id}/approve`, { token: reviewer, json: {} });
    }
  });

  it('refuses illegal moves with 409', async () => {
    // A headline memory has never seen: earlier tests' translations may fill every other sentence at ingest.
    const headline = 'Путин и Алиев снова обсудили Карабах';
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: { ...base, headline, review: false } });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    // Approving a task that is being translated is not a review.
    const approve = await h.call('POST', `/api/v1/reviews/${claim.body.id}/approve`, { token: reviewer, json: {} });
    expect([403, 409]).toContain(approve.status);
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'done' } });
    const heartbeatDone = await h.call('POST', `/api/v1/tasks/${claim.body.id}/heartbeat`, { token: translator });
    expect(heartbeatDone.status).toBe(409);
    expect(heartbeatDone.body.code).toBe('illegal_transition');
    const releaseDone = await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: editor });
    expect(releaseDone.status).toBe(409);
    await translateAll();
    expect(article.status).toBe(201);
  });
});

describe('revisions', () => {
  it('re-queues only changed and new sentences, cancels dropped ones, and keeps revision n readable until n+1 is done', async () => {
    // Memory already knows `base` from the tests above: clear it so every sentence goes to a translator.
    // The memorize worker may still be writing those tests' finished tasks into memory; clearing it before
    // that is done would let them back in. So: first every finished task in memory, then the delete.
    await eventually(async () => {
      const pending = await h.api.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tasks WHERE status = 'done' AND NOT memorized AND translation IS NOT NULL`,
      );
      return pending.rows[0]!.n === 0;
    });
    await h.api.pool.query('DELETE FROM translation_memory');
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: base });
    const id = created.body.id as string;
    await translateAll('R1');
    await eventually(async () => (await h.call('GET', `/api/v1/published/${id}/en`, { token: editor })).status === 200);

    const revised = {
      ...base,
      blocks: [
        // first sentence changed, second kept
        { type: 'paragraph', text: 'Лидеры подробно обсудили ситуацию в Карабахе. Об этом сообщает пресс-служба Кремля.' },
        // the old second paragraph is removed; a new one is added
        { type: 'paragraph', text: 'Следующий разговор запланирован на октябрь.' },
      ],
    };
    const put = await h.call('PUT', `/api/v1/articles/${id}`, { token: editor, json: revised });
    expect(put.status).toBe(200);
    expect(put.headers.get('revision-created')).toBe('true');
    expect(put.body.revision).toBe(2);
    expect(put.body.progress.en).toMatchObject({ total: 4, done: 2 });
    const same = await h.call('PUT', `/api/v1/articles/${id}`, { token: editor, json: revised });
    expect(same.headers.get('revision-created')).toBe('false');
    expect(same.body.revision).toBe(2);

    // Revision 1 is still what publishing reads.
    const stillOld = await h.call('GET', `/api/v1/published/${id}/en`, { token: editor });
    expect(stillOld.body.revision).toBe(1);

    const queued = await translateAll('R2');
    expect(queued.sort()).toEqual(['Лидеры подробно обсудили ситуацию в Карабахе.', 'Следующий разговор запланирован на октябрь.'].sort());
    const v2 = await eventually(async () => {
      const res = await h.call('GET', `/api/v1/published/${id}/en`, { token: editor });
      return res.body.revision === 2 ? res.body : null;
    });
    expect(v2.blocks.map(({ type, text }: { type: string; text: string }) => ({ type, text }))).toEqual([
      { type: 'paragraph', text: 'R2: Лидеры подробно обсудили ситуацию в Карабахе. R1: Об этом сообщает пресс-служба Кремля.' },
      { type: 'paragraph', text: 'R2: Следующий разговор запланирован на октябрь.' },
    ]);
    const v1 = await h.call('GET', `/api/v1/published/${id}/en?revision=1`, { token: editor });
    expect(v1.body.blocks[1]).toMatchObject({ type: 'paragraph', text: 'R1: Стороны договорились продолжить контакты.' });
  }, 120_000); // three waits of up to 25 s (or their own) one after the other, within the test's time

  it('cancels a held task whose sentence is dropped and tells its holder', async () => {
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: { ...base, blocks: [] } });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.body.articleId).toBe(created.body.id);
    await h.call('PUT', `/api/v1/articles/${created.body.id}`, { token: editor, json: { ...base, headline: 'Новый заголовок', blocks: [] } });
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'old' } });
    expect(submit.status).toBe(409);
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: translator });
    expect(mine.body.notices[0]).toMatchObject({ taskId: claim.body.id, kind: 'cancelled_by_revision' });
    await translateAll();
  });
});
