/**
 * Webhooks must not reach into the newsroom's own network (SSRF): refused at registration, and refused
 * again at delivery by the address the connection actually goes to, whatever the name resolved to before.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhook, deliverWebhook } from '../../src/services/webhooks.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let receiver: Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  // No workers: nothing here may be delivered anywhere by itself.
  h = await startHarness();
  receiver = createServer((req, res) => {
    hits += 1;
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver?.close();
  await h?.close();
});

async function register(url: string) {
  return h.call('POST', '/api/v1/webhooks', { token: h.adminToken, json: { url, events: ['locale.published'], secret: 'a-long-shared-secret-for-tests' } });
}

async function storedWebhooks(): Promise<number> {
  return (await h.api.pool.query(`SELECT count(*)::int AS n FROM webhooks`)).rows[0].n;
}

describe('webhook registration', () => {
  it('refuses loopback, private, link-local, metadata and reserved targets in every spelling', async () => {
    const targets = [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://192.168.1.10/hook',
      'http://[fd00::1]/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://127.0.0.1:6379/',
      'http://2130706433/',
      'http://127.1/',
      'http://0x7f.1/',
      'http://0.0.0.0/',
      `http://localhost:${port}/hook`,
    ];
    for (const url of targets) {
      const res = await register(url);
      expect(res.status, url).toBe(422);
      expect(res.body.code, url).toBe('webhook_target_forbidden');
      expect(res.body.errors[0].path).toBe('url');
      expect(res.body.detail).toMatch(/private|loopback/);
    }
    expect(await storedWebhooks()).toBe(0);
  });

  it('refuses credentials in the URL and over-long URLs', async () => {
    const withCredentials = await register('https://user:pass@93.184.215.14/hook');
    expect(withCredentials.body.code).toBe('webhook_target_forbidden');
    const long = await register(`https://93.184.215.14/${'a'.repeat(2100)}`);
    expect(long.status).toBe(422);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toContain('url');
    expect(await storedWebhooks()).toBe(0);
  });

  it('accepts a public address (removed again at once: nothing is ever sent there)', async () => {
    const res = await register('https://93.184.215.14/hook');
    expect(res.status).toBe(201);
    expect((await h.call('DELETE', `/api/v1/webhooks/${res.body.id}`, { token: h.adminToken })).status).toBe(204);
  });
});

describe('webhook delivery', () => {
  it('is refused at connection time when the name now resolves to a private address (DNS rebinding)', async () => {
    // At registration the name pointed somewhere public; by delivery time it points at 127.0.0.1.
    const hook = await createWebhook(
      h.api.pool,
      { url: `http://localhost:${port}/hook`, events: ['locale.published'], secret: 'a-long-shared-secret-for-tests' },
      { allowPrivate: false, resolve: async () => ['93.184.215.14'] },
    );
    const event = await h.api.pool.query(`INSERT INTO events (type, article_id, payload) VALUES ('locale.published', $1, '{}') RETURNING id`, [randomUUID()]);
    const deliveryId = randomUUID();
    await h.api.pool.query(`INSERT INTO webhook_deliveries (id, webhook_id, event_id) VALUES ($1, $2, $3)`, [deliveryId, hook.id, event.rows[0].id]);

    await expect(deliverWebhook({ pool: h.api.pool, allowPrivate: false }, deliveryId, true)).rejects.toThrow(/not allowed/);
    expect(hits).toBe(0);
    const logged = await h.call('GET', `/api/v1/webhooks/${hook.id}/deliveries`, { token: h.adminToken });
    expect(logged.body.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1 });
    // The log says it was refused, and nothing about which port answers.
    expect(logged.body.deliveries[0].lastError).toBe('target address not allowed');

    // With private targets allowed (local testing), the same delivery goes through.
    await h.api.pool.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1`, [deliveryId]);
    expect(await deliverWebhook({ pool: h.api.pool, allowPrivate: true }, deliveryId, true)).toBe('delivered');
    expect(hits).toBe(1);
  });

  it('refuses a stored target that is private from its spelling alone, without connecting', async () => {
    const id = randomUUID();
    await h.api.pool.query(`INSERT INTO webhooks (id, url, events, secret) VALUES ($1, $2, '{locale.published}', 'a-long-shared-secret-for-tests')`, [
      id,
      `http://2130706433:${port}/hook`,
    ]);
    const event = await h.api.pool.query(`INSERT INTO events (type, article_id, payload) VALUES ('locale.published', $1, '{}') RETURNING id`, [randomUUID()]);
    const deliveryId = randomUUID();
    await h.api.pool.query(`INSERT INTO webhook_deliveries (id, webhook_id, event_id) VALUES ($1, $2, $3)`, [deliveryId, id, event.rows[0].id]);
    await expect(deliverWebhook({ pool: h.api.pool, allowPrivate: false }, deliveryId, false)).rejects.toThrow(/not allowed/);
    expect(hits).toBe(1);
  });
});
