/**
 * Machine translation phases of `npm run bench`:
 * 1. Apertium on the 34-sentence English article (tests/fixtures/machine/harbour-bridge.en.html): the
 *    provider alone (one batch, one process), and end to end through the API and workers (article posted
 *    until all 34 machine suggestions are stored).
 * 2. Claims while a provider takes 2 s per request: translators of a pair whose provider is busy (en→de, a
 *    DeepL-format server answering after 2 s, one sentence per request) claim and submit beside translators
 *    of a pair without a provider (en→fr), at the same time and on the same server, so the two latencies
 *    compare like for like. The goal: the provider's pair is no slower.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { importHtml } from '../src/domain/import/html.js';
import { segmentArticle } from '../src/domain/article.js';
import { parseMachineConfig } from '../src/machine-config.js';
import { ProviderRegistry } from '../src/providers/registry.js';
import { BenchEnv } from './lib/env.js';
import { Client } from './lib/http.js';
import { SlowProvider } from './lib/slow-provider.js';
import { concurrently, ms, summarize } from './lib/stats.js';

const api = '/api/v1';
const fixture = new URL('../tests/fixtures/machine/harbour-bridge.en.html', import.meta.url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchRow {
  name: string;
  value: string;
  goal?: string;
}

/** Apertium alone: the article's sentences in one batch, as the workers send them; median of a few runs. */
async function apertiumAlone(sentences: string[]): Promise<{ ms: number; chars: number }> {
  const { config } = parseMachineConfig({ DRAGOMAN_MT: 'en-es=apertium' });
  const provider = new ProviderRegistry(config).providerFor('en', 'es')!;
  const chars = sentences.reduce((n, s) => n + s.length, 0);
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const outcome = await provider.translate({ sourceLang: 'en', targetLocale: 'es', texts: sentences, context: '', glossary: [] }, async () => true);
    times.push(performance.now() - started);
    if (outcome.kind !== 'translated' || outcome.texts.some((t) => t === null)) throw new Error('apertium left sentences untranslated');
  }
  provider.shutdown();
  return { ms: summarize(times).p50, chars };
}

