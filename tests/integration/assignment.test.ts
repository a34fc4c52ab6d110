import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

const ruEn = [{ source: 'ru', target: 'en' }];

/** Each article has text no other test sent: memory from earlier tests would fill its sentences. */
async function submit(overrides: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'], ...overrides }) });
  expect(res.status).toBe(201);
  return res.body;
}

async function finishAll(token: string) {
  for (;;) {
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token });
    for (const task of mine.body.tasks) {
      await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token, json: { text: `EN ${task.source}` } });
    }
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token, json: {} });
    if (claim.status === 204) return;
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token, json: { text: `EN ${claim.body.source}` } });
  }
}

describe('pull claims', () => {
  it('keeps one translator on consecutive sentences of an article (continuity)', async () => {
    const article = await submit();
    const x = await h.user(['translator'], ruEn);
    const y = await h.user(['translator'], ruEn);
    const yFirst = await h.call('POST', '/api/v1/tasks/claim', { token: y, json: {} });
    const xFirst = await h.call('POST', '/api/v1/tasks/claim', { token: x, json: {} });
    expect([yFirst.body.position, xFirst.body.position]).toEqual([0, 1]);
    await h.call('POST', `/api/v1/tasks/${xFirst.body.id}/submit`, { token: x, json: { text: 'x' } });
    // Sentence 0 goes back to the head of the queue, but x is better served by sentence 2, after theirs.
    await h.call('POST', `/api/v1/tasks/${yFirst.body.id}/release`, { token: y });
    const xNext = await h.call('POST', '/api/v1/tasks/claim', { token: x, json: {} });
    expect(xNext.body.articleId).toBe(article.id);
    expect(xNext.body.position).toBe(2);
    // y, too, continues after the sentence they last took; the returned sentence 0 waits at the head for
    // whoever has no stretch of this article.
    const yNext = await h.call('POST', '/api/v1/tasks/claim', { token: y, json: {} });
    expect(yNext.body.position).toBe(3);
    const z = await h.user(['translator'], ruEn);
    const zFirst = await h.call('POST', '/api/v1/tasks/claim', { token: z, json: {} });
    expect(zFirst.body.position).toBe(0);
    await finishAll(z);
    await finishAll(x);
    await finishAll(y);
  });

  it('lets urgent work beat continuity', async () => {
    await submit();
    const translator = await h.user(['translator'], ruEn);
    const first = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    await h.call('POST', `/api/v1/tasks/${first.body.id}/submit`, { token: translator, json: { text: 'x' } });
    const breaking = await submit({ priority: 'breaking' });
    const next = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(next.body.articleId).toBe(breaking.id);
    await finishAll(translator);
  });

  it('claims a batch of consecutive segments and respects capacity', async () => {
    const article = await submit();
    const translator = await h.user(['translator'], ruEn);
    const batch = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 3 } });
    expect(batch.status).toBe(200);
    const positions = batch.body.tasks.map((t: { position: number; articleId: string }) => {
      expect(t.articleId).toBe(article.id);
      return t.position;
    });
    expect(positions).toEqual([0, 1, 2]);
    await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 10 } }); // up to capacity (5)
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: translator });
    expect(mine.body.tasks).toHaveLength(5);
    const over = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('over_capacity');
    await finishAll(translator);
  });
});

