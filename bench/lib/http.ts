import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Reply {
  status: number;
  body: any;
  ms: number;
}

/**
 * A minimal JSON client over node:http with a keep-alive Agent. Global fetch would also keep connections
 * alive, but its pool (undici) is not tunable without adding undici as a dependency, and 50 translators
 * need 50 sockets open at once or the latencies measure our own queueing instead of the server.
 */
export class Client {
  private readonly agent: http.Agent;

  /** `maxSockets` above the number of concurrent callers, or the agent's own queue shows up as latency. */
  constructor(private readonly base: URL, maxSockets = 64) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: string, path: string, token?: string, json?: unknown): Promise<Reply> {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if (/json/.test(res.headers['content-type'] ?? '') && text) parsed = JSON.parse(text);
            resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - started });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Like request, but anything outside the expected statuses is a bench bug or a broken server: stop. */
  async expect(statuses: number[], method: string, path: string, token?: string, json?: unknown): Promise<Reply> {
    const reply = await this.request(method, path, token, json);
    if (!statuses.includes(reply.status)) {
      throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    return reply;
  }

  close(): void {
    this.agent.destroy();
  }
}
