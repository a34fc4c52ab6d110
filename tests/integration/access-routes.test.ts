/**
 * The access model (docs/access-model.md) over every route: each registered route is in one catalogue
 * (tests/helpers/api-routes.ts) with the access rule the doc gives it, and every role gets exactly what
 * the rule says from the route's role check: through, 403 `forbidden`, or 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createI18n } from '../../src/i18n/index.js';
import { apiRoutes, expectedOutcome, notApi, registeredRoutes, roles, type Outcome, type Role } from '../helpers/api-routes.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const metricsToken = 'metrics-token-of-the-access-test';
let h: Harness;
const tokens = {} as Record<Role, string | undefined>;

beforeAll(async () => {
  h = await startHarness({ env: { DRAGOMAN_METRICS_TOKEN: metricsToken } });
  tokens.anonymous = undefined;
  tokens.translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  tokens.reviewer = await h.user(['reviewer'], [{ source: 'ru', target: 'en' }]);
  tokens.editor = await h.user(['editor']);
  tokens.admin = h.adminToken;
  tokens.publisher = await h.user(['publisher']);
  tokens.metrics = metricsToken;
});
afterAll(async () => h?.close());

const madeUpId = '00000000-0000-4000-8000-000000000001';
const values: Record<string, string> = { id: madeUpId, articleId: madeUpId, source: 'ru', target: 'en', locale: 'en', file: 'en.tmx' };

function concrete(route: string): { method: string; path: string } {
  const [method, path] = route.split(' ') as [string, string];
  if (method === '*') return { method: 'GET', path: `${path}/api/queues` };
  return { method, path: path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? 'x') };
}

async function outcomeOf(method: string, path: string, token: string | undefined): Promise<{ outcome: Outcome; status: number; code?: string }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (method !== 'GET' && method !== 'DELETE') headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const res = await fetch(h.baseUrl + path, { method, headers, body: headers['content-type'] ? '{}' : undefined, signal: controller.signal, redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  let code: string | undefined;
  if (type.startsWith('text/event-stream')) controller.abort();
  else {
    const text = await res.text();
    if (/json/.test(type) && text) code = JSON.parse(text).code;
  }
  const outcome: Outcome = res.status === 401 ? 'unauthorized' : res.status === 403 && code === 'forbidden' ? 'forbidden' : 'through';
  return { outcome, status: res.status, code };
}

describe('route catalogue', () => {
  it('names every route the app registers, and no route it does not', async () => {
    const built = createApp(h.api, await createI18n());
    try {
      const registered = registeredRoutes(built.app, ['/api/v1/admin/queues']).filter((route) => !notApi(route));
      expect(registered.length).toBeGreaterThan(50);
      expect([...apiRoutes.map((r) => r.route)].sort()).toEqual(registered);
    } finally {
      await built.close();
    }
  });
});

describe('access matrix over every route', () => {
  it('gives every role on every route what docs/access-model.md says', async () => {
    const wrong: string[] = [];
    for (const { route, access } of apiRoutes) {
      const { method, path } = concrete(route);
      for (const role of roles) {
        const expected = expectedOutcome(access, role);
        const got = await outcomeOf(method, path, tokens[role]);
        if (got.outcome !== expected) wrong.push(`${route} as ${role}: ${got.status} ${got.code ?? ''} (expected ${expected})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('lets a reviewer read memory and glossary of the pair they serve, and not of another', async () => {
    const own = await h.call('GET', '/api/v1/glossary/ru/en', { token: tokens.reviewer });
    expect(own.status).toBe(200);
    expect((await h.call('GET', '/api/v1/tm/search?source=ru&target=en&q=a', { token: tokens.reviewer })).status).toBe(200);
    const other = await h.call('GET', '/api/v1/glossary/ru/ar', { token: tokens.reviewer });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('language_pair_not_served');
  });
});
