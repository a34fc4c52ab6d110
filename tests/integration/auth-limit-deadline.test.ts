/**
 * The failed-authentication limit counts failures in Redis (and keeps the limited addresses in memory). A
 * Redis that accepts the connection and never answers (a hung server, a half-open proxy) must not hold
 * requests: authenticated ones never wait for it, and a failure's count goes on without the limit past its
 * deadline.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type HttpApp } from '../../src/http/app.js';
import { createI18n } from '../../src/i18n/index.js';
import { createRedis } from '../../src/queues/connection.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let silent: Server;
const sockets = new Set<Socket>();
let mute: Redis;
let app: HttpApp;
let listening: HttpServer;
let baseUrl: string;

beforeAll(async () => {
  h = await startHarness({ env: { DRAGOMAN_RATE_LIMIT_AUTH_FAILURES: '3' } });
  // Reads whatever it is sent and never writes a byte back.
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  mute = createRedis(`redis://127.0.0.1:${(silent.address() as AddressInfo).port}`, 'producer');
  // The same app as the API's, over real PostgreSQL, with its Redis replaced by the silent one.
  app = createApp({ ...h.api, redis: mute }, await createI18n());
  listening = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listening.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
});
afterAll(async () => {
  listening?.closeAllConnections();
  await new Promise((resolve) => listening?.close(resolve));
  await app?.close();
  mute?.disconnect();
  for (const socket of sockets) socket.destroy();
  silent?.close();
  await h?.close();
});

describe('the failed-authentication limit when Redis never answers', () => {
  it('lets authenticated requests through, and still refuses a wrong token', async () => {
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    for (let n = 0; n < 3; n++) {
      const mine = await fetch(`${baseUrl}/api/v1/tasks/mine`, { headers: { authorization: `Bearer ${translator}` } });
      expect(mine.status).toBe(200);
      expect(await mine.json()).toMatchObject({ tasks: [] });
    }
    const wrong = await fetch(`${baseUrl}/api/v1/tasks/mine`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(wrong.status).toBe(401);
  });
});
