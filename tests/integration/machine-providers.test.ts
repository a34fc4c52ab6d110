/**
 * Each HTTP provider against a local server speaking its published format: the request as the API
 * documents it, success, rate limiting with Retry-After honoured, quota exhausted, 5xx and timeouts opening
 * the circuit, and garbage treated as a bad answer (no suggestion).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMachineDraft } from '../../src/domain/machine/drafts.js';
import { protectPlaceholders } from '../../src/domain/machine/placeholders.js';
import { parseMachineConfig, type ProviderName } from '../../src/machine-config.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { ProviderError } from '../../src/providers/types.js';
import { GuardedProvider } from '../../src/providers/guard.js';
import { startFake, type FakeKind, type FakeProvider } from '../helpers/fake-mt.js';

const fakes: FakeProvider[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function setUp(kind: FakeKind, extra: Record<string, string> = {}): Promise<{ fake: FakeProvider; provider: GuardedProvider }> {
  const fake = await startFake(kind);
  fakes.push(fake);
  const prefix = `DRAGOMAN_MT_${kind.toUpperCase()}_`;
  const { config, issues } = parseMachineConfig({
    DRAGOMAN_MT: `en-de=${kind}`,
    [`${prefix}URL`]: fake.url,
    [`${prefix}KEY`]: 'secret-key',
    [`${prefix}MODEL`]: 'news-translator',
    [`${prefix}REGION`]: 'westeurope',
    [`${prefix}TIMEOUT_MS`]: '3000',
    [`${prefix}BREAKER_RESET_MS`]: '60000',
    ...extra,
  });
  expect(issues).toEqual([]);
  const provider = new ProviderRegistry(config).providerFor('en', 'de')!;
  return { fake, provider };
}

const sources = ['The ⟦1⟧mayor⟦/1⟧ spoke on Tuesday.', 'Prices rose & fell.'];
const always = async () => true;

function request(provider: GuardedProvider, glossary: Array<{ term: string; translation: string }> = []) {
  return provider.translate(
    { sourceLang: 'en', targetLocale: 'de', texts: sources.map((s) => protectPlaceholders(s, provider.provider.markup)), context: 'City news', glossary },
    always,
  );
}

const kinds: FakeKind[] = ['deepl', 'azure', 'libretranslate', 'openai'];

describe.each(kinds)('%s', (kind) => {
  it('translates a batch in one request of the published format, markup and entities intact', async () => {
    const { fake, provider } = await setUp(kind);
    const outcome = await request(provider, [{ term: 'mayor', translation: 'Bürgermeister' }]);
    expect(outcome.kind).toBe('translated');
    const texts = (outcome as { texts: string[] }).texts;
    const drafts = texts.map((answer, i) =>
      buildMachineDraft({
        source: sources[i]!,
        sourceLang: 'en',
        targetLocale: 'de',
        answer,
        markup: provider.provider.markup,
        provider: kind,
        glossary: [],
        disabledChecks: [],
        preTranslate: false,
        at: new Date(),
      }),
    );
    expect(drafts.map((d) => (d.kind === 'stored' ? d.suggestion.target : d.reason))).toEqual([
      'T:The ⟦1⟧T:mayor⟦/1⟧ T:spoke T:on T:Tuesday.',
      'T:Prices T:rose & T:fell.',
    ]);
    expect(fake.translateRequests).toHaveLength(1);
    const sent = fake.translateRequests[0]!;
    if (kind === 'deepl') {
      expect(sent.headers.authorization).toBe('DeepL-Auth-Key secret-key');
      expect(sent.body).toMatchObject({
        text: ['The <x id="1">mayor</x> spoke on Tuesday.', 'Prices rose &amp; fell.'],
        source_lang: 'EN',
        target_lang: 'DE',
        tag_handling: 'xml',
        context: 'City news',
        glossary_id: 'g-1',
      });
      // The glossary was made for the batch (TSV entries) and deleted afterwards.
      const glossary = fake.requests.find((r) => r.path === '/v2/glossaries')!;
      expect(glossary.body).toMatchObject({ source_lang: 'en', target_lang: 'de', entries: 'mayor\tBürgermeister', entries_format: 'tsv' });
      expect(fake.requests.some((r) => r.method === 'DELETE' && r.path === '/v2/glossaries/g-1')).toBe(true);
    } else if (kind === 'azure') {
      expect(sent.path).toBe('/translate?api-version=3.0&from=en&to=de&textType=html');
      expect(sent.headers['ocp-apim-subscription-key']).toBe('secret-key');
      expect(sent.headers['ocp-apim-subscription-region']).toBe('westeurope');
      expect(sent.body).toEqual([{ Text: 'The <x id="1">mayor</x> spoke on Tuesday.' }, { Text: 'Prices rose &amp; fell.' }]);
    } else if (kind === 'libretranslate') {
      expect(sent.body).toEqual({ q: ['The <x id="1">mayor</x> spoke on Tuesday.', 'Prices rose &amp; fell.'], source: 'en', target: 'de', format: 'html', api_key: 'secret-key' });
    } else {
      expect(sent.headers.authorization).toBe('Bearer secret-key');
      expect(sent.body.model).toBe('news-translator');
      const [system, user] = sent.body.messages as Array<{ role: string; content: string }>;
      expect(system!.content).toContain('mayor => Bürgermeister');
      expect(system!.content).toContain('⟦1⟧');
      expect(user!.content).toContain('City news');
      expect(user!.content).toContain('"1": "The ⟦1⟧mayor⟦/1⟧ spoke on Tuesday."');
    }
  });

  it('honours Retry-After on 429, then translates', async () => {
    const { fake, provider } = await setUp(kind);
    fake.next({ status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '1' } });
    // The guard's clock and its waits are the test's: what it waited is what it was asked to wait.
    let clock = 1_000_000;
    const waits: number[] = [];
    const guarded = new GuardedProvider(provider.provider, provider.settings, {
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const outcome = await request(guarded);
    expect(outcome.kind).toBe('translated');
    expect(waits).toEqual([1_000]);
    expect(fake.translateRequests).toHaveLength(2);
    expect(guarded.health().circuit).toBe('closed');
  });

  it('garbage in a 2xx answer is a bad answer, never a suggestion', async () => {
    const { fake, provider } = await setUp(kind);
    fake.next({ status: 200, raw: '<html>maintenance</html>' }, { status: 200, body: { unexpected: true } });
    await expect(request(provider)).rejects.toMatchObject({ kind: 'bad_answer' });
    await expect(request(provider)).rejects.toMatchObject({ kind: 'bad_answer' });
  });

  it('opens the circuit after 5xx answers and timeouts: then no request reaches the provider', async () => {
    const { fake, provider } = await setUp(kind, { [`DRAGOMAN_MT_${kind.toUpperCase()}_TIMEOUT_MS`]: '400' });
    fake.next({ status: 500, body: { message: 'Internal error' } }, { status: 503, body: { message: 'Unavailable' } }, 'hold');
    await expect(request(provider)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(request(provider)).rejects.toMatchObject({ kind: 'unavailable' });
    // The third one never answers: our timeout (400 ms) ends it.
    await expect(request(provider)).rejects.toThrow(/timed out/);
    expect(provider.health().circuit).toBe('open');
    const before = fake.translateRequests.length;
    await expect(request(provider)).rejects.toThrow(/circuit open/);
    expect(fake.translateRequests.length).toBe(before);
  });
});

const quotaAnswers: Partial<Record<FakeKind, { status: number; body: unknown }>> = {
  deepl: { status: 456, body: { message: 'Quota exceeded' } },
  azure: { status: 403, body: { error: { code: 403001, message: 'The operation is not allowed because the subscription has exceeded its free quota.' } } },
  openai: { status: 429, body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } },
};

describe.each(Object.keys(quotaAnswers) as FakeKind[])('%s quota', (kind) => {
  it('stops sending once the quota is exhausted and falls back to no suggestion', async () => {
    const { fake, provider } = await setUp(kind);
    fake.next(quotaAnswers[kind]!);
    expect(await request(provider)).toEqual({ kind: 'skipped', reason: 'quota' });
    expect(await request(provider)).toEqual({ kind: 'skipped', reason: 'quota' });
    expect(fake.translateRequests).toHaveLength(1);
    expect(provider.health()).toMatchObject({ pauseReason: 'quota', circuit: 'closed' });
  });
});

describe('limits', () => {
  it('a refused budget sends nothing', async () => {
    const { fake, provider } = await setUp('deepl');
    const outcome = await provider.translate({ sourceLang: 'en', targetLocale: 'de', texts: ['Hello.'], context: '', glossary: [] }, async () => false);
    expect(outcome).toEqual({ kind: 'skipped', reason: 'budget' });
    expect(fake.requests).toHaveLength(0);
  });

  it('holds each provider to its concurrency', async () => {
    // The held requests are let go by the test; the provider's own timeout must not end them first, while a
    // wait below is still looking at them.
    const { fake, provider } = await setUp('libretranslate', { DRAGOMAN_MT_LIBRETRANSLATE_CONCURRENCY: '1', DRAGOMAN_MT_LIBRETRANSLATE_TIMEOUT_MS: '60000' });
    fake.next('hold', 'hold');
    const first = request(provider);
    const second = request(provider);
    // The first request is at the server and held there; the second waits in the limiter, unsent.
    // Waits of 15 s, not vi.waitFor's 1 s: the requests cross a real socket, slow on a loaded machine.
    await vi.waitFor(() => {
      expect(fake.pending).toBe(1);
      expect(provider.load).toEqual({ active: 1, queued: 1 });
    }, { timeout: 15_000 });
    expect(fake.translateRequests).toHaveLength(1);
    fake.release();
    await expect(first).rejects.toBeInstanceOf(ProviderError);
    // Only once the first is answered does the second go out.
    await vi.waitFor(() => {
      expect(fake.pending).toBe(1);
      expect(provider.load).toEqual({ active: 1, queued: 0 });
    }, { timeout: 15_000 });
    expect(fake.translateRequests).toHaveLength(2);
    fake.release();
    await expect(second).rejects.toBeInstanceOf(ProviderError);
    expect(provider.load).toEqual({ active: 0, queued: 0 });
  });

  it('refuses to start with a pair routed to a provider that misses its settings', () => {
    const { issues } = parseMachineConfig({ DRAGOMAN_MT: 'en-de=deepl,ru-en=openai,xx=apertium' });
    expect(issues.map((i) => i.path).sort()).toEqual(['DRAGOMAN_MT', 'DRAGOMAN_MT_DEEPL_KEY', 'DRAGOMAN_MT_OPENAI_MODEL', 'DRAGOMAN_MT_OPENAI_URL']);
    const ok = parseMachineConfig({ DRAGOMAN_MT: 'en-es=apertium,ru-pt-BR=deepl', DRAGOMAN_MT_DEEPL_KEY: 'k', DRAGOMAN_MT_DEEPL_DAILY_CHARS: '1000' });
    expect(ok.issues).toEqual([]);
    expect(ok.config.routes).toEqual({ 'en>es': 'apertium' as ProviderName, 'ru>pt-BR': 'deepl' as ProviderName });
    expect(ok.config.providers.deepl).toMatchObject({ url: 'https://api.deepl.com', dailyChars: 1000, batchSize: 50 });
  });
});
