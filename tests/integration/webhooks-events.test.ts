import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { verifySignature } from '../../src/domain/webhooks.js';
import { sampleArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let translator: string;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
let failuresLeft = 0;

beforeAll(async () => {
  // The receiver listens on 127.0.0.1: private targets are allowed here as they are for local testing.
  h = await startHarness({ workers: true, env: { DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: 'on' } });
  editor = await h.user(['editor', 'publisher']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  receiver?.close();
  await h?.close();
});

async function publishOne(): Promise<string> {
  const article = await h.call('POST', '/api/v1/articles', { token: editor, json: sampleArticle({ targetLocales: ['en'] }) });
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    if (claim.status === 204) break;
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'EN' } });
  }
  return article.body.id;
}

describe('webhooks', () => {
  it('are for admins, validated, and never echo the secret', async () => {
    expect((await h.call('POST', '/api/v1/webhooks', { token: editor, json: {} })).status).toBe(403);
    const bad = await h.call('POST', '/api/v1/webhooks', { token: h.adminToken, json: { url: 'ftp://x', events: ['nope'], secret: 'short' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['events.0', 'secret', 'url']);
  });

  it('deliver signed events, retry failures with backoff, and show each delivery', async () => {
    const secret = 'a-long-shared-secret-for-tests';
    const hook = await h.call('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      json: { url: receiverUrl, events: ['locale.published', 'article.completed'], secret },
    });
    expect(hook.status).toBe(201);
    expect(hook.body).not.toHaveProperty('secret');
    failuresLeft = 1; // the first attempt meets a 503
    const articleId = await publishOne();
    await eventually(async () => received.length >= 2, 15_000);
    const types = received.map((r) => r.headers['x-dragoman-event']).sort();
    expect(types).toEqual(['article.completed', 'locale.published']);
    for (const delivery of received) {
      expect(verifySignature(secret, delivery.body, String(delivery.headers['x-dragoman-signature']))).toBe(true);
      expect(verifySignature('wrong-secret-wrong-secret', delivery.body, String(delivery.headers['x-dragoman-signature']))).toBe(false);
      expect(JSON.parse(delivery.body).data.articleId).toBe(articleId);
      // Standard Webhooks, as a receiver checks it with the reference library: the secret's bytes are the key.
      const headers = delivery.headers as Record<string, string>;
      const receiverSide = new Webhook(Buffer.from(secret), { format: 'raw' });
      expect(receiverSide.verify(delivery.body, headers)).toMatchObject({ data: { articleId } });
      expect(headers['webhook-id']).toBe(headers['x-dragoman-delivery']);
      // A captured delivery replayed ten minutes later is refused: the timestamp is signed too.
      const replayed = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 600) };
      expect(() => receiverSide.verify(delivery.body, replayed)).toThrow();
    }
    const published = JSON.parse(received.find((r) => r.headers['x-dragoman-event'] === 'locale.published')!.body);
    // Payloads carry the public URLs: the new page, its feed, and every version's page (each one's switcher changed).
    expect(published.data).toMatchObject({
      locale: 'en',
      revision: 1,
      href: `http://dragoman.test/news/${articleId}/en`,
      feed: 'http://dragoman.test/feeds/en.atom',
      sitemap: 'http://dragoman.test/sitemap.xml',
    });
    expect(published.data.versions.map((v: { href: string }) => v.href).sort()).toEqual(
      ['en', 'ru'].map((l) => `http://dragoman.test/news/${articleId}/${l}`),
    );

    const deliveries = await eventually(async () => {
      const res = await h.call('GET', `/api/v1/webhooks/${hook.body.id}/deliveries`, { token: h.adminToken });
      return res.body.deliveries.every((d: { status: string }) => d.status === 'delivered') ? res.body.deliveries : null;
    });
    expect(deliveries).toHaveLength(2);
    expect(deliveries.map((d: { attempts: number }) => d.attempts).sort()).toEqual([1, 2]);
    const list = await h.call('GET', '/api/v1/webhooks', { token: h.adminToken });
    expect(list.body.webhooks[0]).toMatchObject({ delivered: 2, pending: 0, failed: 0 });
  });
});

/** The complete messages of an event stream's text so far: their id line, event name and parsed data. */
function messages(stream: string): Array<{ id: string | null; event: string; data: any }> {
  const complete = stream.slice(0, stream.lastIndexOf('\n\n') + 1);
  return complete.split('\n\n').flatMap((block) => {
    const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
    const data = field('data');
    return data === null ? [] : [{ id: field('id'), event: field('event') ?? 'message', data: JSON.parse(data) }];
  });
}

describe('server-sent events', () => {
  it('stream the same events, and replay what a client missed after Last-Event-ID', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.baseUrl}/api/v1/events?types=locale.published`, {
      headers: { authorization: `Bearer ${editor}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    const articleId = await publishOne();
    // This article's event (an earlier test's may come first on a live stream).
    const published = await eventually(async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return messages(text).find((m) => m.event === 'locale.published' && m.data.data?.articleId === articleId);
    });
    controller.abort();
    expect(published.id).toMatch(/^\d+$/);
    expect(text).not.toContain('event: article.completed');

    // Reconnect from before that event: it is sent again from the table. The event's own id is in its data;
    // the `id:` line may be lower (the server's watermark while an earlier id is still awaited), so the
    // replayed event is recognised by its data, not by the line.
    const eventId = published.data.id as number;
    const replay = new AbortController();
    const again = await fetch(`${h.baseUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${editor}`, 'last-event-id': String(eventId - 1) },
      signal: replay.signal,
    });
    const replayReader = again.body!.getReader();
    let replayed = '';
    const resent = await eventually(async () => {
      const { value } = await replayReader.read();
      replayed += new TextDecoder().decode(value);
      return messages(replayed).find((m) => m.data.id === eventId);
    });
    replay.abort();
    expect(resent).toMatchObject({ event: 'locale.published', data: { data: { articleId } } });
    expect(Number(resent.id)).toBeLessThanOrEqual(eventId);
    expect((await h.call('GET', '/api/v1/events')).status).toBe(401);
  });
});
