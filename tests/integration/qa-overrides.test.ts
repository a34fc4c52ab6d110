import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let translator: string;
let reviewer: string;

beforeAll(async () => {
  h = await startHarness({ qaChecks: 'on' });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [
    { source: 'ru', target: 'en' },
    { source: 'ru', target: 'ar' },
  ]);
  reviewer = await h.user(['reviewer'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

const source = 'В переговорах участвовали 12 делегаций из 7 стран.';
// The source says 7; the desk confirmed 8 is right, so the translator overrides the finding.
const confirmed = 'Twelve delegations from eight countries took part in the talks.';
const reason = 'The agency corrected the figure to eight in a later release.';

async function claimFor(locale: string) {
  const created = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: [locale], headline: source, blocks: [], review: false },
  });
  expect(created.status).toBe(201);
  const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: locale } });
  expect(claim.status).toBe(200);
  return claim.body as { id: string; segmentId: string };
}

const submit = (id: string, json: unknown, lng = 'en') =>
  h.call('POST', `/api/v1/tasks/${id}/submit`, { token: translator, json, headers: { 'accept-language': lng } });

describe('overriding a blocking QA finding', () => {
  it('accepts a blocked submit confirmed with a reason, records it in history and counts it', async () => {
    const task = await claimFor('en');
    const blocked = await submit(task.id, { text: confirmed });
    expect(blocked.status).toBe(422);
    expect(blocked.body.qa.map((q: { code: string }) => q.code)).toContain('number_missing');

    const accepted = await submit(task.id, { text: confirmed, overrides: [{ code: 'number_missing', reason }] });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('done');
    const finding = accepted.body.qa.find((q: { code: string }) => q.code === 'number_missing');
    expect(finding).toMatchObject({ severity: 'error', overridden: true, reason });

    const history = await h.call('GET', `/api/v1/segments/${task.segmentId}/history`, { token: editor });
    const line = history.body.history.find((l: { action: string }) => l.action === 'submitted');
    expect(line.qaOverrides).toEqual([{ code: 'number_missing', reason, params: { number: '7' } }]);

    const counts = await h.call('GET', '/api/v1/qa/overrides?locale=en', { token: editor });
    expect(counts.status).toBe(200);
    expect(counts.body.byCheck).toEqual([{ code: 'number_missing', count: 1 }]);
    expect(counts.body.byTranslator).toEqual([expect.objectContaining({ count: 1, byCheck: { number_missing: 1 } })]);
    const forbidden = await h.call('GET', '/api/v1/qa/overrides', { token: translator });
    expect(forbidden.status).toBe(403);
  });

  it('needs one override per finding, a reason, and refuses structural checks', async () => {
    const task = await claimFor('en');
    const noReason = await submit(task.id, { text: confirmed, overrides: [{ code: 'number_missing', reason: ' ' }] });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('validation_failed');
    const wrongCode = await submit(task.id, { text: confirmed, overrides: [{ code: 'date_missing', reason }] });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.code).toBe('qa_failed');
    const structural = await submit(task.id, { text: confirmed, overrides: [{ code: 'placeholder_missing', reason }] }, 'ru');
    expect(structural.status).toBe(422);
    expect(structural.body.code).toBe('qa_override_not_allowed');
    expect(structural.body.title).toMatch(/нельзя/);
    const stored = await h.api.pool.query('SELECT status FROM tasks WHERE id = $1', [task.id]);
    expect(stored.rows[0].status).toBe('claimed');
  });

  it('sends an overridden translation to review when the locale asks, and shows the reviewer why', async () => {
    await h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { reviewOverrides: true } });
    const task = await claimFor('en');
    const accepted = await submit(task.id, { text: confirmed, overrides: [{ code: 'number_missing', reason }] });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('review_queued');

    const review = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer, json: { targetLocale: 'en' } });
    expect(review.status).toBe(200);
    expect(review.body.id).toBe(task.id);
    expect(review.body.qaOverrides).toEqual([{ code: 'number_missing', reason, params: { number: '7' } }]);

    // The reviewer edits the text and confirms the same finding in turn.
    const edited = confirmed.replace('took part in', 'attended');
    const approved = await h.call('POST', `/api/v1/reviews/${task.id}/approve`, {
      token: reviewer,
      json: { text: edited, overrides: [{ code: 'number_missing', reason: 'Checked against the corrected release.' }] },
    });
    expect(approved.status).toBe(200);
    const history = await h.call('GET', `/api/v1/segments/${task.segmentId}/history`, { token: editor });
    const line = history.body.history.find((l: { action: string }) => l.action === 'edited_and_approved');
    expect(line.qaOverrides[0]).toMatchObject({ code: 'number_missing', reason: 'Checked against the corrected release.' });
    await h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { reviewOverrides: false } });
  });
});

describe('QA severity per locale', () => {
  it('lets an admin make a check a warning, turn it off, or make a warning block', async () => {
    const task = await claimFor('ar');
    const wrong = 'شارك في المحادثات اثنا عشر وفدا من ثماني دول.';
    expect((await submit(task.id, { text: wrong })).status).toBe(422);

    const put = await h.call('PUT', '/api/v1/locales/ar/settings', {
      token: h.adminToken,
      json: { checkSeverities: { number_missing: 'warning', ending_punctuation_different: 'error' } },
    });
    expect(put.status).toBe(200);
    const settings = await h.call('GET', '/api/v1/locales/ar/settings', { token: h.adminToken });
    expect(settings.body.checkSeverities).toEqual({ number_missing: 'warning', ending_punctuation_different: 'error' });

    // Now a warning for ar only, and a different final mark blocks.
    const exclaimed = await submit(task.id, { text: wrong.replace(/\.$/, '!') });
    expect(exclaimed.status).toBe(422);
    expect(exclaimed.body.qa.find((q: { code: string }) => q.code === 'ending_punctuation_different').severity).toBe('error');
    expect(exclaimed.body.qa.find((q: { code: string }) => q.code === 'number_missing').severity).toBe('warning');

    await h.call('PUT', '/api/v1/locales/ar/settings', { token: h.adminToken, json: { checkSeverities: { number_missing: 'off' } } });
    const passed = await submit(task.id, { text: wrong });
    expect(passed.status).toBe(200);
    expect(passed.body.qa.map((q: { code: string }) => q.code)).not.toContain('number_missing');

    const bad = await h.call('PUT', '/api/v1/locales/ar/settings', { token: h.adminToken, json: { checkSeverities: { number_missing: 'fatal' } } });
    expect(bad.status).toBe(422);
  });
});
