/**
 * Small local HTTP servers that speak a machine translation provider's published format (DeepL v2, Azure
 * Translator v3, LibreTranslate, OpenAI chat completions), for tests: by default they "translate" each text
 * by prefixing the words with a marker and keeping the markup, and a test can script the next answers
 * (429 with Retry-After, quota, 5xx, garbage) or hold requests open to play a slow or dead provider.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeKind = 'deepl' | 'azure' | 'libretranslate' | 'openai';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

/** A scripted answer: a status with a body (and headers), or "hold" to keep the request open until released. */
export type Scripted = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | 'hold';

export class FakeProvider {
  readonly requests: RecordedRequest[] = [];
  private readonly script: Scripted[] = [];
  private held: Array<() => void> = [];
  private server: Server | null = null;
  /** Answer every translate request this way (after the script runs out); null for the normal translation. */
  always: Scripted | null = null;
  /** Delay before a normal answer. */
  delayMs = 0;
  url = '';

  constructor(readonly kind: FakeKind) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.kind === 'openai' ? '/v1' : ''}`;
    return this;
  }

  /** The next translate requests get these answers, in order. */
  next(...answers: Scripted[]): this {
    this.script.push(...answers);
    return this;
  }

  /** Requests that asked for translations (not glossary management). */
  get translateRequests(): RecordedRequest[] {
    return this.requests.filter((r) => isTranslatePath(this.kind, r.path));
  }

  /** Requests still held open. */
  get pending(): number {
    return this.held.length;
  }

  release(): void {
    const held = this.held;
    this.held = [];
    for (const go of held) go();
  }

  async close(): Promise<void> {
    this.always = null;
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // kept as text
    }
    const path = req.url ?? '/';
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, at: Date.now() });
    if (!isTranslatePath(this.kind, path)) return this.glossary(req, path, res);
    const answer = this.script.shift() ?? this.always;
    if (answer === 'hold') {
      await new Promise<void>((resolve) => this.held.push(resolve));
      if (res.destroyed) return;
      return send(res, 503, { message: 'released' });
    }
    if (answer) {
      if (answer.raw !== undefined) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.raw);
        return;
      }
      return send(res, answer.status, answer.body ?? {}, answer.headers);
    }
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    send(res, 200, this.translate(body as any));
  }

  private glossary(req: IncomingMessage, path: string, res: ServerResponse): void {
    if (this.kind === 'deepl' && req.method === 'POST' && path === '/v2/glossaries') {
      return send(res, 201, { glossary_id: 'g-1', name: 'dragoman', ready: true, source_lang: 'en', target_lang: 'de', entry_count: 1 });
    }
    if (this.kind === 'deepl' && req.method === 'DELETE' && path.startsWith('/v2/glossaries/')) {
      res.writeHead(204).end();
      return;
    }
    send(res, 404, { message: 'not found' });
  }

  /** The normal answer in the provider's format: every text with "T:" before each word, markup kept. */
  private translate(body: any): unknown {
    switch (this.kind) {
      case 'deepl':
        return { translations: (body.text as string[]).map((t) => ({ detected_source_language: 'EN', text: mark(t) })) };
      case 'azure':
        return (body as Array<{ Text: string }>).map((item) => ({ translations: [{ text: mark(item.Text), to: 'de' }] }));
      case 'libretranslate':
        return { translatedText: (body.q as string[]).map(mark) };
      case 'openai': {
        const user = (body.messages as Array<{ role: string; content: string }>).find((m) => m.role === 'user')!.content;
        const numbered = JSON.parse(user.slice(user.indexOf('{'), user.lastIndexOf('}') + 1)) as Record<string, string>;
        const answer = Object.fromEntries(Object.entries(numbered).map(([k, v]) => [k, mark(v)]));
        return {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer) } }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        };
      }
    }
  }
}

function isTranslatePath(kind: FakeKind, path: string): boolean {
  if (kind === 'deepl') return path.startsWith('/v2/translate');
  if (kind === 'azure') return path.startsWith('/translate');
  if (kind === 'libretranslate') return path.startsWith('/translate');
  return path.startsWith('/v1/chat/completions');
}

/** "T:" before every word outside tags and tokens: visibly translated, markup untouched. */
export function mark(text: string): string {
  return text.replace(/(<[^>]*>|⟦[^⟧]*⟧|&[#\w]+;)|([\p{L}\p{N}]+)/gu, (whole, tag: string | undefined) => (tag ? whole : `T:${whole}`));
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFake(kind: FakeKind): Promise<FakeProvider> {
  return new FakeProvider(kind).start();
}
