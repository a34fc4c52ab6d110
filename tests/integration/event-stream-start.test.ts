/**
 * The first stream of a process starts the LISTEN connection, a round trip to PostgreSQL. Two things may
 * happen meanwhile: the client leaves (its request's 'close' then comes before anyone listens for it) or the
 * process begins to stop. Neither may leave a stream behind: a left-over one counts against its person's
 * stream limit for ever, and a listener started after close keeps a connection open past shutdown.
 * The pool is the real one, with a gate before its next query so each test can act at that moment.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { EventStream } from '../../src/http/event-stream.js';
import { createLogger } from '../../src/logger.js';
import { createPool, type Pool } from '../../src/storage/pool.js';
import { eventually, isolate, type Isolated } from '../helpers/harness.js';

let isolated: Isolated;
let pool: Pool;
let gate: (() => Promise<void>) | null = null;
const logger = createLogger('silent');
const viewer = { userId: '00000000-0000-4000-8000-000000000001', roles: ['publisher'] };

beforeAll(async () => {
  isolated = await isolate();
  pool = createPool(isolated.config.databaseUrl, 2);
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  pool.query = (async (...args: unknown[]) => {
    const waiting = gate;
    gate = null;
    if (waiting) await waiting();
    return query(...args);
  }) as typeof pool.query;
});
afterAll(async () => {
  await pool?.end();
  await isolated?.drop();
});

/** One route, as the API mounts it; `handled` sees each request before the stream does, and when it is done. */
async function serve(stream: EventStream, handled: Array<{ req: Request; done: Promise<void> }>): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get('/events', async (req, res) => {
    const entry = { req, done: Promise.resolve() };
    handled.push(entry);
    entry.done = stream.handle(req, res, { types: null, articleId: null, articles: [] }, viewer).catch((error: unknown) => {
      const code = error instanceof AppError ? error.code : 'internal';
      res.status(code === 'too_many_streams' ? 429 : 503).json({ code });
    });
    await entry.done;
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, server };
}

async function listeners(): Promise<number> {
  const result = await pool.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query = 'LISTEN dragoman_events' AND pid <> pg_backend_pid()`,
    [isolated.name],
  );
  return result.rows[0].n;
}

describe('the first event stream of a process', () => {
  it('left by its client while the listener starts, does not count against its person', async () => {
    const stream = new EventStream(pool, isolated.config.databaseUrl, logger, 1);
    const handled: Array<{ req: Request; done: Promise<void> }> = [];
    const { url, server } = await serve(stream, handled);
    try {
      const leaving = new AbortController();
      gate = async () => {
        const { req } = handled[0]!;
        // Not events.once: the request also emits 'error' (aborted), which would reject it.
        const closed = new Promise((resolve) => req.once('close', resolve));
        leaving.abort();
        await closed;
      };
      await expect(fetch(url, { signal: leaving.signal })).rejects.toThrow();
      await handled[0]!.done;
      // The limit is one stream per person: the stream that was never delivered must not hold it.
      const staying = new AbortController();
      const next = await fetch(url, { signal: staying.signal });
      expect(next.status).toBe(200);
      staying.abort();
    } finally {
      await stream.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('asked for while the process begins to stop, is refused and leaves no listener behind', async () => {
    const stream = new EventStream(pool, isolated.config.databaseUrl, logger, 5);
    const { url, server } = await serve(stream, []);
    let closing: Promise<void> | null = null;
    try {
      gate = async () => {
        // Stopping comes from elsewhere (SIGTERM), not from inside the starting stream's own query.
        await new Promise((resolve) => setImmediate(resolve));
        closing = stream.close();
      };
      const res = await fetch(url);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: 'service_unavailable' });
      expect(closing).not.toBeNull();
      await closing;
      await eventually(async () => (await listeners()) === 0);
    } finally {
      await stream.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
