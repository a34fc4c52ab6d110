import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { EventListener } from '../storage/event-listener.js';
import type { Pool } from '../storage/pool.js';
import { eventsAfter, latestEventId } from '../storage/webhooks-repo.js';

type StoredEvent = Awaited<ReturnType<typeof eventsAfter>>[number];

interface Subscriber {
  res: Response;
  types: Set<string> | null;
  articleId: string | null;
}

/**
 * Server-sent events for publishing: the same events webhooks carry. One LISTEN connection per API
 * process fetches each new batch once and fans it out; a client that reconnects with Last-Event-ID gets
 * what it missed from the table first.
 */
export class EventStream {
  private readonly subscribers = new Set<Subscriber>();
  private lastSeen = 0;
  private listener: EventListener | null = null;
  private fetching: Promise<void> | null = null;
  private again = false;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  private async ensureStarted(): Promise<void> {
    if (this.listener) return;
    this.lastSeen = await latestEventId(this.pool);
    this.listener = new EventListener(this.databaseUrl, () => this.pump(), this.logger);
    await this.listener.start();
    this.keepAlive = setInterval(() => {
      for (const sub of this.subscribers) sub.res.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
  }

  private pump(): void {
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = (async () => {
      do {
        this.again = false;
        const events = await eventsAfter(this.pool, this.lastSeen);
        for (const event of events) {
          this.lastSeen = Math.max(this.lastSeen, event.id);
          for (const sub of this.subscribers) send(sub, event);
        }
        if (events.length === 500) this.again = true;
      } while (this.again);
    })()
      .catch((error) => this.logger.warn({ err: error }, 'event stream fetch failed'))
      .finally(() => {
        this.fetching = null;
      });
  }

  async handle(req: Request, res: Response, filters: { types: string[] | null; articleId: string | null }): Promise<void> {
    await this.ensureStarted();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const sub: Subscriber = { res, types: filters.types ? new Set(filters.types) : null, articleId: filters.articleId };
    const lastEventId = Number(req.get('last-event-id') ?? NaN);
    if (Number.isInteger(lastEventId) && lastEventId >= 0) {
      // Replay what the client missed, up to what the shared pump has already sent to everyone.
      let from = lastEventId;
      for (;;) {
        const missed = (await eventsAfter(this.pool, from)).filter((e) => e.id <= this.lastSeen);
        for (const event of missed) send(sub, event);
        if (missed.length < 500) break;
        from = missed[missed.length - 1]!.id;
      }
    }
    this.subscribers.add(sub);
    req.on('close', () => this.subscribers.delete(sub));
  }

  async close(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const sub of this.subscribers) sub.res.end();
    this.subscribers.clear();
    await this.listener?.close();
  }
}

function send(sub: Subscriber, event: StoredEvent): void {
  if (sub.types && !sub.types.has(event.type)) return;
  if (sub.articleId && sub.articleId !== event.articleId) return;
  const data = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload });
  sub.res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${data}\n\n`);
}
