import { eventually } from './harness.js';

export interface StreamEvent {
  id: string | null;
  event: string;
  data: any;
}

/**
 * An open server-sent event stream, read in the background the way EventSource reads it, so a test can wait
 * for an event without blocking on the socket.
 */
export class EventStreamClient {
  readonly events: StreamEvent[] = [];
  private readonly controller = new AbortController();
  private buffer = '';
  status = 0;

  static async open(url: string, headers: Record<string, string>): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.controller.signal });
    client.status = response.status;
    if (response.ok && response.body) void client.pump(response.body.getReader());
    else await response.text();
    return client;
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        this.buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const lines = block.split('\n');
          const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
          const data = field('data');
          if (data !== null) this.events.push({ id: field('id'), event: field('event') ?? 'message', data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted by close()
    }
  }

  /** As long a default wait as the harness's `eventually`: events often come from work done by the workers. */
  waitFor(predicate: (event: StreamEvent) => boolean, timeoutMs = 25_000): Promise<StreamEvent> {
    return eventually(async () => this.events.find(predicate) ?? null, timeoutMs);
  }

  close(): void {
    this.controller.abort();
  }
}