export async function runMachineBench(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = [];
  const html = readFileSync(fixture, 'utf8');
  const imported = importHtml(html, 'en');
  const sentences = segmentArticle({ sourceLang: 'en', targetLocales: ['es'], priority: 'normal', deadline: null, dateline: null, headline: imported.headline, blocks: imported.blocks } as never).map((s) => s.text);
  const alone = await apertiumAlone(sentences);
  rows.push({
    name: `Apertium en→es alone: ${sentences.length}-sentence article in one batch (one process, median of 5)`,
    value: `${ms(alone.ms)}, ${Math.round((alone.chars * 1000) / alone.ms).toLocaleString('en')} characters/s (${alone.chars} characters)`,
  });

  const slow = new SlowProvider(2_000);
  const slowUrl = await slow.start();
  const env = new BenchEnv({
    DRAGOMAN_MT: 'en-es=apertium,en-de=deepl',
    DRAGOMAN_MT_DEEPL_URL: slowUrl,
    DRAGOMAN_MT_DEEPL_KEY: 'bench',
    DRAGOMAN_MT_DEEPL_BATCH_SIZE: '1',
    DRAGOMAN_MT_DEEPL_TIMEOUT_MS: '10000',
  });
  const db = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
  try {
    await env.start();
    const client = new Client(env.baseUrl);
    const user = (roles: string[], target?: string) =>
      client
        .expect([201], 'POST', `${api}/users`, env.adminToken, { name: roles.join('+'), roles, languagePairs: target ? [{ source: 'en', target }] : undefined })
        .then((r) => r.body.token as string);
    const editor = await user(['editor']);
    for (const locale of ['de', 'fr']) await client.expect([200], 'PUT', `${api}/locales/${locale}/settings`, env.adminToken, { disabledChecks: qaOff });

    // End to end: the article posted as a pasted page, until its 34 machine suggestions are stored.
    const started = performance.now();
    const posted = await client.expect([201], 'POST', `${api}/articles`, editor, { sourceLang: 'en', targetLocales: ['es'], headline: imported.headline, blocks: imported.blocks });
    const articleId = posted.body.id as string;
    for (;;) {
      const n = await db.query(`SELECT count(*)::int AS n FROM task_suggestions x JOIN tasks t ON t.id = x.task_id WHERE t.article_id = $1 AND x.machine_status = 'stored'`, [articleId]);
      if (n.rows[0].n >= sentences.length) break;
      if (performance.now() - started > 60_000) throw new Error('machine suggestions not stored within 60 s');
      await sleep(20);
    }
    const endToEnd = performance.now() - started;
    rows.push({
      name: `Apertium en→es end to end: POST /articles → all ${sentences.length} machine suggestions stored (memory lookups first)`,
      value: `${ms(endToEnd)} (${Math.round((alone.chars * 1000) / endToEnd).toLocaleString('en')} characters/s)`,
    });

    // Claims beside a provider that takes 2 s per request.
    const perLocale = 10;
    const articles = 15;
    for (let i = 0; i < articles; i++) {
      for (const locale of ['de', 'fr']) {
        await client.expect([201], 'POST', `${api}/articles`, editor, {
          sourceLang: 'en',
          targetLocales: [locale],
          headline: `Bench story ${i} for ${locale}`,
          blocks: [{ type: 'paragraph', text: sentencesFor(i, locale) }],
        });
      }
    }
    await waitFor(() => slow.open > 0, 30_000);
    const tokens = { de: [] as string[], fr: [] as string[] };
    for (const locale of ['de', 'fr'] as const) for (let i = 0; i < perLocale; i++) tokens[locale].push(await user(['translator'], locale));
    const latencies = { de: [] as number[], fr: [] as number[] };
    const duringProvider = { open: 0, samples: 0 };
    const until = performance.now() + 10_000;
    await concurrently(perLocale * 2, async (i) => {
      const locale = i % 2 === 0 ? 'de' : 'fr';
      const token = tokens[locale][Math.floor(i / 2)]!;
      while (performance.now() < until) {
        const claim = await client.request('POST', `${api}/tasks/claim`, token, {});
        if (claim.status !== 200) break;
        latencies[locale].push(claim.ms);
        duringProvider.samples += 1;
        if (slow.open > 0) duringProvider.open += 1;
        await client.request('POST', `${api}/tasks/${claim.body.id}/submit`, token, { text: `${locale.toUpperCase()}: ${claim.body.source}` });
      }
    });
    const de = summarize(latencies.de);
    const fr = summarize(latencies.fr);
    rows.push({
      name: `Claims while a provider takes 2 s per request (en→de, ${slow.requests} requests so far; ${Math.round((duringProvider.open / Math.max(1, duringProvider.samples)) * 100)}% of claims with one open)`,
      value: `p50 ${ms(de.p50)}, p99 ${ms(de.p99)} (${de.n} claims)`,
      goal: `≈ no provider: ${de.p99 <= fr.p99 * 1.5 + 5 ? 'met' : 'not met'}`,
    });
    rows.push({ name: 'Claims of a pair without a provider, same run (en→fr)', value: `p50 ${ms(fr.p50)}, p99 ${ms(fr.p99)} (${fr.n} claims)` });
    client.close();
  } finally {
    await db.end();
    await env.cleanup();
    await slow.close();
  }
  return { rows };
}

const qaOff = [
  'target_untranslated', 'target_same_as_source', 'number_missing', 'number_possibly_missing', 'number_extra', 'date_missing',
  'date_month_missing', 'ending_punctuation_missing', 'ending_punctuation_different', 'length_ratio_out_of_range',
];

function sentencesFor(i: number, locale: string): string {
  return Array.from({ length: 8 }, (_, k) => `Sentence ${k} of bench story ${i} for ${locale} says the council met again.`).join(' ');
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > until) throw new Error('the slow provider got no request');
    await sleep(20);
  }
}
