/**
 * Serving published output from an archive: BENCH_PUB_ARTICLES articles (Russian, each with English and
 * Arabic versions) written straight into a fresh database, then the API in this process answers pages,
 * revalidations, feeds and the sitemap. `GET /healthz` through the same client is the floor: what one
 * request costs here before Dragoman does anything.
 *
 * `npx tsx bench/publishing.ts` prints the table; `runPublishingBench()` returns the rows for bench/run.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createRuntime } from '../src/runtime.js';
import { startApi } from '../src/server.js';
import { migrate } from '../src/storage/migrate.js';
import http from 'node:http';
import { redisUrl } from './lib/env.js';
import { deleteKeysWithPrefix } from '../src/queues/prefix.js';
import { concurrently, ms, rate, summarize } from './lib/stats.js';

const baseDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const articles = Number(process.env.BENCH_PUB_ARTICLES ?? 10_000);
const samples = 200;
const loops = 8;
const throughputMs = 3_000;

/** A keep-alive client that reads the raw answer: status, size and validator, nothing parsed. */
class Client {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(private readonly base: URL) {}
  raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; etag?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, etag: res.headers.etag }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }
  close(): void {
    this.agent.destroy();
  }
}

/** Eight source sentences per article (headline + four paragraphs of two), stored translations per locale. */
export async function seed(url: string): Promise<string[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const user = randomUUID();
    await db.query(`INSERT INTO users (id, name, roles, token_hash) VALUES ($1, 'bench', '{editor}', $2)`, [user, randomBytes(16).toString('hex')]);
    await db.query(
      `INSERT INTO articles (id, source_lang, target_locales, priority, created_by, created_at)
       SELECT gen_random_uuid(), 'ru', '{en,ar}', 'normal', $1, now() - g * interval '1 minute' FROM generate_series(1, $2) g`,
      [user, articles],
    );
    await db.query(`CREATE TEMP TABLE bench_segments AS SELECT a.id AS article_id, s, gen_random_uuid() AS id FROM articles a, generate_series(0, 8) s`);
    await db.query(
      `INSERT INTO article_revisions (article_id, revision, headline, dateline, dateline_date, created_by, created_at)
       SELECT id, 1, 'Заголовок статьи ' || id, '21 сентября 2023', '2023-09-21', created_by, created_at FROM articles`,
    );
    await db.query(
      `INSERT INTO segments (id, article_id, text, first_revision)
       SELECT b.id, b.article_id,
              CASE WHEN b.s = 0 THEN 'Заголовок статьи ' || b.article_id
                   ELSE 'Президент провел телефонный разговор и обсудил положение в регионе, номер ' || b.s || '.' END, 1
       FROM bench_segments b`,
    );
    await db.query(
      `INSERT INTO revision_segments (article_id, revision, position, segment_id, block_index, block_type)
       SELECT b.article_id, 1, b.s, b.id, (b.s + 1) / 2, CASE WHEN b.s = 0 THEN 'headline' ELSE 'paragraph' END
       FROM bench_segments b`,
    );
    const paragraph = 'The president held a telephone conversation and discussed the situation in the region. '.repeat(2).trim();
    const blocks = JSON.stringify(Array.from({ length: 4 }, () => ({ type: 'paragraph', text: paragraph, html: paragraph })));
    await db.query(
      `INSERT INTO published_versions (article_id, locale, revision, headline, dateline, blocks, published_at)
       SELECT a.id, l, 1, 'Headline of article ' || a.id, 'September 21, 2023', $1::jsonb, a.created_at + interval '10 minutes'
       FROM articles a, unnest('{en,ar}'::text[]) l`,
      [blocks],
    );
    await db.query('ANALYZE');
    const newest = await db.query<{ id: string }>(`SELECT id FROM articles ORDER BY created_at DESC LIMIT 50`);
    return newest.rows.map((r) => r.id);
  } finally {
    await db.end();
  }
}

async function latency(client: Client, paths: () => string, headers: Record<string, string> = {}) {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const reply = await client.raw('GET', paths(), headers);
    times.push(performance.now() - started);
    bytes = reply.bytes;
    status = reply.status;
  }
  return { ...summarize(times), bytes, status };
}

async function throughput(client: Client, paths: () => string): Promise<number> {
  let count = 0;
  const end = performance.now() + throughputMs;
  await concurrently(loops, async () => {
    while (performance.now() < end) {
      await client.raw('GET', paths());
      count++;
    }
  });
  return rate(count, throughputMs);
}

export async function runPublishingBench(): Promise<{ rows: Array<{ name: string; value: string }> }> {
  const name = `dragoman_bench_pub_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  const rows: Array<{ name: string; value: string }> = [];
  await migrate(url.toString());
  const runtime = createRuntime(
    loadConfig({ DATABASE_URL: url.toString(), REDIS_URL: redisUrl, DRAGOMAN_QUEUE_PREFIX: name, DRAGOMAN_PUBLIC_URL: 'https://news.example' }),
    'api',
    createLogger('silent'),
  );
  const api = await startApi(runtime, 0);
  const client = new Client(new URL(`http://127.0.0.1:${(api.server.address() as AddressInfo).port}`));
  try {
    const ids = await seed(url.toString());
    let n = 0;
    const pick = (locale: string) => () => `/news/${ids[n++ % ids.length]}/${locale}`;
    const etag = (await client.raw('GET', `/news/${ids[0]}/en`)).etag ?? '';
    for (let warm = 0; warm < 100; warm++) await client.raw('GET', pick('en')());
    const floor = await latency(client, () => '/healthz');
    const measures: Array<[string, () => string, Record<string, string>?]> = [
      ['Page, stored translation: GET /news/:id/en', pick('en')],
      ['Page, source assembled from segments: GET /news/:id/ru', pick('ru')],
      ['Revalidation (If-None-Match, 304): GET /news/:id/en', () => `/news/${ids[0]}/en`, { 'if-none-match': etag }],
      ['Atom feed, 50 entries: GET /feeds/en.atom', () => '/feeds/en.atom'],
    ];
    // Other work on the box skews every figure: the floor and the load say how busy it was.
    rows.push({ name: `Publishing floor: GET /healthz p50 / p99 (load average ${loadavg()[0]!.toFixed(1)})`, value: `${ms(floor.p50)} / ${ms(floor.p99)}` });
    for (const [label, paths, headers] of measures) {
      const seen = await latency(client, paths, headers);
      const perSecond = headers ? null : await throughput(client, paths);
      rows.push({
        name: `${label} p50 / p99 (${articles.toLocaleString('en-US')} articles)`,
        value: `${ms(seen.p50)} / ${ms(seen.p99)}, ${seen.status}, ${(seen.bytes / 1024).toFixed(1)} KiB${perSecond ? `, ${Math.round(perSecond)} req/s with ${loops} clients` : ''}`,
      });
    }
    const started = performance.now();
    const map = await client.raw('GET', '/sitemap.xml');
    rows.push({
      name: `Sitemap of ${(articles * 3).toLocaleString('en-US')} versions: GET /sitemap.xml`,
      value: `${ms(performance.now() - started)}, ${(map.bytes / 1024 / 1024).toFixed(1)} MiB`,
    });
  } finally {
    client.close();
    await api.close();
    await runtime.close();
    const admin = new pg.Client({ connectionString: baseDatabaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
    await deleteKeysWithPrefix(redisUrl, name);
  }
  return { rows };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await runPublishingBench();
  console.log('| measure | result |\n| --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.value} |`);
}
