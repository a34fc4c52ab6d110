import type { Request, Response } from 'express';
import { followsProgress, mayReceive, progressEventType, streamOpenEventType, type Viewer } from '../domain/live-events.js';
import { AppError } from '../errors.js';
import { eventStreams } from '../observability/metrics.js';
import type { Logger } from '../logger.js';
import type { ServiceDeps } from '../services/deps.js';
import { eventLog, type EventLog, type EventWatch, type StoredEvent } from '../services/event-log.js';
import { ProgressFeed } from './progress-feed.js';

interface Subscriber {
  res: Response;
  /** Who is listening: personal events reach only their person, the desk's events only the desk. */
  viewer: Viewer;
  types: Set<string> | null;
  articleId: string | null;
  /** While a reconnecting client is replayed from the table, live events wait here. */
  buffered: StoredEvent[] | null;
  sent: Set<number>;
}

/** An id skipped by the cursor may belong to a transaction still open: look for it again this long. */
const gapPatienceMs = 60_000;
const batchSize = 500;

/**
 * Server-sent events: for publishing, the events webhooks carry; for the workbench, each person's notices
 * and the desk's comment events, plus derived progress (see progress-feed.ts). One LISTEN connection per
 * API process fetches each new batch once and fans it out; a client that reconnects with Last-Event-ID gets
 * what it missed from the table first. Event ids are handed out at insert, not at commit, so an id the
 * cursor passed without seeing is a gap, fetched again until it appears or has surely been rolled back.
 */
export class EventStream {
  private readonly subscribers = new Set<Subscriber>();
  private lastSeen = 0;
  private readonly gaps = new Map<number, number>();
  private started: Promise<void> | null = null;
  private listener: EventWatch | null = null;
  private fetching: Promise<void> | null = null;
  private again = false;
  private keepAlive: NodeJS.Timeout | null = null;
  private readonly progress: ProgressFeed;
  private closed = false;
  private readonly events: EventLog;

  constructor(
    pool: ServiceDeps['pool'],
    databaseUrl: string,
    private readonly logger: Logger,
    /** Open streams one user may hold in this process: each costs a socket and a buffer. */
    private readonly perUser = 5,
  ) {
    this.events = eventLog(pool, databaseUrl, logger);
    this.progress = new ProgressFeed({ pool, logger });
  }

  private ensureStarted(): Promise<void> {
    this.started ??= (async () => {
      this.lastSeen = await this.events.latestId();
      this.listener = this.events.watch(() => this.pump());
      await this.listener.start();
      this.keepAlive = setInterval(() => {
        for (const sub of this.subscribers) sub.res.write(': keep-alive\n\n');
        if (this.gaps.size > 0) this.pump(); // gaps are retried even when nothing new arrives
      }, 5_000);
      this.keepAlive.unref();
    })().catch(async (error) => {
      // A failed start (PostgreSQL restarting) must not stick: the next request tries again.
      this.started = null;
      await this.listener?.close();
      this.listener = null;
      throw error;
    });
    return this.started;
  }

  private pump(): void {
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = (async () => {
      do {
        this.again = false;
        const now = Date.now();
        for (const [id, since] of this.gaps) if (now - since > gapPatienceMs) this.gaps.delete(id);
        const late = this.gaps.size > 0 ? await this.events.byIds([...this.gaps.keys()]) : [];
        const events = await this.events.after(this.lastSeen, batchSize);
        for (const event of late) this.gaps.delete(event.id);
        let expected = this.lastSeen + 1;
        for (const event of events) {
          for (let id = expected; id < event.id && this.gaps.size < 10_000; id++) this.gaps.set(id, now);
          expected = event.id + 1;
          this.lastSeen = event.id;
        }
        for (const event of [...late, ...events]) this.broadcast(event);
        if (events.length === batchSize) this.again = true;
      } while (this.again);
    })()
      .catch((error) => this.logger.warn({ err: error }, 'event stream fetch failed'))
      .finally(() => {
        this.fetching = null;
      });
  }

  private broadcast(event: StoredEvent): void {
    for (const sub of this.subscribers) {
      if (sub.buffered) sub.buffered.push(event);
      else send(sub, event, this.watermark());
    }
  }

  /**
   * The id a client may safely resume from: below any gap still awaited, so a reconnect replays an event
   * that commits late. Clients see some events twice across a reconnect; `data.id` tells them apart.
   */
  private watermark(): number {
    let low = this.lastSeen;
    for (const id of this.gaps.keys()) low = Math.min(low, id - 1);
    return low;
  }

