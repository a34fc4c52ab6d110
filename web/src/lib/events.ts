import { useEffect, useRef } from 'preact/hooks';
import { apiUrl } from '../api/client';

export interface StreamEvent {
  id?: number;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

/**
 * Listens to the server's event stream (GET /events, the same events webhooks carry). EventSource
 * reconnects by itself and resumes with Last-Event-ID; events seen twice across a reconnect are dropped.
 */
const allTypes = ['locale.published', 'article.completed', 'article.revised', 'comment.created', 'notice', 'article.progress'];

export function useEventStream(
  filters: { types?: string[]; articleId?: string; articles?: string[] },
  onEvent: (event: StreamEvent) => void,
  enabled = true,
): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const types = filters.types?.join(',');
  const articles = filters.articles?.slice(0, 100).join(',');
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(apiUrl('/events', { types, articleId: filters.articleId, articles }), { withCredentials: true });
    const seen = new Set<number>();
    const receive = (message: MessageEvent<string>) => {
      try {
        const parsed = JSON.parse(message.data) as Partial<StreamEvent>;
        // Stored events come wrapped ({id, type, data}); derived ones (progress) are their data alone.
        const event: StreamEvent =
          typeof parsed.type === 'string' && 'data' in parsed
            ? (parsed as StreamEvent)
            : { type: message.type, createdAt: '', data: parsed as Record<string, unknown> };
        // Derived events (progress) carry no id and are never repeated.
        if (typeof event.id === 'number') {
          if (seen.has(event.id)) return;
          seen.add(event.id);
        }
        handler.current(event);
      } catch {
        // A malformed event is skipped; the next one still arrives.
      }
    };
    const names = types ? types.split(',') : allTypes;
    for (const name of names) source.addEventListener(name, receive);
    source.onmessage = receive;
    return () => source.close();
  }, [types, filters.articleId, articles, enabled]);
}
