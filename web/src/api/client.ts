import { currentLanguage, i18next } from '../i18n';

/** What the API says went wrong (problem+json), with the localized title and detail to show a person. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: Array<{ path: string; message: string }>; qa?: QaFinding[] } = {},
  ) {
    super(code);
  }
}

export interface QaFinding {
  code: string;
  severity: string;
  message: string;
  span?: { start: number; end: number };
  /** A blocking finding that may be confirmed with a reason (the server says which). */
  overridable?: boolean;
  overridden?: boolean;
  /** Why the person confirmed it, on an overridden finding. */
  reason?: string;
}

export interface RequestOptions {
  json?: unknown;
  text?: string;
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  accept?: string;
  headers?: Record<string, string>;
}

type Listener = (code: string) => void;
const sessionLost = new Set<Listener>();

/** Called when a request finds the session gone (expired or signed out elsewhere). */
export function onSessionLost(listener: Listener): () => void {
  sessionLost.add(listener);
  return () => sessionLost.delete(listener);
}

export const apiBase = '/api/v1';

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${apiBase}${path}${search ? `?${search}` : ''}`;
}

/**
 * One request to the API with the session cookie. Errors come back as ApiProblem in the interface
 * language (the server localizes them by Accept-Language); a network failure or an answer that is not a
 * problem gets a localized message of ours, never a raw status or a stack.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    'Accept-Language': currentLanguage(),
    Accept: options.accept ?? 'application/json',
    ...options.headers,
  };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'text/plain';
    body = options.text;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiProblem(0, 'network', i18next.t('problem.networkTitle'), i18next.t('problem.networkDetail'));
  }
  noteServerClock(response);
  if (!response.ok) {
    const problem = await readProblem(response);
    // Signing in with a wrong token is not losing a session.
    if (response.status === 401 && path !== '/session') for (const listener of sessionLost) listener(problem.code);
    throw problem;
  }
  if (response.status === 204) return null as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

async function readProblem(response: Response): Promise<ApiProblem> {
  try {
    const body = (await response.json()) as Partial<{ code: string; title: string; detail: string; errors: []; qa: QaFinding[] }>;
    if (body && typeof body.title === 'string') {
      return new ApiProblem(response.status, body.code ?? 'unknown', body.title, body.detail ?? '', { errors: body.errors, qa: body.qa });
    }
  } catch {
    // Not JSON: a proxy's error page, say. Fall through to our own words.
  }
  return new ApiProblem(response.status, 'unknown', i18next.t('problem.unknownTitle'), i18next.t('problem.unknownDetail'));
}

export function isProblem(error: unknown, code?: string): error is ApiProblem {
  return error instanceof ApiProblem && (code === undefined || error.code === code);
}

let clockSkewMs = 0;

/** The server's clock, as far as its Date headers tell (leases are in server time). */
export function serverNow(): number {
  return Date.now() + clockSkewMs;
}

function noteServerClock(response: Response): void {
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(date)) return;
  const skew = date - Date.now();
  // Date has one-second resolution: only a real difference of clocks is worth correcting for.
  clockSkewMs = Math.abs(skew) > 2_000 ? skew : 0;
}
