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
  reviewer = await h.user(['reviewer'], [{ source: 'ru', target: 'ar' }]);
});
afterAll(async () => h?.close());

const sentence =
  'Президент Азербайджана Ильхам Алиев в ходе телефонного разговора с президентом РФ Владимиром Путиным принес свои извинения и выразил глубокие соболезнования по поводу гибели в Карабахе 20 сентября военнослужащих российского миротворческого контингента.';
const english =
  'In a telephone conversation with Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev apologised and expressed his deep condolences over the deaths of Russian peacekeepers in Karabakh on September 20.';
const arabic =
  'قدّم الرئيس الأذربيجاني إلهام علييف، خلال اتصال هاتفي مع الرئيس الروسي فلاديمير بوتين، اعتذاره وأعرب عن تعازيه العميقة في مقتل عسكريين من قوة حفظ السلام الروسية في قره باغ في 20 سبتمبر.';

async function claimFor(locale: string, review = false) {
  await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: [locale], headline: sentence, blocks: [], review },
  });
  const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: locale } });
  expect(claim.status).toBe(200);
  return claim.body;
}

describe('QA on submit', () => {
  it('accepts a correct English translation without findings', async () => {
    const task = await claimFor('en');
    const res = await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token: translator, json: { text: english } });
    expect(res.status).toBe(200);
    expect(res.body.qa).toEqual([]);
  });

  it('blocks errors with 422, naming each finding in the caller\'s language, and stores nothing', async () => {
    const task = await claimFor('en');
    const broken = english.replace('on September 20', 'recently').replace('Ilham Aliyev', 'Ильхам Алиев');
    const res = await h.call('POST', `/api/v1/tasks/${task.id}/submit`, {
      token: translator,
      json: { text: broken },
      headers: { 'accept-language': 'ru' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('qa_failed');
    const codes = res.body.qa.map((q: { code: string }) => q.code);
    expect(codes).toEqual(expect.arrayContaining(['cyrillic_in_target', 'date_possibly_missing']));
    const cyrillic = res.body.qa.find((q: { code: string }) => q.code === 'cyrillic_in_target');
    expect(cyrillic.severity).toBe('error');
    expect(cyrillic.message).toMatch(/кириллиц/i);
    expect(broken.slice(cyrillic.span.start, cyrillic.span.end)).toBe('Ильхам Алиев');
    const stored = await h.api.pool.query('SELECT status, translation FROM tasks WHERE id = $1', [task.id]);
    expect(stored.rows[0]).toEqual({ status: 'claimed', translation: null });
    // Fixed, it goes through; a missing full stop is only a warning.
    const fixed = await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token: translator, json: { text: english.replace(/\.$/, '') } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.qa.map((q: { code: string }) => q.code)).toEqual(['ending_punctuation_missing']);
    expect(fixed.body.qa[0].message).toContain('.');
  });

  it('checks Arabic targets, and a check turned off for the locale stays silent', async () => {
    const task = await claimFor('ar');
    const withLatinDigitsGone = arabic.replace('20', '٢١');
    const res = await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token: translator, json: { text: withLatinDigitsGone } });
    expect(res.status).toBe(422);
    expect(res.body.qa.map((q: { code: string }) => q.code)).toContain('number_missing');
    // Arabic-Indic digits for the right number are fine.
    const ok = await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token: translator, json: { text: arabic.replace('20', '٢٠') } });
    expect(ok.status).toBe(200);

    await h.call('PUT', '/api/v1/locales/ar/settings', { token: h.adminToken, json: { disabledChecks: ['number_missing', 'date_missing'] } });
    const next = await claimFor('ar');
    const relaxed = await h.call('POST', `/api/v1/tasks/${next.id}/submit`, { token: translator, json: { text: withLatinDigitsGone } });
    expect(relaxed.status).toBe(200);
    const bad = await h.call('PUT', '/api/v1/locales/ar/settings', { token: h.adminToken, json: { disabledChecks: ['no_such_check'] } });
    expect(bad.status).toBe(422);
    await h.call('PUT', '/api/v1/locales/ar/settings', { token: h.adminToken, json: { disabledChecks: [] } });
  });

  it('checks a reviewer\'s edit too', async () => {
    const task = await claimFor('ar', true);
    await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token: translator, json: { text: arabic } });
    const review = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer, json: {} });
    expect(review.body.id).toBe(task.id);
    const edit = await h.call('POST', `/api/v1/reviews/${task.id}/approve`, { token: reviewer, json: { text: '' } });
    expect(edit.status).toBe(422);
    const untranslated = await h.call('POST', `/api/v1/reviews/${task.id}/approve`, { token: reviewer, json: { text: sentence } });
    expect(untranslated.status).toBe(422);
    expect(untranslated.body.qa.map((q: { code: string }) => q.code)).toContain('target_untranslated');
    const approve = await h.call('POST', `/api/v1/reviews/${task.id}/approve`, { token: reviewer, json: {} });
    expect(approve.status).toBe(200);
  });
});