describe('editors', () => {
  it('see who holds what, release and reassign tasks; holders are told', async () => {
    const article = await submit();
    const lena = await h.user(['translator'], ruEn);
    const omar = await h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name: 'Omar', roles: ['translator'], languagePairs: ruEn } });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: lena, json: {} });
    const view = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor });
    expect(view.status).toBe(200);
    const held = view.body.tasks.find((t: { id: string }) => t.id === claim.body.id);
    expect(held.status).toBe('claimed');
    expect(held.assignee.via).toBe('pull');

    const moved = await h.call('POST', `/api/v1/tasks/${claim.body.id}/reassign`, { token: editor, json: { assigneeId: omar.body.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.assignee).toBe(omar.body.id);
    const lenaWork = await h.call('GET', '/api/v1/tasks/mine', { token: lena });
    expect(lenaWork.body.tasks).toEqual([]);
    expect(lenaWork.body.notices[0]).toMatchObject({ taskId: claim.body.id, kind: 'released_by_editor' });
    const omarWork = await h.call('GET', '/api/v1/tasks/mine', { token: omar.body.token });
    expect(omarWork.body.tasks.map((t: { id: string }) => t.id)).toEqual([claim.body.id]);
    const late = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: lena, json: { text: 'mine' } });
    expect(late.status).toBe(409);

    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: editor })).status).toBe(204);
    const after = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor });
    expect(after.body.tasks.find((t: { id: string }) => t.id === claim.body.id).status).toBe('queued');

    const arabicOnly = await h.call('POST', '/api/v1/users', {
      token: h.adminToken,
      json: { name: 'Rania', roles: ['translator'], languagePairs: [{ source: 'ru', target: 'ar' }] },
    });
    const wrong = await h.call('POST', `/api/v1/tasks/${claim.body.id}/reassign`, { token: editor, json: { assigneeId: arabicOnly.body.id } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('unavailable_translator');
    await finishAll(lena);
  });

  it('refuse to give a review to the person who translated it, and leave its reviewer holding it', async () => {
    const ruUk = [{ source: 'ru', target: 'uk' }];
    await h.call('PUT', '/api/v1/locales/uk/settings', { token: h.adminToken, json: { disabledChecks: [...qaCodes] } });
    const person = (name: string) =>
      h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name, roles: ['translator', 'reviewer'], languagePairs: ruUk } });
    const [author, reviewer] = [await person('Taras'), await person('Olena')];
    await submit({ targetLocales: ['uk'], review: true, blocks: [] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: author.body.token, json: {} });
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: author.body.token, json: { text: 'Свої слова' } })).status).toBe(200);
    const review = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer.body.token, json: {} });
    expect(review.body.id).toBe(claim.body.id);

    const refused = await h.call('POST', `/api/v1/tasks/${review.body.id}/reassign`, {
      token: editor,
      json: { assigneeId: author.body.id },
      headers: { 'accept-language': 'ru' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('own_translation');
    expect(refused.body.detail).toContain('Taras');
    expect(refused.body.title).toBe('Собственный перевод');
    // Nothing moved: the reviewer still holds it and was told nothing.
    const reviewerWork = await h.call('GET', '/api/v1/tasks/mine', { token: reviewer.body.token });
    expect(reviewerWork.body.tasks.map((t: { id: string }) => t.id)).toEqual([review.body.id]);
    expect(reviewerWork.body.notices).toEqual([]);
    expect((await h.call('POST', `/api/v1/reviews/${review.body.id}/approve`, { token: reviewer.body.token, json: {} })).status).toBe(200);
  });

  it('sees a task abandoned many times flagged', async () => {
    const article = await submit({ blocks: [] });
    const translator = await h.user(['translator'], ruEn);
    for (let i = 0; i < 3; i++) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
      expect(claim.status).toBe(200);
      await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: translator });
    }
    const view = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor });
    expect(view.body.tasks[0]).toMatchObject({ flagged: true, abandonCount: 3, status: 'queued' });
    const progress = await h.call('GET', `/api/v1/articles/${article.id}`, { token: editor });
    expect(progress.body.progress.en.flagged).toBe(1);
    await finishAll(translator);
  });
});

describe('push assignment', () => {
  it('hands a breaking article to available translators, spread across them, and takes it back when they leave', async () => {
    await h.startWorkers();
    try {
      const people = await Promise.all([1, 2, 3].map(() => h.user(['translator'], ruEn)));
      for (const token of people) {
        const res = await h.call('POST', '/api/v1/translators/me/availability', { token, json: { available: true } });
        expect(res.body).toEqual({ available: true, returned: 0 });
      }
      const article = await submit({ priority: 'breaking' });
      const held = await eventually(async () => {
        const lists = await Promise.all(people.map((token) => h.call('GET', '/api/v1/tasks/mine', { token })));
        const counts = lists.map((l) => l.body.tasks.length);
        return counts.reduce((a, b) => a + b, 0) === 5 ? counts : null;
      });
      // Five sentences over three people: nobody gets more than two.
      expect(Math.max(...held)).toBeLessThanOrEqual(2);
      expect(Math.min(...held)).toBeGreaterThanOrEqual(1);

      const leaving = people[0]!;
      const before = (await h.call('GET', '/api/v1/tasks/mine', { token: leaving })).body.tasks.length;
      const off = await h.call('POST', '/api/v1/translators/me/availability', { token: leaving, json: { available: false } });
      expect(off.body.returned).toBe(before);
      expect((await h.call('GET', '/api/v1/tasks/mine', { token: leaving })).body.tasks).toEqual([]);
      // The others pick the returned work up; everything gets done and published.
      for (const token of people.slice(1)) await finishAll(token);
      await eventually(async () => {
        for (const token of people.slice(1)) await finishAll(token);
        const res = await h.call('GET', `/api/v1/published/${article.id}/en`, { token: editor });
        return res.status === 200;
      }, 15_000);
    } finally {
      await h.stopWorkers();
    }
  });
});
