import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { bigTranslator, editTargets, exportFile, footprint, sampleHtml, submitSampleHtml, unitIds, upload } from '../helpers/xliff.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  // One locale per test, so each test's claims come from its own article; checks off as for 'en' (harness).
  for (const locale of ['en-GB', 'en-US', 'en-AU', 'en-CA']) await quiet(locale);
});

async function quiet(locale: string, keep: string[] = []) {
  const disabledChecks = qaCodes.filter((code) => !keep.includes(code));
  await h.call('PUT', `/api/v1/locales/${locale}/settings`, { token: h.adminToken, json: { reviewByDefault: false, disabledChecks } });
}
afterAll(async () => h?.close());

const mark = (inner: string) => `EN ${inner}`;

async function tasksOf(segmentIds: string[], locale = 'en') {
  const result = await h.api.pool.query(
    `SELECT segment_id AS "segmentId", status, translation, draft, translated_by AS "translatedBy" FROM tasks
     WHERE segment_id = ANY($1) AND target_locale = $2`,
    [segmentIds, locale],
  );
  return new Map(result.rows.map((row) => [row.segmentId as string, row]));
}

describe('offline batch: a translator takes a stretch to a CAT tool and uploads it', () => {
  it('submits every changed unit through the submit path and reports each unit', async () => {
    const article = await submitSampleHtml(h, editor);
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'en' }]);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 6 } });
    const claimed = claim.body.tasks as Array<{ id: string; segmentId: string }>;
    expect(claimed).toHaveLength(6);
    const exported = await exportFile(h, '/api/v1/tasks/mine/xliff?fillTarget=source', translator);
    const ids = unitIds(exported);
    const [kept, lapsed, ...translated] = ids as [string, string, ...string[]];
    let file = editTargets(exported, (id, inner) => (id === kept ? null : mark(inner)));
    // A unit no export ever had (a CAT tool's copy of another file).
    file = file.replace('</file>', `<unit id="${randomUUID()}"><segment><source>x</source><target>y</target></segment></unit></file>`);
    await h.api.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE segment_id = $1 AND target_locale = 'en'`, [lapsed]);

    const res = await upload(h, '/api/v1/xliff', translator, file);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('2.0');
    const outcome = new Map(res.body.units.map((u: { id: string; outcome: string }) => [u.id, u.outcome]));
    expect(outcome.get(kept)).toBe('unchanged');
    expect(outcome.get(lapsed)).toBe('lease_lost');
    for (const id of translated) expect(outcome.get(id)).toBe('accepted');
    expect(res.body.summary).toEqual({ accepted: 4, unchanged: 1, lease_lost: 1, unknown_unit: 1 });
    expect(res.body.units.find((u: { outcome: string }) => u.outcome === 'lease_lost').message).toMatch(/draft/);

    const tasks = await tasksOf(ids);
    const sources = new Map(article.segments.map((s) => [s.id, s.text]));
    for (const id of translated) expect(tasks.get(id)).toMatchObject({ status: 'done', translation: `EN ${sources.get(id)}` });
    expect(tasks.get(kept)).toMatchObject({ status: 'claimed', translation: null });
    expect(tasks.get(lapsed)).toMatchObject({ draft: `EN ${sources.get(lapsed)}`, translation: null });
    const history = await h.api.pool.query(`SELECT count(*)::int AS n FROM translation_history WHERE segment_id = ANY($1) AND action = 'submitted'`, [ids]);
    expect(history.rows[0].n).toBe(4);

    // The same file again: what was accepted is now unchanged, nothing is submitted twice.
    const again = await upload(h, '/api/v1/xliff', translator, file);
    expect(again.body.summary.accepted ?? 0).toBe(0);
    // The lapsed unit's text is the draft kept for it: unchanged too.
    expect(again.body.summary).toEqual({ unchanged: 6, unknown_unit: 1 });
  });

  it('reports QA errors per unit and stores nothing for them', async () => {
    await quiet('en-GB', ['placeholder_missing']);
    {
      const article = await submitSampleHtml(h, editor, 'en-GB');
      const lead = article.segments.find((s) => /⟦\d+⟧Ильхам/.test(s.text))!;
      const translator = await bigTranslator(h, [{ source: 'ru', target: 'en-GB' }]);
      await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 3 } });
      const exported = await exportFile(h, '/api/v1/tasks/mine/xliff?version=1.2&fillTarget=source', translator);
      expect(unitIds(exported)).toContain(lead.id);
      // The translator dropped the bold around the name.
      const file = editTargets(exported, (id, inner) => (id === lead.id ? inner.replace(/<\/?g[^>]*>/g, '') : null));
      const res = await upload(h, '/api/v1/xliff', translator, file);
      const unit = res.body.units.find((u: { id: string }) => u.id === lead.id);
      expect(unit.outcome).toBe('qa_failed');
      expect(unit.qa.map((f: { code: string }) => f.code)).toContain('placeholder_missing');
      expect(unit.qa[0].message).toBeTruthy();
      expect((await tasksOf([lead.id], 'en-GB')).get(lead.id)).toMatchObject({ status: 'claimed', translation: null });
    }
  });

  it('refuses a unit whose sentence a revision changed after the export, and applies the others', async () => {
    // Whitespace folded (as the page renders anyway), so a sentence can be found and edited in the HTML.
    const html = sampleHtml.replace(/\s+/g, ' ');
    const article = await submitSampleHtml(h, editor, 'en-US', html);
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'en-US' }]);
    await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 6 } });
    const exported = await exportFile(h, '/api/v1/tasks/mine/xliff', translator);
    const ids = unitIds(exported);
    // A claimed sentence the HTML holds as plain text (no tags or entities inside its first words).
    const edited = article.segments.find((s) => ids.includes(s.id) && s.blockIndex > 0 && html.includes(s.text.slice(0, 25)))!;
    const sentence = edited.text.slice(0, 25);
    const revisedHtml = html.replace(sentence, `${sentence} (уточнено)`);
    expect(revisedHtml).not.toBe(html);
    const revised = await h.call('PUT', `/api/v1/articles/${article.id}?sourceLang=ru&targetLocales=en-US`, {
      token: editor,
      body: revisedHtml,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(revised.status).toBe(200);
    const file = exported.replace(/<segment id="s" state="initial">\s*<source>([\s\S]*?)<\/source>/g, (all, inner: string) => `${all}<target>EN ${inner}</target>`);
    const res = await upload(h, '/api/v1/xliff', translator, file);
    const outcome = new Map(res.body.units.map((u: { id: string; outcome: string }) => [u.id, u.outcome]));
    expect(outcome.get(edited.id)).toBe('source_changed');
    for (const id of ids.filter((i) => i !== edited.id)) expect(outcome.get(id)).toBe('accepted');
    expect((await tasksOf([edited.id], 'en-US')).get(edited.id)).toMatchObject({ status: 'cancelled', translation: null, draft: null });
  });
});

describe('agency delivery: an editor imports a translated file for the whole article', () => {
  it('delivers every waiting task, leaves held ones to their translator, and reports the rest', async () => {
    const article = await submitSampleHtml(h, editor, 'en-AU');
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'en-AU' }]);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    const held = claim.body.segmentId as string;
    const exported = await exportFile(h, `/api/v1/articles/${article.id}/locales/en-AU/xliff?version=1.2&fillTarget=source`, editor);
    const file = editTargets(exported, (_id, inner) => mark(inner));
    const before = await footprint(h);

    const other = await submitSampleHtml(h, editor, 'en-AU');
    const wrong = await upload(h, `/api/v1/articles/${other.id}/locales/en-AU/xliff`, editor, file);
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('xliff_mismatch');
    expect(wrong.body.detail).toMatch(/line 3/);
    expect(wrong.body.detail).toContain(`the file is for article ${article.id}`);
    // The reason is in the reader's language like the rest of the problem.
    const russian = await h.call('POST', `/api/v1/articles/${other.id}/locales/en-AU/xliff`, {
      token: editor,
      body: file,
      headers: { 'content-type': 'application/xliff+xml', 'accept-language': 'ru' },
    });
    expect(russian.status).toBe(422);
    expect(russian.body.detail).toContain(`файл относится к материалу ${article.id}`);
    expect(russian.body.detail).not.toMatch(/the file is for/);
    const arabic = await h.call('POST', `/api/v1/articles/${other.id}/locales/en-AU/xliff?lng=ar`, {
      token: editor,
      body: '<?xml version="1.0"?><!DOCTYPE x><xliff/>',
      headers: { 'content-type': 'application/xliff+xml' },
    });
    expect(arabic.status).toBe(422);
    expect(arabic.body.detail).toContain('لا يُسمح بـ DOCTYPE');
    expect(await footprint(h)).toEqual(before);

    const res = await upload(h, `/api/v1/articles/${article.id}/locales/en-AU/xliff`, editor, file);
    expect(res.status).toBe(200);
    const outcome = new Map(res.body.units.map((u: { id: string; outcome: string }) => [u.id, u.outcome]));
    expect(outcome.get(held)).toBe('in_progress');
    expect(res.body.summary).toEqual({ accepted: article.segments.length - 1, in_progress: 1 });
    const tasks = await tasksOf(article.segments.map((s) => s.id), 'en-AU');
    for (const s of article.segments.filter((x) => x.id !== held)) {
      expect(tasks.get(s.id)).toMatchObject({ status: 'done', translation: `EN ${s.text}` });
    }
    const history = await h.api.pool.query(
      `SELECT count(*)::int AS n FROM translation_history WHERE task_id IN (SELECT id FROM tasks WHERE article_id = $1) AND action = 'delivered'`,
      [article.id],
    );
    expect(history.rows[0].n).toBe(article.segments.length - 1);
    // Delivered tasks left their queue: the next claim in the locale is the other article's.
    const next = await h.call('POST', '/api/v1/tasks/claim', { token: await bigTranslator(h, [{ source: 'ru', target: 'en-AU' }]), json: {} });
    expect(next.body.articleId).toBe(other.id);

    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'EN last' } });
    expect(submit.status).toBe(200);
    const locale = await h.api.pool.query(`SELECT status FROM article_locales WHERE article_id = $1 AND locale = 'en-AU'`, [article.id]);
    expect(locale.rows[0].status).toBe('complete');
    const again = await upload(h, `/api/v1/articles/${article.id}/locales/en-AU/xliff`, editor, file);
    expect(again.body.summary).toEqual({ unchanged: article.segments.length - 1, closed: 1 });
  });

  it('keeps the editor route to editors and the file to the article it names', async () => {
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'en-CA' }]);
    const article = await submitSampleHtml(h, editor, 'en-CA');
    const exported = await exportFile(h, `/api/v1/articles/${article.id}/locales/en-CA/xliff`, editor);
    const forbidden = await upload(h, `/api/v1/articles/${article.id}/locales/en-CA/xliff`, translator, exported);
    expect(forbidden.status).toBe(403);
    const unknown = exported.replace(`urn:dragoman:article:${article.id}`, `urn:dragoman:article:${randomUUID()}`);
    const res = await upload(h, '/api/v1/xliff', translator, unknown);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('xliff_mismatch');
  });
});
