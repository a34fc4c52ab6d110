/**
 * Machine suggestions through the real workers with HTTP providers on local servers: claims never wait
 * for a provider, a failing provider opens its circuit and the sentences end without a machine suggestion
 * (never an error for a translator), garbage and exhausted budgets fall back to no suggestion, and an admin
 * can reroute or switch off a pair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requeueMissingMachine } from '../../src/services/machine-suggestions.js';
import { eventually, manyLanguages, startHarness, type Harness } from '../helpers/harness.js';
import { startFake, type FakeProvider } from '../helpers/fake-mt.js';

let h: Harness;
let editor: string;
const fakes: Record<'deepl' | 'libretranslate' | 'azure' | 'openai', FakeProvider> = {} as never;
const translators: Record<string, string> = {};

beforeAll(async () => {
  for (const kind of ['deepl', 'libretranslate', 'azure', 'openai'] as const) fakes[kind] = await startFake(kind);
  h = await startHarness({
    workers: true,
    env: {
      ...manyLanguages,
      DRAGOMAN_MT: 'en-de=deepl,en-fr=libretranslate,en-it=azure,en-pt=openai',
      DRAGOMAN_MT_ATTEMPTS: '2',
      DRAGOMAN_MT_RETRY_MS: '200',
      DRAGOMAN_MT_DEEPL_URL: fakes.deepl.url,
      DRAGOMAN_MT_DEEPL_KEY: 'k',
      DRAGOMAN_MT_DEEPL_TIMEOUT_MS: '20000',
      DRAGOMAN_MT_DEEPL_BATCH_SIZE: '1',
      DRAGOMAN_MT_DEEPL_BREAKER_RESET_MS: '60000',
      DRAGOMAN_MT_LIBRETRANSLATE_URL: fakes.libretranslate.url,
      DRAGOMAN_MT_AZURE_URL: fakes.azure.url,
      DRAGOMAN_MT_AZURE_KEY: 'k',
      DRAGOMAN_MT_AZURE_DAILY_CHARS: '20',
      DRAGOMAN_MT_OPENAI_URL: fakes.openai.url,
      DRAGOMAN_MT_OPENAI_MODEL: 'm',
    },
  });
  editor = await h.user(['editor']);
  for (const locale of ['de', 'fr', 'it', 'pt']) translators[locale] = await h.user(['translator'], [{ source: 'en', target: locale }]);
}, 60_000);
afterAll(async () => {
  await h?.close();
  for (const fake of Object.values(fakes)) await fake?.close();
});

let serial = 0;
async function submit(locale: string): Promise<string> {
  serial += 1;
  const res = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: {
      sourceLang: 'en',
      targetLocales: [locale],
      headline: `Council meets on budget number ${serial}`,
      blocks: [{ type: 'paragraph', text: `The council met on Tuesday for session ${serial}. It approved the plan for session ${serial}.` }],
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function machineStatuses(articleId: string): Promise<Array<{ status: string | null; reason: string | null; mt: number }>> {
  const rows = await h.api.pool.query(
    `SELECT x.machine_status AS status, x.machine_reason AS reason,
            (SELECT count(*)::int FROM jsonb_array_elements(x.suggestions) e WHERE e->>'origin' = 'mt') AS mt
     FROM tasks t LEFT JOIN task_suggestions x ON x.task_id = t.id WHERE t.article_id = $1`,
    [articleId],
  );
  return rows.rows;
}

/** Neither memory lookups nor machine jobs waiting, running or due for a retry. */
async function queuesIdle(): Promise<boolean> {
  for (const queue of [h.api.lookupQueue, h.api.machineQueue]) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
  }
  return true;
}

