/**
 * The HTTP scenarios of `npm run bench`: ingest, claim+submit under 50 translators, assembly latency.
 * Everything goes through the public API of a separately running server, as a newsroom's clients would.
 */
import { fakeTranslation } from './lib/fake-translation.js';
import { performance } from 'node:perf_hooks';
import { articleBody, localeTotals, type Priority } from './lib/fixture.js';
import type { Client } from './lib/http.js';
import { concurrently, summarize, type Summary } from './lib/stats.js';

const api = '/api/v1';

export interface Translator {
  token: string;
  locale: string;
}

export interface IngestedArticle {
  id: string;
  totals: Record<string, number>;
}

export async function createUser(client: Client, adminToken: string, roles: string[], locale?: string): Promise<string> {
  const languagePairs = locale ? [{ source: 'ru', target: locale }] : undefined;
  const reply = await client.expect([201], 'POST', `${api}/users`, adminToken, { name: roles.join('+'), roles, languagePairs });
  return reply.body.token as string;
}

/** Translators split evenly between en and ar, one language pair each (the common case: one claim queue). */
export async function createTranslators(client: Client, adminToken: string, count: number): Promise<Translator[]> {
  const locales = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 'en' : 'ar'));
  return Promise.all(locales.map(async (locale) => ({ locale, token: await createUser(client, adminToken, ['translator'], locale) })));
}

export interface IngestResult {
  articles: IngestedArticle[];
  elapsedMs: number;
  latency: Summary;
}

let serial = 0;

/** `count` articles posted by `editors` concurrent editors, each sending its next article as soon as one lands. */
export async function ingest(client: Client, editors: string[], count: number, priority: Priority = 'normal'): Promise<IngestResult> {
  const articles: IngestedArticle[] = [];
  const latencies: number[] = [];
  let sent = 0;
  const started = performance.now();
  await concurrently(editors.length, async (e) => {
    while (sent < count) {
      sent++;
      // Numbers are unique across phases: an article seen before would be filled from translation memory.
      const n = serial++;
      const reply = await client.expect([201], 'POST', `${api}/articles`, editors[e], articleBody(n, priority));
      latencies.push(reply.ms);
      articles.push({ id: reply.body.id, totals: localeTotals(reply.body) });
    }
  });
  return { articles, elapsedMs: performance.now() - started, latency: summarize(latencies) };
}

export interface CycleResult {
  cycles: number;
  /** Every completed cycle, warm-up included: the divisor for counters read around the whole phase. */
  completed: number;
  windowMs: number;
  drained: boolean;
  errors: number;
  cycle: Summary;
  claim: Summary;
  submit: Summary;
}

/**
 * Each translator loops claim -> submit as fast as the server answers. The first `warmupMs` are not
 * counted (JIT, pool connections, socket setup); the rate is completions inside the measured window, which
 * ends at the deadline or at the first empty claim if the pre-loaded work runs out.
 */
export async function claimSubmit(client: Client, translators: Translator[], durationMs: number, warmupMs: number): Promise<CycleResult> {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  let end = start + durationMs;
  let drained = false;
  let errors = 0;
  const completions: number[] = [];
  const cycle: number[] = [];
  const claim: number[] = [];
  const submit: number[] = [];
  await concurrently(translators.length, async (i) => {
    const { token, locale } = translators[i]!;
    while (performance.now() < end) {
      const t0 = performance.now();
      const claimed = await client.request('POST', `${api}/tasks/claim`, token, {});
      if (claimed.status === 204) {
        if (!drained) end = Math.min(end, performance.now());
        drained = true;
        return;
      }
      if (claimed.status !== 200) {
        errors++;
        continue;
      }
      const text = fakeTranslation(claimed.body.source as string, locale);
      const submitted = await client.request('POST', `${api}/tasks/${claimed.body.id as string}/submit`, token, { text });
      const t1 = performance.now();
      if (submitted.status !== 200) {
        errors++;
        continue;
      }
      completions.push(t1);
      if (t0 >= measureFrom) {
        cycle.push(t1 - t0);
        claim.push(claimed.ms);
        submit.push(submitted.ms);
      }
    }
  });
  const windowMs = end - measureFrom;
  const cycles = completions.filter((t) => t >= measureFrom && t <= end).length;
  return { cycles, completed: completions.length, windowMs, drained, errors, cycle: summarize(cycle), claim: summarize(claim), submit: summarize(submit) };
}

export interface AssemblyResult {
  latency: Summary;
  timeouts: number;
}

/**
 * Submits `count` breaking articles (so they jump ahead of leftover normal work), translates them with a
 * small team, and for each locale times its last submit's answer to the first successful read of the
 * published version, polling every 5 ms. That is what a publisher waiting on the desk would see.
 */
export async function assemblyLatency(client: Client, editor: string, translators: Translator[], count: number): Promise<AssemblyResult> {
  const { articles } = await ingest(client, [editor, editor], count, 'breaking');
  const remaining = new Map<string, number>();
  for (const article of articles) {
    for (const [locale, total] of Object.entries(article.totals)) remaining.set(`${article.id}/${locale}`, total);
  }
  const waits: Array<Promise<number | null>> = [];
  await concurrently(translators.length, async (i) => {
    const { token, locale } = translators[i]!;
    while (remaining.size > 0) {
      const claimed = await client.expect([200, 204], 'POST', `${api}/tasks/claim`, token, {});
      if (claimed.status === 204) return;
      const key = `${claimed.body.articleId as string}/${claimed.body.targetLocale as string}`;
      const text = fakeTranslation(claimed.body.source as string, locale);
      await client.expect([200], 'POST', `${api}/tasks/${claimed.body.id as string}/submit`, token, { text });
      const left = remaining.get(key);
      // Past the breaking articles: this translator's part is over (the leftover task is finished, not dropped).
      if (left === undefined) return;
      if (left > 1) {
        remaining.set(key, left - 1);
        continue;
      }
      remaining.delete(key);
      waits.push(waitPublished(client, editor, claimed.body.articleId, claimed.body.targetLocale, performance.now()));
    }
  });
  const results = await Promise.all(waits);
  const done = results.filter((r): r is number => r !== null);
  return { latency: summarize(done), timeouts: results.length - done.length };
}

async function waitPublished(client: Client, token: string, articleId: string, locale: string, since: number): Promise<number | null> {
  const until = since + 10_000;
  while (performance.now() < until) {
    const reply = await client.request('GET', `${api}/published/${articleId}/${locale}`, token);
    if (reply.status === 200) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return null;
}
