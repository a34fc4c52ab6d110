/**
 * What GET /metrics costs: how many scrapes per second the API answers, and how claim latency changes
 * while it is scraped, against the same claims without scraping, measured in the same run. Prometheus
 * scrapes every 15 s or so; once a second is already generous, and ten a second is abuse.
 */
import { performance } from 'node:perf_hooks';
import { claimSubmit, ingest, type Translator } from './core.js';
import type { Client } from './lib/http.js';
import { concurrently, ms, perSecond, rate, summarize } from './lib/stats.js';

export const benchMetricsToken = 'bench-metrics-token-0123456789';

export interface MetricsCostRow {
  name: string;
  value: string;
}

async function scrape(client: Client): Promise<number> {
  const reply = await client.request('GET', '/metrics', benchMetricsToken);
  if (reply.status !== 200) throw new Error(`GET /metrics answered ${reply.status}`);
  return reply.ms;
}

/** Scrapes at `perSecond` until stopped; returns the latencies. */
function scraper(client: Client, perSecond: number): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      latencies.push(await scrape(client));
      const wait = 1000 / perSecond - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}

export async function metricsCost(client: Client, editors: string[], translators: Translator[], phaseMs: number): Promise<MetricsCostRow[]> {
  const rows: MetricsCostRow[] = [];
  // Work for every phase, so none of them runs dry.
  await ingest(client, editors, 150);

  const loops = 4;
  const until = performance.now() + phaseMs;
  const alone: number[] = [];
  await concurrently(loops, async () => {
    while (performance.now() < until) alone.push(await scrape(client));
  });
  const scrapes = summarize(alone);
  rows.push({
    name: `GET /metrics alone (${loops} concurrent scrapers)`,
    value: `${perSecond(rate(alone.length, phaseMs), 'scrapes')} (p50 ${ms(scrapes.p50)}, p99 ${ms(scrapes.p99)})`,
  });

  const phases: Array<{ label: string; perSecond: number }> = [
    { label: 'no scraping', perSecond: 0 },
    { label: 'scraped 1/s', perSecond: 1 },
    { label: 'scraped 10/s', perSecond: 10 },
    { label: 'no scraping, again', perSecond: 0 },
  ];
  for (const phase of phases) {
    const running = phase.perSecond > 0 ? scraper(client, phase.perSecond) : null;
    const cycle = await claimSubmit(client, translators, phaseMs, 1_000);
    const scraped = (await running?.stop()) ?? [];
    rows.push({
      name: `Claim latency while ${phase.label} (${translators.length} translators)`,
      value:
        `p50 ${ms(cycle.claim.p50)}, p99 ${ms(cycle.claim.p99)}; ${perSecond(rate(cycle.cycles, cycle.windowMs), 'cycles')}` +
        (scraped.length ? `; scrape p50 ${ms(summarize(scraped).p50)}` : '') +
        (cycle.drained ? ' (queue drained)' : ''),
    });
  }
  return rows;
}
