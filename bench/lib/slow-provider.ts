/**
 * A stand-in DeepL (`POST /v2/translate`, its published request and answer shape) that takes a fixed time
 * per request: the slow provider of the machine translation bench. It counts requests and the ones open.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class SlowProvider {
  requests = 0;
  open = 0;
  private server: Server | null = null;

  constructor(private readonly delayMs: number) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests += 1;
        this.open += 1;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string[] };
        setTimeout(() => {
          this.open -= 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ translations: (body.text ?? []).map((text) => ({ detected_source_language: 'EN', text: `[de] ${text}` })) }));
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