describe('machine suggestions in the workers', () => {
  it('claims answer without waiting for a provider that is still translating', async () => {
    const deepl = fakes.deepl;
    deepl.always = 'hold';
    const articleId = await submit('de');
    await eventually(async () => deepl.pending > 0, 15_000);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translators.de!, json: {} });
    expect(claim.status).toBe(200);
    expect(claim.body.articleId).toBe(articleId);
    // The provider is still holding the machine request: the claim did not wait for it.
    expect(deepl.pending).toBeGreaterThan(0);
    expect(claim.body.suggestions.filter((s: { origin: unknown }) => s.origin === 'mt')).toEqual([]);

    // Once the provider answers, the drafts are stored and the holder sees them.
    deepl.always = null;
    deepl.release();
    await eventually(async () => (await machineStatuses(articleId)).every((r) => r.status === 'stored'), 20_000);
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: translators.de! });
    const held = mine.body.tasks.find((t: { id: string }) => t.id === claim.body.id);
    expect(held.suggestions.at(-1)).toMatchObject({ origin: 'mt', provider: 'deepl', target: expect.stringContaining('T:') });
  }, 60_000);

  it('a provider answering 5xx opens its circuit; its sentences end without a machine suggestion and claims go on', async () => {
    const deepl = fakes.deepl;
    deepl.always = { status: 503, body: { message: 'Service unavailable' } };
    const before = deepl.translateRequests.length;
    const articleId = await submit('de');
    const rows = await eventually(async () => {
      const found = await machineStatuses(articleId);
      return found.every((r) => r.status === 'unavailable') ? found : null;
    }, 30_000);
    expect(rows.map((r) => r.reason)).toEqual(rows.map(() => 'unavailable'));
    // Three sentences, one per request, two attempts: the open circuit kept most of them from being sent.
    expect(deepl.translateRequests.length - before).toBeLessThan(6);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translators.de!, json: {} });
    expect(claim.status).toBe(200);
    deepl.always = null;
  }, 60_000);

  it('garbage from a provider is no suggestion, and is not asked for again', async () => {
    const libre = fakes.libretranslate;
    libre.always = { status: 200, raw: '{"translatedText": 42}' };
    const articleId = await submit('fr');
    const rows = await eventually(async () => {
      const found = await machineStatuses(articleId);
      return found.every((r) => r.status !== null) ? found : null;
    }, 20_000);
    expect(rows.map((r) => `${r.status}/${r.reason}/${r.mt}`)).toEqual(rows.map(() => 'none/bad_answer/0'));
    expect(libre.translateRequests).toHaveLength(1);
    libre.always = null;
  }, 60_000);

  it('a provider past its daily character budget gets no request, and translators simply see no draft', async () => {
    const articleId = await submit('it');
    const rows = await eventually(async () => {
      const found = await machineStatuses(articleId);
      return found.every((r) => r.status !== null) ? found : null;
    }, 20_000);
    expect(rows.map((r) => `${r.status}/${r.reason}`)).toEqual(rows.map(() => 'unavailable/budget'));
    expect(fakes.azure.requests).toHaveLength(0);
    const usage = await h.call('GET', '/api/v1/mt/usage', { token: h.adminToken });
    expect(usage.body.usage.find((u: { provider: string }) => u.provider === 'azure')).toMatchObject({ characters: 0, requests: 0, skipped: 1 });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translators.it!, json: {} });
    expect(claim.status).toBe(200);
    expect(claim.body.suggestions).toEqual([]);
  }, 60_000);

  it('admins reroute a pair or switch it off; the glossary reaches the language model', async () => {
    const pair = await h.call('POST', '/api/v1/glossary/en/pt', { token: editor, json: { term: 'council', translation: 'câmara municipal' } });
    expect(pair.status).toBe(201);
    const first = await submit('pt');
    await eventually(async () => (await machineStatuses(first)).every((r) => r.status === 'stored'), 20_000);
    const prompt = fakes.openai.translateRequests[0]!.body.messages[0].content as string;
    expect(prompt).toContain('council => câmara municipal');
    // QA checks machine drafts as it checks people: the stand-in model ignored the term, and the draft says so.
    const drafts = await h.api.pool.query(
      `SELECT e FROM tasks t JOIN task_suggestions x ON x.task_id = t.id, jsonb_array_elements(x.suggestions) e
       WHERE t.article_id = $1 AND e->>'origin' = 'mt' AND e->>'source' ILIKE '%council%'`,
      [first],
    );
    expect(drafts.rows.length).toBeGreaterThan(0);
    for (const { e } of drafts.rows) expect(e.qa.map((i: { code: string }) => i.code)).toContain('glossary_term_missing');

    const off = await h.call('PUT', '/api/v1/mt/routes/en/pt', { token: h.adminToken, json: { provider: null } });
    expect(off.status).toBe(200);
    const view = await h.call('GET', '/api/v1/mt', { token: h.adminToken });
    expect(view.body.routes).toContainEqual({ sourceLang: 'en', targetLocale: 'pt', provider: null, from: 'admin' });
    expect(JSON.stringify(view.body)).not.toContain('"k"');
    const sent = fakes.openai.translateRequests.length;
    const second = await submit('pt');
    // Memory is looked up and the machine job has run (both queues idle), and no provider was asked.
    await eventually(async () => {
      const rows = await machineStatuses(second);
      return rows.length > 0 && rows.every((r) => r.status === null && r.mt === 0) && (await queuesIdle());
    }, 10_000);
    expect(fakes.openai.translateRequests.length).toBe(sent);

    const unknown = await h.call('PUT', '/api/v1/mt/routes/en/pt', { token: h.adminToken, json: { provider: 'apertium' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('mt_provider_not_configured');
    const bad = await h.call('PUT', '/api/v1/mt/routes/en/pt', { token: h.adminToken, json: { provider: 'babelfish' } });
    expect(bad.status).toBe(422);
    expect((await h.call('DELETE', '/api/v1/mt/routes/en/pt', { token: h.adminToken })).status).toBe(204);

    // Back on: the reconciler finds the sentences memory looked up a while ago that no provider was asked for.
    await h.api.pool.query(
      `UPDATE task_suggestions SET computed_at = now() - interval '2 minutes' WHERE task_id IN (SELECT id FROM tasks WHERE article_id = $1)`,
      [second],
    );
    expect(await requeueMissingMachine(h.api)).toBe(1);
    await eventually(async () => (await machineStatuses(second)).every((r) => r.status === 'stored' && r.mt === 1), 20_000);
  }, 60_000);
});
