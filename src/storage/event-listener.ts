import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * LISTENs for new events on a dedicated connection and calls back on each notification. PostgreSQL
 * restarts drop the connection; it reconnects with backoff and calls back once more so listeners catch up
 * from the table (notifications sent while away are lost, the rows are not).
 */
export class EventListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 200;

  constructor(
    private readonly databaseUrl: string,
    private readonly onEvent: () => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect().catch(() => this.scheduleReconnect());
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.client === client) this.client = null;
      if (!this.closed) this.scheduleReconnect();
    });
    client.on('notification', () => this.onEvent());
    await client.connect();
    await client.query('LISTEN dragoman_events');
    this.client = client;
    this.retryMs = 200;
    this.onEvent();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    setTimeout(() => {
      if (this.closed || this.client) return;
      this.connect().catch((error) => {
        this.logger.debug({ err: error }, 'event listener reconnect failed');
        this.scheduleReconnect();
      });
    }, delay).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }
}
