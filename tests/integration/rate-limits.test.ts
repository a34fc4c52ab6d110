/**
 * Abuse limits, lowered here so a test can reach them: failed authentication per address, claims and
 * article posts per user, event streams per user. The counts live in Redis, so two API instances share
 * them (the multi-process test runs them as separate processes).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startApi, type RunningApi } from '../../src/server.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let secondRuntime: Runtime;
let second: RunningApi;
let secondUrl: string;

beforeAll(async () => {
  h = await startHarness({
    env: {
      DRAGOMAN_RATE_LIMIT_AUTH_FAILURES: '3',
      DRAGOMAN_RATE_LIMIT_CLAIMS: '4',
      DRAGOMAN_RATE_LIMIT_ARTICLES: '2',
      DRAGOMAN_RATE_LIMIT_WINDOW_SECONDS: '120',
      DRAGOMAN_EVENT_STREAMS_PER_USER: '2',
      DRAGOMAN_METRICS_TOKEN: 'metrics-token-for-the-limit-test',
      // A count that misses its deadline lets the request through unlimited (on purpose: a slow Redis must
      // not hold requests). At the default 200 ms a loaded machine can let through the very request that
      // should be refused; these tests are about the limits, not about a slow Redis.
      DRAGOMAN_RATE_LIMIT_DEADLINE_MS: '10000',
    },
  });
  secondRuntime = createRuntime(h.isolated.config, 'api', h.api.logger);
  second = await startApi(secondRuntime, 0);
  secondUrl = `http://127.0.0.1:${(second.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  second?.server.closeAllConnections();
  await second?.close();
  await secondRuntime?.close();
  await h?.close();
});

/** Alternates between the two API instances. */
async function call(i: number, method: string, path: string, token: string | undefined, json?: unknown, extraHeaders: Record<string, string> = {}) {
  const base = i % 2 === 0 ? h.baseUrl : secondUrl;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : null };
}

function expectLimited(res: Awaited<ReturnType<typeof call>>, policy: string) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('rate_limited');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('ratelimit')).toContain(`"${policy}"`);
  expect(res.headers.get('ratelimit-policy')).toContain(`"${policy}"`);
}

/** A client address of its own per test (the instances trust the loopback proxy), so counts never meet. */
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('failed authentication', () => {
  it('is limited per address across both instances; while limited even a valid token is refused', async () => {
    const guesser = from('203.0.113.1');
    for (let i = 0; i < 3; i++) expect((await call(i, 'GET', '/api/v1/tasks/mine', `wrong-token-${i}`, undefined, guesser)).status).toBe(401);
    expectLimited(await call(3, 'GET', '/api/v1/tasks/mine', 'wrong-token-3', undefined, guesser), 'auth-failures');
    expectLimited(await call(4, 'GET', '/api/v1/tasks/mine', undefined, undefined, guesser), 'auth-failures');
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    // A 200 among the 429s would tell the guesser which guess was right.
    const right = await call(5, 'GET', '/api/v1/tasks/mine', translator, undefined, guesser);
    expectLimited(right, 'auth-failures');
    expect(right.body.tasks).toBeUndefined();
    // Another address is not affected.
    expect((await call(6, 'GET', '/api/v1/tasks/mine', translator, undefined, from('203.0.113.2'))).status).toBe(200);
  });

  it('is announced to the other instances: a limit reached on one refuses a right token on the other', async () => {
    const guesser = from('203.0.113.11');
    // Every failure on the first instance: the second has no count of its own to go by.
    for (let i = 0; i < 3; i++) expect((await call(0, 'GET', '/api/v1/tasks/mine', `one-side-${i}`, undefined, guesser)).status).toBe(401);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    // The announcement travels through Redis: it arrives a moment after the refusal, so wait for it.
    const refused = await eventually(async () => {
      const res = await call(1, 'GET', '/api/v1/tasks/mine', translator, undefined, guesser);
      return res.status === 429 ? res : undefined;
    });
    expectLimited(refused, 'auth-failures');
  });

  it('ignores messages on its channel that are not announcements', async () => {
    const channel = `${h.isolated.config.queuePrefix}:rate:auth-failures:limited`;
    for (const junk of ['hello', 'null', '[]', '{"address":5,"ms":"x"}', JSON.stringify({ address: '203.0.113.12', ms: 1e15 })]) {
      await h.api.redis.publish(channel, junk);
    }
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    // Both instances still answer; the absurd length was cut to one window (Retry-After within it).
    expect((await call(0, 'GET', '/api/v1/tasks/mine', translator, undefined, from('203.0.113.13'))).status).toBe(200);
    const capped = await eventually(async () => {
      const res = await call(1, 'GET', '/api/v1/tasks/mine', translator, undefined, from('203.0.113.12'));
      return res.status === 429 ? res : undefined;
    });
    expect(Number(capped.headers.get('retry-after'))).toBeLessThanOrEqual(120);
  });

  it('is known to an instance started after the address was limited', async () => {
    const guesser = from('203.0.113.9');
    for (let i = 0; i < 3; i++) expect((await call(0, 'GET', '/api/v1/tasks/mine', `late-wrong-${i}`, undefined, guesser)).status).toBe(401);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const lateRuntime = createRuntime(h.isolated.config, 'api', h.api.logger);
    const late = await startApi(lateRuntime, 0);
    try {
      const lateUrl = `http://127.0.0.1:${(late.server.address() as AddressInfo).port}`;
      const mine = (address: ReturnType<typeof from>) =>
        fetch(`${lateUrl}/api/v1/tasks/mine`, { headers: { authorization: `Bearer ${translator}`, ...address } });
      // The announcement went out before this instance listened: it reads the counts over the limit as it
      // connects. A right token from the limited address is then refused; from another address it is not.
      const refused = await eventually(async () => {
        const res = await mine(guesser);
        return res.status === 429 ? res : undefined;
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await mine(from('203.0.113.10'))).status).toBe(200);
    } finally {
      late.server.closeAllConnections();
      await late.close();
      await lateRuntime.close();
    }
  });

  it('counts session cookies that name no session', async () => {
    const guesser = from('203.0.113.3');
    const cookie = (i: number) => ({ ...guesser, cookie: `dragoman_session=made-up-session-${i}` });
    for (let i = 0; i < 3; i++) {
      const res = await call(i, 'GET', '/api/v1/me', undefined, undefined, cookie(i));
      expect(res.status).toBe(401);
    }
    expectLimited(await call(3, 'GET', '/api/v1/me', undefined, undefined, cookie(3)), 'auth-failures');
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    expectLimited(await call(4, 'GET', '/api/v1/me', translator, undefined, guesser), 'auth-failures');
  });

  it('counts wrong /metrics bearer tokens, and then refuses the right one too', async () => {
    const guesser = from('203.0.113.4');
    for (let i = 0; i < 3; i++) expect((await call(i, 'GET', '/metrics', `wrong-metrics-${i}`, undefined, guesser)).status).toBe(401);
    expectLimited(await call(3, 'GET', '/metrics', 'wrong-metrics-3', undefined, guesser), 'auth-failures');
    expectLimited(await call(4, 'GET', '/metrics', 'metrics-token-for-the-limit-test', undefined, guesser), 'auth-failures');
    expect((await call(5, 'GET', '/metrics', 'metrics-token-for-the-limit-test', undefined, from('203.0.113.5'))).status).toBe(200);
  });
});

