import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { startApi } from '../../src/server.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { repoRoot } from '../helpers/processes.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('POST /api/v1/users', () => {
  it('creates a user whose token works and is stored only hashed', async () => {
    const res = await h.call('POST', '/api/v1/users', {
      token: h.adminToken,
      json: { name: 'Lena', roles: ['translator'], languagePairs: [{ source: 'ru', target: 'en' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Lena', roles: ['translator'], languagePairs: [{ source: 'ru', target: 'en' }] });
    expect(res.body.token).toMatch(/^[\w-]{24,}$/);
    // Stored as its SHA-256 and nothing else: no column of the row holds the token itself.
    const stored = await h.api.pool.query('SELECT * FROM users WHERE id = $1', [res.body.id]);
    expect(stored.rows[0].token_hash).toBe(createHash('sha256').update(res.body.token).digest('hex'));
    expect(Object.entries(stored.rows[0]).filter(([, value]) => JSON.stringify(value ?? null).includes(res.body.token))).toEqual([]);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: res.body.token, json: {} });
    expect(claim.status).toBe(204);
  });

  it('is for admins only and validates its input', async () => {
    const editor = await h.user(['editor']);
    expect((await h.call('POST', '/api/v1/users', { token: editor, json: { name: 'x', roles: ['editor'] } })).status).toBe(403);
    const bad = await h.call('POST', '/api/v1/users', {
      token: h.adminToken,
      json: { name: '', roles: ['chief'], languagePairs: [{ source: 'Russian' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['name', 'roles.0', 'languagePairs.0.source', 'languagePairs.0.target']),
    );
    const count = await h.api.pool.query('SELECT count(*)::int AS n FROM users');
    expect(count.rows[0].n).toBe(3);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz while PostgreSQL and Redis answer', async () => {
    expect((await h.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok' });
  });

  it('answers /readyz with 503 when Redis does not answer', async () => {
    const config = loadConfig({ DATABASE_URL: h.isolated.config.databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
    const runtime = createRuntime(config, 'api');
    const { server, close } = await startApi(runtime, 0);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not_ready', postgres: 'ok', redis: 'down' });
    } finally {
      await close();
      await runtime.close();
    }
  });

  it('answers unknown paths with a problem', async () => {
    const res = await h.call('GET', '/nowhere', { headers: { 'accept-language': 'ar' } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', title: 'غير موجود' });
  });
});

describe('start-up', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  // Loading the API's whole module graph through tsx took over 30 s on a busy two-core machine: the test
  // waits for the process to stop by itself (no kill timer shorter than its own timeout) and gets plenty.
  it('stops with a message naming a bad variable', async () => {
    // node with tsx's loader directly: no npx resolving a binary first.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/api-main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: 'eighty', DRAGOMAN_LEASE_SECONDS: 'soon' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve, reject) => {
      child!.once('error', reject);
      child!.once('close', (code) => resolve(code));
    });
    expect(status, stderr).toBe(2);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('DRAGOMAN_LEASE_SECONDS');
  }, 180_000);
});
