/**
 * DRAGOMAN_METRICS_PORT on a workers-only process (`npm run start:workers`): the workers serve no other HTTP,
 * so this port is where Prometheus reads what only they measure (time to publish, job failures) and where the
 * container's HEALTHCHECK (scripts/healthcheck.mjs with DRAGOMAN_HEALTH_PORT) asks /healthz. The workers run
 * as an OS process of their own, beside an API in this process that shares their database and queues.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { DragomanProcess, freePort, repoRoot } from '../helpers/processes.js';
import { sample } from '../helpers/prometheus.js';
import { translateAll } from '../helpers/published-output.js';

const run = promisify(execFile);
const metricsToken = 'worker-metrics-token-for-the-tests';

let h: Harness;
let workers: DragomanProcess;
let port: number;

beforeAll(async () => {
  // The API only: every job (assembly included) is left to the workers' process.
  h = await startHarness();
  const { config } = h.isolated;
  workers = new DragomanProcess('workers', {
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    DRAGOMAN_QUEUE_PREFIX: config.queuePrefix,
    DRAGOMAN_PUBLIC_URL: 'http://dragoman.test',
    DRAGOMAN_STALLED_CHECK_MS: '300',
    // 0: the OS picks a free port, which the process logs; parallel test files never collide.
    DRAGOMAN_METRICS_PORT: '0',
    DRAGOMAN_METRICS_TOKEN: metricsToken,
    LOG_LEVEL: 'info',
  });
  await workers.start((p) => p.printed('workers running') && p.printed('"msg":"metrics listening"'));
  port = Number(/"port":(\d+)[^\n]*"msg":"metrics listening"/.exec(workers.log.text())?.[1]);
  expect(port).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => {
  await workers?.stop();
  await h?.close();
});

const base = () => `http://127.0.0.1:${port}`;

/** Runs the container's HEALTHCHECK script against a port; its exit code. */
async function healthcheck(onPort: number): Promise<number> {
  try {
    await run(process.execPath, ['scripts/healthcheck.mjs'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', DRAGOMAN_HEALTH_PORT: String(onPort) },
      timeout: 10_000,
    });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

describe('a workers-only process with DRAGOMAN_METRICS_PORT', () => {
  it('answers /healthz there, and the container HEALTHCHECK passes on that port and fails on one nobody serves', async () => {
    onTestFailed(() => console.error(workers.log.text()));
    const health = await fetch(`${base()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await healthcheck(port)).toBe(0);
    expect(await healthcheck(await freePort())).toBe(1);
  });

  it('serves /metrics behind the metrics token, with what only the workers measure', async () => {
    onTestFailed(() => console.error(workers.log.text()));
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    expect((await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${h.adminToken}` } })).status).toBe(401);
    expect((await fetch(`${base()}/nowhere`)).status).toBe(404);

    // A version assembled by the workers' process: its time to publish is observed there, not in the API.
    const editor = await h.user(['editor', 'publisher']);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    expect(article.status).toBe(201);
    await translateAll(h, translator, (_locale, source) => `EN ${source}`);
    await eventually(async () => (await h.call('GET', `/api/v1/published/${article.body.id}/en`, { token: editor })).status === 200, 30_000);

    // The worker observes the time after its commit, which the API may show first: wait for the count, then
    // check it is exactly one.
    const scrape = async () => {
      const res = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const text = await eventually(async () => {
      const scraped = await scrape();
      return (sample(scraped, 'dragoman_time_to_publish_seconds_count', { locale: 'en' }) ?? 0) > 0 ? scraped : undefined;
    });
    expect(sample(text, 'dragoman_time_to_publish_seconds_count', { locale: 'en' })).toBe(1);
    // The article's memory lookups are a job of the workers too; claims do not wait for them, so they may
    // still be running.
    await eventually(async () => {
      const scraped = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      return (sample(await scraped.text(), 'dragoman_memory_lookups_total') ?? 0) > 0;
    });
    for (const name of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'dragoman_assembly_failures_total', 'dragoman_webhook_failures_total']) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  }, 120_000); // three waits of up to 25 s (or their own) one after the other, within the test's time

  it('stops serving the port when the workers shut down', async () => {
    await workers.stop();
    expect(workers.log.contains(/exited \(code 0, signal null\)/)).toBe(true);
    expect(await healthcheck(port)).toBe(1);
  });
});
