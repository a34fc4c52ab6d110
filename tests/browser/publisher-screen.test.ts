import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson } from './people.js';
import { axeViolations, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * The publisher's screen with something on it: an article published in two languages appears while the
 * screen is open (from the event stream), and is still listed after a reload (from the list of published
 * articles), for a person with only the publisher role too.
 */
let workbench: Workbench;
let desk = '';
let lena = '';
let samir = '';
let pia = '';
let articleId = '';

const headline = 'Алиев принес извинения';
const paragraph = 'Об этом сообщает пресс-служба Кремля.';
const translations = {
  en: { [headline]: 'Aliyev apologised', [paragraph]: 'The Kremlin press service said so.' },
  ar: { [headline]: 'اعتذر علييف', [paragraph]: 'أعلن ذلك المكتب الصحفي للكرملين.' },
} as Record<'en' | 'ar', Record<string, string>>;

beforeAll(async () => {
  // Workers on: they assemble and publish a finished language version.
  workbench = await startWorkbench({ workers: true });
  const { harness } = workbench;
  desk = await createPerson(harness, 'Desk', ['editor', 'publisher']);
  lena = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  samir = await createPerson(harness, 'Samir', ['translator'], [{ source: 'ru', target: 'ar' }]);
  // Only a publisher: no article desk to fall back on.
  pia = await createPerson(harness, 'Pia', ['publisher']);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

async function translateAll(token: string, locale: 'en' | 'ar'): Promise<void> {
  for (;;) {
    const claim = await workbench.harness.call('POST', '/api/v1/tasks/claim', { token, json: { targetLocale: locale } });
    if (claim.status === 204 || !claim.body?.id) return;
    const text = translations[locale][claim.body.source as string];
    expect(text).toBeTruthy();
    const submitted = await workbench.harness.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token, json: { text } });
    expect(submitted.status).toBe(200);
  }
}

describe('the publisher’s screen', () => {
  it('lists both published versions with their links, live and after a reload', async () => {
    const { page } = await workbench.person(desk);
    await page.goto('/app/published');
    await page.getByRole('heading', { name: 'Nothing has been published yet' }).waitFor();

    const article = await workbench.harness.call('POST', '/api/v1/articles', {
      token: desk,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], headline, blocks: [{ type: 'paragraph', text: paragraph }] },
    });
    expect(article.status).toBe(201);
    articleId = article.body.id as string;
    await translateAll(lena, 'en');
    await translateAll(samir, 'ar');
    const links = await eventually(async () => {
      const answer = await workbench.harness.call('GET', `/api/v1/published/${articleId}`, { token: desk });
      const locales = (answer.body?.locales ?? []) as Array<{ locale: string; href: string }>;
      return locales.some((l) => l.locale === 'en') && locales.some((l) => l.locale === 'ar') ? locales : null;
    });
    const hrefOf = (locale: string) => links.find((l) => l.locale === locale)!.href;

    // Both appear without a reload, each with its link.
    const english = page.getByRole('link', { name: 'Open the English page' });
    const arabic = page.getByRole('link', { name: 'Open the Arabic page' });
    await english.waitFor();
    await arabic.waitFor();
    expect(await english.getAttribute('href')).toBe(hrefOf('en'));
    expect(await arabic.getAttribute('href')).toBe(hrefOf('ar'));
    expect(await arabic.getAttribute('hreflang')).toBe('ar');

    // After a reload the list of published articles brings them back, under the headline.
    await page.reload();
    const entry = page.locator('ul.finished > li').filter({ hasText: headline });
    await entry.waitFor();
    expect(await entry.getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')).sort())).toEqual([hrefOf('ar'), hrefOf('en')].sort());
    expect(await page.getByRole('heading', { name: 'Nothing has been published yet' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'published-versions-en');

    // The links lead to the published versions (the publishing API answers with their text).
    for (const locale of ['en', 'ar'] as const) {
      const version = await workbench.harness.call('GET', `/api/v1/published/${articleId}/${locale}`, { token: desk });
      expect(version.status).toBe(200);
      expect(JSON.stringify(version.body)).toContain(translations[locale][headline]);
    }
  }, 120_000);

  it('shows a person with only the publisher role both links, after a reload too', async () => {
    expect(articleId).not.toBe('');
    const links = await workbench.harness.call('GET', `/api/v1/published/${articleId}`, { token: pia });
    expect(links.status).toBe(200);
    const expected = (links.body.locales as Array<{ locale: string; href: string }>)
      .filter((l) => l.locale !== 'ru')
      .map((l) => l.href)
      .sort();
    expect(expected.length).toBe(2);

    const { page } = await workbench.person(pia);
    await page.goto('/app/published');
    for (const round of ['opened', 'reloaded']) {
      if (round === 'reloaded') await page.reload();
      const entry = page.locator('ul.finished > li').filter({ hasText: headline });
      await entry.waitFor();
      expect(await entry.getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')).sort()), round).toEqual(expected);
      expect(await page.getByRole('heading', { name: 'Nothing has been published yet' }).count(), round).toBe(0);
    }
    // One page holds everything: no "Show more".
    expect(await page.getByRole('button', { name: /Show more/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
});
