import { useEffect, useRef } from 'preact/hooks';
import { apiUrl } from '../api/client';

export interface StreamEvent {
  id?: number;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

interface Filters {
  types?: string[];
  articleId?: string;
  articles?: string[];
}

interface Subscriber {
  filters: Filters;
  handler: { current: (event: StreamEvent) => void };
}

/**
 * One event stream per page (GET /events), shared by every screen and panel that listens: browsers allow
 * only six connections per host over HTTP/1.1, and a stream holds one for as long as it is open. The hub
 * asks for every event type, and for the progress of the union of the articles its listeners follow; each
 * listener gets only what its own filters let through. When the followed articles change, the stream is
 * opened again (once, after the changes settle). EventSource reconnects by itself after a dropped
 * connection (the server says when, and it resumes with Last-Event-ID); when the server refuses the stream
 * (a restart, too many streams) the hub tries again itself, waiting longer each time. Every stream the hub
 * opens itself names the last event seen (`?lastEventId=`), so no event is lost across a reopen.
 */
/**
 * Sent (by the server) at the start of a stream that replays nothing. Listeners that name it in `types` (or
 * take every type) hear it and reload what they show, since events from before it are not delivered.
 */
export const streamOpenType = 'stream-open';
const eventTypes = ['locale.published', 'article.completed', 'article.revised', 'article.withdrawn', 'comment.created', 'notice', 'article.progress'];
const maxFollowed = 100;
const reopenDelayMs = 150;
const firstRetryMs = 1_000;
const maxRetryMs = 30_000;

const subscribers = new Set<Subscriber>();
let source: EventSource | null = null;
let openFor = '';
let reopenTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryMs = firstRetryMs;
let lastId = -1;
const seen = new Set<number>();

function followed(): string {
  const ids = new Set<string>();
  for (const sub of subscribers) {
    if (sub.filters.articleId) ids.add(sub.filters.articleId);
    for (const id of sub.filters.articles ?? []) ids.add(id);
  }
  return [...ids].sort().slice(0, maxFollowed).join(',');
}

function wants(filters: Filters, event: StreamEvent): boolean {
  if (filters.types && !filters.types.includes(event.type)) return false;
  // The start of a stream is about no article: every listener that takes its type hears it.
  if (event.type === streamOpenType) return true;
  const articleId = typeof event.data?.articleId === 'string' ? event.data.articleId : undefined;
  if (filters.articleId && articleId !== filters.articleId) return false;
  return true;
}

function receive(message: MessageEvent<string>): void {
  let event: StreamEvent;
  try {
    const parsed = JSON.parse(message.data) as Partial<StreamEvent>;
    // Stored events come wrapped ({id, type, data}); derived ones (progress) are their data alone.
    event =
      typeof parsed.type === 'string' && 'data' in parsed
        ? (parsed as StreamEvent)
        : { type: message.type, createdAt: '', data: parsed as Record<string, unknown> };
  } catch {
    return; // A malformed event is skipped; the next one still arrives.
  }
  // Derived events (progress) carry no id and are never repeated; stored ones may come twice across a reconnect.
  if (typeof event.id === 'number') {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > 2_000) seen.delete(seen.values().next().value!);
  }
  // The resume position is the stream's own id, not the event's: the server sends an id no higher than what
  // every earlier transaction has committed, so a resume from it cannot pass over an event still committing.
  const position = Number(message.lastEventId);
  if (message.lastEventId !== '' && Number.isInteger(position) && position >= 0) lastId = Math.max(lastId, position);
  deliver(event);
}

function deliver(event: StreamEvent): void {
  for (const sub of [...subscribers]) {
    if (!wants(sub.filters, event)) continue;
    try {
      sub.handler.current(event);
    } catch (error) {
      // One listener's mistake does not stop the others hearing the event.
      console.error(error);
    }
  }
}

function close(): void {
  source?.close();
  source = null;
  openFor = '';
}

function open(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  close();
  if (subscribers.size === 0) return;
  const articles = followed();
  openFor = articles;
  // A new EventSource sends no Last-Event-ID: the query names the last event this page saw, so the server
  // replays what came while the stream was closed (the header of the browser's own reconnects wins).
  const stream = new EventSource(
    apiUrl('/events', { articles: articles || undefined, lastEventId: lastId >= 0 ? lastId : undefined }),
    { withCredentials: true },
  );
  source = stream;
  for (const name of eventTypes) stream.addEventListener(name, receive as EventListener);
  stream.addEventListener(streamOpenType, ((message: MessageEvent<string>) => {
    // The server's position when this stream began (its id): a reopen resumes from there even if no event came.
    const from = Number(message.lastEventId);
    if (Number.isInteger(from) && from >= 0) lastId = Math.max(lastId, from);
    // A stream that is not a replay starts "from now": what happened between a screen's first load and this
    // moment never comes as an event, so listeners that asked for it look again.
    deliver({ type: streamOpenType, createdAt: '', data: {} });
  }) as EventListener);
  stream.onmessage = receive;
  stream.onopen = () => {
    retryMs = firstRetryMs;
  };
  stream.onerror = () => {
    // CONNECTING: the browser retries by itself. CLOSED: the server refused; retry later, backing off.
    if (stream !== source || stream.readyState !== EventSource.CLOSED) return;
    close();
    const wait = retryMs * (0.75 + Math.random() / 2);
    retryMs = Math.min(maxRetryMs, retryMs * 2);
    retryTimer = setTimeout(open, wait);
  };
}

/** Opens, reopens or closes the shared stream once the listeners' changes of the moment have settled. */
function settle(): void {
  clearTimeout(reopenTimer);
  reopenTimer = setTimeout(() => {
    if (subscribers.size === 0) {
      // A planned retry is dropped with the stream; the next listener opens one straight away.
      clearTimeout(retryTimer);
      retryTimer = undefined;
      close();
      return;
    }
    if (retryTimer !== undefined) return; // a retry is already planned and will see the new listeners
    if (!source || followed() !== openFor) open();
  }, reopenDelayMs);
}

/**
 * For tests and diagnostics (as `window.dragomanStream()` in the browser's console): how many streams this
 * page holds (always 0 or 1), how many listeners it serves, whether a retry after a refusal is planned, and
 * the position a reopen resumes from.
 */
export function streamState(): { open: number; listeners: number; retrying: boolean; lastId: number } {
  return { open: source ? 1 : 0, listeners: subscribers.size, retrying: retryTimer !== undefined, lastId };
}

export function subscribe(filters: Filters, handler: (event: StreamEvent) => void): () => void {
  const sub: Subscriber = { filters, handler: { current: handler } };
  subscribers.add(sub);
  settle();
  return () => {
    subscribers.delete(sub);
    settle();
  };
}

/** Listens to the page's shared event stream while the component is mounted and `enabled`. */
export function useEventStream(filters: Filters, onEvent: (event: StreamEvent) => void, enabled = true): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const types = filters.types?.join(',');
  const articles = filters.articles?.slice(0, maxFollowed).join(',');
  useEffect(() => {
    if (!enabled) return;
    return subscribe(
      { types: types ? types.split(',') : undefined, articleId: filters.articleId, articles: articles ? articles.split(',') : undefined },
      (event) => handler.current(event),
    );
  }, [types, filters.articleId, articles, enabled]);
}
