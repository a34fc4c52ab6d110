/**
 * Memory first, end to end through the real workers and a provider on a local server: a sentence translation
 * memory matches exactly is never sent to the provider, and a sentence memory matches only fuzzily gets both,
 * the memory match listed above the machine draft in the claim. And the operator's robots directive
 * (DRAGOMAN_MT_ROBOTS) on the public page of a version published with unreviewed machine text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { startFake, type FakeProvider } from '../helpers/fake-mt.js';
import { translateAll } from '../helpers/published-output.js';

let h: Harness;
let fake: FakeProvider;
let editor: string;
let translator: string;

beforeAll(async () => {
  fake = await startFake('libretranslate');
  h = await startHarness({
    workers: true,
    env: { DRAGOMAN_MT: 'ru-en=libretranslate', DRAGOMAN_MT_LIBRETRANSLATE_URL: fake.url, DRAGOMAN_MT_ROBOTS: 'noindex, nofollow' },
  });
  editor = await h.user(['editor', 'publisher']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
}, 60_000);
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

async function submit(headline: string, paragraph: string): Promise<string> {
  const res = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: [{ type: 'paragraph', text: paragraph }] },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

/** Each task of the article: its source, status, machine status and stored suggestions. */
async function tasksOf(articleId: string) {
  const rows = await h.api.pool.query<{ id: string; source: string; status: string; machine: string | null; suggestions: Array<Record<string, any>> | null }>(
    `SELECT t.id, s.text AS source, t.status, x.machine_status AS machine, x.suggestions
     FROM tasks t JOIN segments s ON s.id = t.segment_id LEFT JOIN task_suggestions x ON x.task_id = t.id
     WHERE t.article_id = $1`,
    [articleId],
  );
  return rows.rows;
}

/** Every text sent to the provider in the translate requests from index `from` on. */
const sentSince = (from: number) => fake.translateRequests.slice(from).flatMap((r) => r.body.q as string[]);

const bridge = 'Мост через гавань открыли в понедельник утром.';
const ribbon = 'Мэр перерезал красную ленту ровно в полдень.';
const ribbonLater = 'Мэр перерезал красную ленту ровно в час.';

describe('memory first', () => {
  it('sends no sentence memory matches exactly to the provider, and lists a fuzzy memory match above the machine draft', async () => {
    // A first article, translated by a person, fills translation memory.
    const first = await submit('Мост через гавань открыт для движения', `${bridge} ${ribbon}`);
    await eventually(async () => (await tasksOf(first)).every((t) => t.machine === 'stored'), 20_000);
    await translateAll(h, translator, (_locale, source) => `EN ${source}`);
    await eventually(async () => {
      const rows = await h.api.pool.query(`SELECT source FROM translation_memory WHERE article_id = $1`, [first]);
      const sources = rows.rows.map((r) => r.source);
      return sources.includes(bridge) && sources.includes(ribbon);
    }, 20_000);

    // A second article: the bridge sentence again, in another context (an exact match, not in context, so a
    // translator still confirms it), and a headline close to the ribbon sentence (a fuzzy match).
    const sentBefore = fake.translateRequests.length;
    const second = await submit(ribbonLater, bridge);
    const rows = await eventually(async () => {
      const found = await tasksOf(second);
      return found.length === 2 && found.find((t) => t.source === ribbonLater)?.machine === 'stored' ? found : null;
    }, 20_000);
    // The machine job for the article has run (the headline's draft is stored); it asked only for the headline.
    const sent = sentSince(sentBefore);
    expect(sent.some((text) => text.includes('Мэр перерезал'))).toBe(true);
    expect(sent.filter((text) => text.includes('Мост через гавань'))).toEqual([]);
    const exact = rows.find((t) => t.source === bridge)!;
    expect(exact).toMatchObject({ status: 'queued', machine: null });
    expect(exact.suggestions!.filter((s) => s.origin === 'mt')).toEqual([]);

    // The claims: memory's matches first, the machine draft after a fuzzy match, none beside an exact one.
    const seen = new Map<string, Array<Record<string, any>>>();
    for (let i = 0; i < 2; i++) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
      expect(claim.status, claim.text).toBe(200);
      expect(claim.body.articleId).toBe(second);
      seen.set(claim.body.source, claim.body.suggestions);
      const submitted = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `EN ${claim.body.source}` } });
      expect(submitted.status, submitted.text).toBe(200);
    }
    const fuzzy = seen.get(ribbonLater)!;
    expect(fuzzy.map((s) => (s.origin === 'mt' ? `mt:${s.provider}` : s.kind))).toEqual(['fuzzy', 'mt:libretranslate']);
    expect(fuzzy[0]).toMatchObject({ source: ribbon, target: `EN ${ribbon}` });
    expect(fuzzy[0]!.score).toBeGreaterThanOrEqual(50);
    expect(fuzzy[0]!.score).toBeLessThan(100);
    expect(fuzzy[1]).toMatchObject({ source: ribbonLater, target: expect.stringContaining('T:') });
    const confirmed = seen.get(bridge)!;
    expect(confirmed.map((s) => s.kind)).toEqual(['exact']);
    expect(confirmed[0]).toMatchObject({ score: 100, target: `EN ${bridge}` });
    // Nothing more was sent for the exact match while it waited and was translated.
    expect(sentSince(sentBefore).filter((text) => text.includes('Мост через гавань'))).toEqual([]);
  }, 90_000);
});

describe('DRAGOMAN_MT_ROBOTS', () => {
  /** The robots meta lines in a page's head. */
  const robotsOf = (html: string) => [...html.matchAll(/<meta name="robots"[^>]*>/g)].map((m) => m[0]);

  it('puts its directive on the public page of a version with unreviewed machine text, and only there', async () => {
    const machine = await submit('Порт закрыт из-за сильного шторма', 'Суда ждали у входа в гавань два дня.');
    await eventually(async () => (await tasksOf(machine)).every((t) => t.machine === 'stored'), 20_000);
    const marked = await h.call('PUT', `/api/v1/articles/${machine}/machine-publishing/en`, { token: editor });
    expect(marked.body).toMatchObject({ publishMachineDrafts: true, filled: 2 });
    const page = await eventually(async () => {
      const res = await h.call('GET', `/news/${machine}/en`);
      return res.status === 200 ? res : null;
    });
    expect(robotsOf(page.text)).toEqual(['<meta name="robots" content="noindex, nofollow">']);
    // In the head, where crawlers read it, with the note to readers in the body.
    expect(page.text.indexOf('<meta name="robots"')).toBeLessThan(page.text.indexOf('</head>'));
    expect(page.text).toContain('class="machine-note"');
    const json = await h.call('GET', `/api/v1/published/${machine}/en`, { token: editor });
    expect(json.body.machineTranslation).toEqual({ segments: 2, providers: ['libretranslate'], robots: 'noindex, nofollow' });

    // A version people translated, and the source beside it, carry no directive and no note.
    const people = await submit('Порт снова открыт после шторма', 'Первые суда вошли в гавань утром.');
    await translateAll(h, translator, (_locale, source) => `EN ${source}`);
    const human = await eventually(async () => {
      const res = await h.call('GET', `/news/${people}/en`);
      return res.status === 200 ? res : null;
    });
    const source = await h.call('GET', `/news/${machine}/ru`);
    expect(source.status).toBe(200);
    for (const res of [human, source]) {
      expect(robotsOf(res.text)).toEqual([]);
      expect(res.text).not.toContain('class="machine-note"');
    }
  }, 120_000); // three waits of up to 25 s (or their own) one after the other, within the test's time
});
