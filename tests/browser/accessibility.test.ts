import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson, sampleArticle, submitSample } from './people.js';
import { axeViolations, pressNext, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * Every screen in English and in Arabic, with real content on it: axe-core finds no serious or critical
 * violation, and each screen is photographed for docs/screenshots (and looked at).
 */
let workbench: Workbench;
const people = { desk: '', lena: '', samir: '', rita: '' };
let articleId = '';

// The article's second sentence without its date: a close fuzzy match for the translator's screen.
const nearSecond =
  'Президент Азербайджана Ильхам Алиев в ходе телефонного разговора с президентом РФ Владимиром Путиным принес свои извинения и выразил глубокие соболезнования по поводу гибели в Карабахе военнослужащих российского миротворческого контингента.';

const memory = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Алиев принес извинения в связи с гибелью миротворцев.</seg></tuv><tuv xml:lang="en"><seg>Aliyev apologised for the deaths of the peacekeepers.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>Алиев принес извинения в связи с гибелью миротворцев.</seg></tuv><tuv xml:lang="ar"><seg>اعتذر علييف عن مقتل جنود حفظ السلام.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>${nearSecond}</seg></tuv><tuv xml:lang="en"><seg>During a phone call with Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev apologised and expressed his deep condolences over the deaths of Russian peacekeepers in Karabakh.</seg></tuv></tu>
<tu><tuv xml:lang="ru"><seg>${nearSecond}</seg></tuv><tuv xml:lang="ar"><seg>قدّم الرئيس الأذربيجاني إلهام علييف خلال اتصال هاتفي مع الرئيس الروسي فلاديمير بوتين اعتذاره وتعازيه العميقة بمقتل جنود حفظ السلام الروس في قره باغ.</seg></tuv></tu>
</body></tmx>`;

beforeAll(async () => {
  // A webhook to this machine (it never fires here: nothing gets published) needs private addresses allowed.
  workbench = await startWorkbench({ workers: true, env: { DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: 'on' } });
  const { harness } = workbench;
  const admin = harness.adminToken;
  people.desk = await createPerson(harness, 'Desk', ['editor', 'publisher']);
  people.lena = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  people.samir = await createPerson(harness, 'Samir', ['translator'], [{ source: 'ru', target: 'ar' }]);
  people.rita = await createPerson(harness, 'Rita', ['reviewer'], [{ source: 'ru', target: 'en' }, { source: 'ru', target: 'ar' }]);
  const omar = await createPerson(harness, 'Omar', ['translator'], [{ source: 'ru', target: 'en' }, { source: 'ru', target: 'ar' }]);
  for (const [target, translation, forbidden] of [
    ['en', 'Ilham Aliyev', ['Ilkham Aliev']],
    ['ar', 'إلهام علييف', []],
  ] as const) {
    await harness.call('POST', `/api/v1/glossary/ru/${target}`, { token: admin, json: { term: 'Ильхам Алиев', translation, forbidden } });
    await harness.call('POST', `/api/v1/tm/ru/${target}.tmx`, { token: admin, body: memory, headers: { 'content-type': 'application/x-tmx+xml' } });
  }
  const hook = await harness.call('POST', '/api/v1/webhooks', { token: admin, json: { url: 'http://127.0.0.1:9/dragoman-hook', events: ['locale.published'], secret: 'a-secret-of-sixteen-chars' } });
  expect(hook.status).toBe(201);
  articleId = await submitSample(harness, people.desk, ['en', 'ar'], '&review=true');
  // The headline translated into both languages by someone else, waiting for review; the screens' own
  // claims then take the second sentence.
  for (const [targetLocale, text] of [['en', 'Aliyev apologised'], ['ar', 'اعتذر علييف']]) {
    const headline = await harness.call('POST', '/api/v1/tasks/claim', { token: omar, json: { targetLocale } });
    await harness.call('POST', `/api/v1/tasks/${headline.body.id}/submit`, { token: omar, json: { text } });
  }
  await eventually(async () => (await harness.call('GET', `/api/v1/articles/${articleId}`, { token: people.desk })).body.progress.ar.inReview >= 1);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

type Screen = {
  name: string;
  token: () => string;
  path: string;
  ready: (page: Page, lng: 'en' | 'ar') => Promise<void>;
  /** What else the screen must show in that language, once ready. */
  check?: (page: Page, lng: 'en' | 'ar') => Promise<void>;
};

const headings = {
  en: { translate: 'Translate', review: 'Review', articles: 'Articles', newArticle: 'New article', published: 'Published versions', admin: 'Administration' },
  ar: { translate: 'الترجمة', review: 'المراجعة', articles: 'المقالات', newArticle: 'مقالة جديدة', published: 'النسخ المنشورة', admin: 'الإدارة' },
};

// One signed-in page per person and language, reused from screen to screen (as a person's tab would be).
const pages = new Map<string, Page>();
async function pageOf(token: string, lng: 'en' | 'ar'): Promise<Page> {
  const key = `${token} ${lng}`;
  if (!pages.has(key)) pages.set(key, (await workbench.person(token, { languages: [lng] })).page);
  return pages.get(key)!;
}

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

const screens: Screen[] = [
  {
    name: 'translator',
    token: () => people.lena,
    path: '/app/translate',
    async ready(page, lng) {
      await h1(page, headings[lng].translate);
      // The screen is ready when the sentence this claim took is shown, not any task: a task shown from an
      // earlier look at held work would let the check run on a screen still changing under it.
      const [task] = await pressNext(page);
      expect(task?.id).toBeDefined();
      await page.locator(`article.task[data-task-id="${task!.id}"]`).waitFor();
      await page.locator('.suggestion').first().waitFor();
    },
  },
  {
    name: 'reviewer',
    token: () => people.rita,
    path: '/app/review',
    async ready(page, lng) {
      await h1(page, headings[lng].review);
      await page.keyboard.press('Alt+N');
      await page.locator('article.task').waitFor();
      await page.locator('.history li').first().waitFor();
    },
    async check(page, lng) {
      if (lng !== 'ar') return;
      // The history line reads "translated · Omar · <date>" in a right-to-left line: the Latin name is isolated
      // from the date's digits, so it stays whole and the date keeps to its left (once they ran together as
      // "2026/12/Omar · 02").
      const line = page.locator('.history li .muted').first();
      const name = line.locator('bdi', { hasText: 'Omar' });
      expect(await name.innerText()).toBe('Omar');
      const [nameBox, timeBox] = [await name.boundingBox(), await line.locator('bdi time').boundingBox()];
      expect(timeBox!.x + timeBox!.width).toBeLessThanOrEqual(nameBox!.x);
    },
  },
  { name: 'articles', token: () => people.desk, path: '/app/articles', ready: async (page) => page.getByRole('progressbar').first().waitFor() },
  {
    name: 'new-article',
    token: () => people.desk,
    path: '/app/articles/new',
    async ready(page, lng) {
      await h1(page, headings[lng].newArticle);
      await page.locator('textarea').first().fill(sampleArticle);
      await page.keyboard.press('Alt+P');
      await page.locator('.preview-blocks').waitFor();
    },
  },
  {
    name: 'article',
    token: () => people.desk,
    path: '',
    async ready(page) {
      await page.locator('.grid .cell').first().waitFor();
      await page.locator('.grid .cell').nth(1).click();
      await page.locator('.cell-detail').waitFor();
    },
  },
  { name: 'published', token: () => people.desk, path: '/app/published', ready: async (page, lng) => h1(page, headings[lng].published) },
  { name: 'admin-users', token: () => workbench.harness.adminToken, path: '/app/admin/users', ready: async (page) => page.locator('tbody tr').nth(3).waitFor() },
  { name: 'admin-locales', token: () => workbench.harness.adminToken, path: '/app/admin/locales', ready: async (page) => page.locator('tbody tr').first().waitFor() },
  { name: 'admin-glossary', token: () => workbench.harness.adminToken, path: '/app/admin/glossary', ready: async (page) => page.locator('tbody tr').first().waitFor() },
  {
    name: 'admin-memory',
    token: () => workbench.harness.adminToken,
    path: '/app/admin/memory',
    async ready(page) {
      await page.getByRole('searchbox').fill('Алиев');
      await page.keyboard.press('Alt+F');
      await page.locator('tbody tr').first().waitFor();
    },
  },
  { name: 'admin-webhooks', token: () => workbench.harness.adminToken, path: '/app/admin/webhooks', ready: async (page) => page.locator('tbody tr').first().waitFor() },
];

describe.each(['en', 'ar'] as const)('every screen in %s', (lng) => {
  it('has no serious or critical accessibility violation on the sign-in screen', async () => {
    const { page } = await workbench.person('', { languages: [lng], signedIn: false });
    await page.goto('/app/');
    await page.locator('input[type=password]').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lng === 'ar' ? 'rtl' : 'ltr');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `sign-in-${lng}`);
  });

  it.each(screens.map((screen) => [screen.name, screen] as const))('has no serious or critical accessibility violation: %s', async (name, screen) => {
    // In Arabic the translator works into Arabic: an right-to-left editor in a right-to-left interface.
    const token = lng === 'ar' && name === 'translator' ? people.samir : screen.token();
    const page = await pageOf(token, lng);
    await page.goto(screen.path || `/app/articles/${articleId}`);
    await screen.ready(page, lng).catch(async (error) => {
      await screenshot(page, `failed-${name}-${lng}`);
      throw error;
    });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lng === 'ar' ? 'rtl' : 'ltr');
    expect(await axeViolations(page)).toEqual([]);
    await screen.check?.(page, lng);
    await screenshot(page, `${name}-${lng}`);
  }, 45_000);
});