describe('browser sign-in', () => {
  it('counts wrong tokens towards the same per-address limit, across both instances', async () => {
    const guesser = from('203.0.113.7');
    for (let i = 0; i < 3; i++) {
      const wrong = await call(i, 'POST', '/api/v1/session', undefined, { token: `wrong-token-${i}` }, guesser);
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('unauthorized');
    }
    const limited = await call(3, 'POST', '/api/v1/session', undefined, { token: 'wrong-token-3' }, guesser);
    expectLimited(limited, 'auth-failures');
    expect(limited.headers.get('set-cookie')).toBeNull();
    // The sign-in failures and bearer tokens share one count.
    expectLimited(await call(4, 'GET', '/api/v1/tasks/mine', 'wrong-token-4', undefined, guesser), 'auth-failures');
    // While limited, a right token does not sign in either; another address is not affected.
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const refused = await call(5, 'POST', '/api/v1/session', undefined, { token: translator }, guesser);
    expectLimited(refused, 'auth-failures');
    expect(refused.headers.get('set-cookie')).toBeNull();
    const elsewhere = await call(6, 'POST', '/api/v1/session', undefined, { token: translator }, from('203.0.113.8'));
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('set-cookie')).toMatch(/dragoman_session=/);
  });
});

describe('claims and article posts', () => {
  it('are limited per user across both instances; other users are not affected', async () => {
    const editor = await h.user(['editor']);
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const other = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    await call(0, 'POST', '/api/v1/articles', editor, freshArticle({ targetLocales: ['en'] }));
    for (let i = 0; i < 4; i++) {
      const claim = await call(i, 'POST', '/api/v1/tasks/claim', translator, {});
      expect([200, 204], JSON.stringify(claim.body)).toContain(claim.status);
      if (claim.status === 200) await call(i, 'POST', `/api/v1/tasks/${claim.body.id}/release`, translator);
    }
    expectLimited(await call(4, 'POST', '/api/v1/tasks/claim', translator, {}), 'claims');
    expect((await call(5, 'POST', '/api/v1/tasks/claim', other, {})).status).toBe(200);

    const before = (await h.api.pool.query(`SELECT count(*)::int AS n FROM articles`)).rows[0].n;
    expect((await call(1, 'POST', '/api/v1/articles', editor, freshArticle({ targetLocales: ['en'] }))).status).toBe(201);
    expectLimited(await call(2, 'POST', '/api/v1/articles', editor, freshArticle({ targetLocales: ['en'] })), 'articles');
    expect((await h.api.pool.query(`SELECT count(*)::int AS n FROM articles`)).rows[0].n).toBe(before + 1);
  });
});

describe('event streams', () => {
  it('are limited per user in each process', async () => {
    const publisher = await h.user(['publisher']);
    const controllers = [new AbortController(), new AbortController()];
    try {
      for (const controller of controllers) {
        const open = await fetch(`${h.baseUrl}/api/v1/events`, { headers: { authorization: `Bearer ${publisher}` }, signal: controller.signal });
        expect(open.status).toBe(200);
      }
      const third = await call(0, 'GET', '/api/v1/events', publisher);
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('too_many_streams');
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });
});