  async handle(
    req: Request,
    res: Response,
    filters: { types: string[] | null; articleId: string | null; articles: string[]; lastEventId?: number | null },
    viewer: Viewer,
  ): Promise<void> {
    // A process on its way down takes no new streams: the client's retry finds another one.
    if (this.closed) throw new AppError('service_unavailable');
    let open = 0;
    for (const sub of this.subscribers) if (sub.viewer.userId === viewer.userId) open++;
    if (open >= this.perUser) throw new AppError('too_many_streams', { max: this.perUser });
    await this.ensureStarted();
    // The first stream waits for the listener to start. Meanwhile the process may have begun to stop, or the
    // client may have left: its 'close' then came before anyone listened, and the stream would be kept (and
    // counted against its person's limit) for ever.
    if (this.closed) throw new AppError('service_unavailable');
    if (req.socket.destroyed) return;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    // The browser's own reconnects send the header; a page that opens a new EventSource (which sends none)
    // names where to resume in the query instead. The header wins: it is the newer of the two.
    const lastEventId = Number(req.get('last-event-id') ?? filters.lastEventId ?? NaN);
    const replay = Number.isInteger(lastEventId) && lastEventId >= 0;
    const sub: Subscriber = {
      res,
      viewer,
      types: filters.types ? new Set(filters.types) : null,
      articleId: filters.articleId,
      buffered: replay ? [] : null,
      sent: new Set(),
    };
    // Subscribed before the replay reads the table, so nothing falls between the two; duplicates are dropped.
    this.subscribers.add(sub);
    const followed = [...new Set([...filters.articles, ...(filters.articleId ? [filters.articleId.toLowerCase()] : [])])];
    const wantsProgress = !filters.types || filters.types.includes(progressEventType);
    const unfollow =
      followed.length > 0 && wantsProgress && followsProgress(viewer)
        ? this.progress.follow(followed, (data) => res.write(`event: ${progressEventType}\ndata: ${JSON.stringify(data)}\n\n`))
        : () => undefined;
    eventStreams.inc();
    req.on('close', () => {
      if (this.subscribers.delete(sub)) eventStreams.dec();
      unfollow();
    });
    if (!replay && (!sub.types || sub.types.has(streamOpenEventType))) {
      // Where this stream starts. A page that opens a new stream later (it follows other articles now) names
      // this position to resume from, so events between its two streams are replayed even when it had not
      // received a single event before; without it that page could only ask for "from now" and lose them.
      const from = this.watermark();
      const data = JSON.stringify({ type: streamOpenEventType, data: { from } }); // shaped like every other message
      res.write(`id: ${from}\nevent: ${streamOpenEventType}\ndata: ${data}\n\n`);
    }
    if (!replay) return;
    let from = lastEventId;
    for (;;) {
      const missed = await this.events.after(from, batchSize);
      for (const event of missed) send(sub, event, this.watermark());
      if (missed.length < batchSize) break;
      from = missed[missed.length - 1]!.id;
    }
    const live = sub.buffered ?? [];
    sub.buffered = null;
    for (const event of live) send(sub, event, this.watermark());
  }

  /**
   * Ends every stream politely: clients are told to reconnect soon (to another process, behind a load
   * balancer) and resume from their last id, so a restart loses them nothing.
   */
  async close(): Promise<void> {
    this.closed = true;
    // A listener still starting for a first stream is closed once started, not left listening past shutdown.
    await this.started?.catch(() => undefined);
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.progress.close();
    for (const sub of this.subscribers) {
      sub.res.end('retry: 1000\nevent: server-closing\ndata: {"reconnect":true}\n\n');
      eventStreams.dec();
    }
    this.subscribers.clear();
    await this.listener?.close();
  }
}

function send(sub: Subscriber, event: StoredEvent, watermark: number): void {
  if (sub.sent.has(event.id)) return;
  sub.sent.add(event.id);
  if (sub.sent.size > 5_000) sub.sent.delete(sub.sent.values().next().value!);
  if (sub.types && !sub.types.has(event.type)) return;
  if (!mayReceive(sub.viewer, event)) return;
  if (sub.articleId && sub.articleId !== event.articleId) return;
  const data = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload });
  sub.res.write(`id: ${Math.min(event.id, watermark)}\nevent: ${event.type}\ndata: ${data}\n\n`);
}
