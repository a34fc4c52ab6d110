import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const gold = JSON.parse(fixture('tass-aliyev-apology.gold.json')) as {
  blocks: Array<{ type: string; text: string; sentences: string[] }>;
};

let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness({ workers: true });
  editor = await h.user(['editor', 'publisher']);
  translator = await h.user(['translator'], [
    { source: 'ru', target: 'en' },
    { source: 'ru', target: 'ar' },
  ]);
});
afterAll(async () => h?.close());

async function translateAll(render: (source: string, locale: string) => string) {
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    if (claim.status === 204) return;
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, {
      token: translator,
      json: { text: render(claim.body.source, claim.body.targetLocale) },
    });
    expect(submit.status).toBe(200);
  }
}

async function published(id: string, locale: string) {
  return eventually(async () => {
    const res = await h.call('GET', `/api/v1/published/${id}/${locale}`, { token: editor });
    return res.status === 200 ? res.body : null;
  });
}

describe('a page pasted as text', () => {
  it('is imported with the gold structure; the dateline is rendered per locale, not translated', async () => {
    const res = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en,ar', {
      token: editor,
      body: fixture('tass-aliyev-apology.ru.txt'),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    expect(res.body.datelineDate).toBe('2023-09-21');
    const goldContent = gold.blocks.filter((b) => b.type !== 'chrome' && b.type !== 'dateline');
    expect(res.body.blocks.map((b: { type: string }) => b.type)).toEqual(goldContent.map((b) => b.type));
    const sentences = res.body.blocks.flatMap((b: { segments: Array<{ text: string }> }) => b.segments.map((s) => s.text));
    expect(sentences).not.toContain('21 сентября 2023');
    expect(sentences).not.toContain('En Ar');
    expect(sentences).toContain('Об этом сообщает пресс-служба Кремля.');
    expect(sentences).toContain('9 ноября президент России Владимир Путин, президент Азербайджана Ильхам Алиев и премьер-министр Армении Никол Пашинян подписали совместное заявление о полном прекращении военных действий.');

    await translateAll((source, locale) => `${locale.toUpperCase()} ${source}`);
    const en = await published(res.body.id, 'en');
    expect(en.dateline).toBe('September 21, 2023');
    const ar = await published(res.body.id, 'ar');
    expect(ar.dateline).toMatch(/سبتمبر|أيلول/);
    expect(ar.dir).toBe('rtl');
  });

  it('needs its languages in the query and a headline', async () => {
    const missing = await h.call('POST', '/api/v1/articles', {
      token: editor,
      body: 'Заголовок\n\nТекст.',
      headers: { 'content-type': 'text/plain' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['sourceLang', 'targetLocales']);
    const empty = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en', {
      token: editor,
      body: '   \n\n  ',
      headers: { 'content-type': 'text/plain' },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toContain('headline');
  });
});

describe('a page pasted as HTML', () => {
  it('keeps inline markup as placeholders for translators and puts it back, sanitised, in the published version', async () => {
    const res = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en', {
      token: editor,
      body: fixture('html/tass-aliyev-apology.html'),
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    const sentences: string[] = res.body.blocks.flatMap((b: { segments: Array<{ text: string }> }) => b.segments.map((s) => s.text));
    const withBold = sentences.find((s) => s.includes('Ильхам Алиев') && s.includes('⟦'));
    expect(withBold).toMatch(/⟦\d+⟧Ильхам Алиев⟦\/\d+⟧/);
    expect(sentences.join(' ')).not.toMatch(/script|onclick|dataLayer/);

    // The translator keeps the placeholders around the words they belong to.
    await translateAll((source) => source.replace(/Ильхам Алиев/g, 'Ilham Aliyev').replace(/пресс-служба Кремля/g, 'the Kremlin press service'));
    const en = await published(res.body.id, 'en');
    const html = en.blocks.map((b: { html: string }) => b.html).join('\n');
    expect(html).toContain('<b>Ilham Aliyev</b>');
    expect(html).toMatch(/<a href="http:\/\/kremlin\.ru\/events\/president\/news\/72345">the Kremlin press service<\/a>/);
    expect(html).not.toMatch(/onclick|style=|<script|target=/);
    expect(en.blocks[0].text).not.toContain('⟦');
    const page = await h.call('GET', `/api/v1/published/${res.body.id}/en`, { token: editor, headers: { accept: 'text/html' } });
    expect(page.text).toContain('<b>Ilham Aliyev</b>');
    expect(page.text).not.toContain('onclick');
  });
});
