/**
 * The HTTP part every web provider shares: a JSON POST under the caller's abort signal, and the mapping of
 * answers to ProviderError kinds (429 and Retry-After, quota codes, 5xx, garbage).
 */
import { ProviderError } from './types.js';

export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  /** Statuses that mean "out of characters" for this provider (DeepL 456, Azure 403001...). */
  isQuota?: (status: number, body: unknown) => boolean;
}

/** Retry-After in delta-seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** POSTs JSON and returns the parsed JSON answer of a 2xx; every other outcome is a ProviderError. */
export async function postJson(options: PostOptions): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    const reason = options.signal.aborted ? 'timed out' : (error as Error).message;
    throw new ProviderError('unavailable', `request failed: ${reason}`);
  }
  const text = await response.text().catch(() => '');
  const body = parseJson(text);
  if (response.ok) {
    if (body === undefined) throw new ProviderError('bad_answer', `answer is not JSON (${text.slice(0, 80)})`, null, response.status);
    return body;
  }
  const status = response.status;
  if (options.isQuota?.(status, body)) throw new ProviderError('quota', `quota exhausted (HTTP ${status})`, null, status);
  if (status === 429 || status === 529) {
    throw new ProviderError('rate_limited', `rate limited (HTTP ${status})`, retryAfterMs(response.headers.get('retry-after')), status);
  }
  if (status >= 500 || status === 408) throw new ProviderError('unavailable', `HTTP ${status}`, retryAfterMs(response.headers.get('retry-after')), status);
  throw new ProviderError('rejected', `HTTP ${status}: ${text.slice(0, 200)}`, null, status);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Strings of an answer in the order asked, or a bad_answer when the shape or the count is wrong. */
export function expectStrings(values: unknown[], count: number, what: string): Array<string | null> {
  if (values.length !== count) throw new ProviderError('bad_answer', `${what}: ${values.length} answers for ${count} texts`);
  return values.map((v) => (typeof v === 'string' && v.trim() !== '' ? v : null));
}
