/**
 * Rules of browser sessions, without I/O: when a session ends, when its sliding deadline is worth writing,
 * and which requests a browser sent on behalf of another site.
 */

export const sessionCookieName = 'dragoman_session';
/** The cookie goes to the API only: the pages under /app never need it. */
export const sessionCookiePath = '/api/v1';
/**
 * Use moves the idle deadline forward; writing it at most once a minute (or a tenth of the idle time, if
 * that is shorter) keeps a busy browser's requests off the write path.
 */
export function touchEveryMs(idleSeconds: number): number {
  return Math.min(60_000, idleSeconds * 100);
}

export interface SessionTimes {
  expiresAt: Date;
  maxExpiresAt: Date;
}

export function newSessionTimes(now: Date, idleSeconds: number, maxSeconds: number): SessionTimes {
  const maxExpiresAt = new Date(now.getTime() + maxSeconds * 1000);
  const idle = new Date(now.getTime() + idleSeconds * 1000);
  return { expiresAt: idle < maxExpiresAt ? idle : maxExpiresAt, maxExpiresAt };
}

/** The idle deadline after a use at `now`, or null when the stored one is recent enough to keep. */
export function slidTo(times: SessionTimes, now: Date, idleSeconds: number): Date | null {
  const wanted = Math.min(now.getTime() + idleSeconds * 1000, times.maxExpiresAt.getTime());
  return wanted - times.expiresAt.getTime() >= touchEveryMs(idleSeconds) ? new Date(wanted) : null;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOrigin {
  method: string;
  /** Sec-Fetch-Site as the browser sent it, if it did. */
  fetchSite: string | undefined;
  /** The Origin header, if any. */
  origin: string | undefined;
  /** Origins this server answers as: its own scheme://host, and the configured public URL's. */
  ownOrigins: string[];
}

/**
 * True when a browser made a state-changing request on behalf of another site. Browsers send
 * Sec-Fetch-Site on every request (and Origin on every POST); a request with neither comes from a program,
 * which no other site can steer, so it is let through.
 */
export function isCrossSiteWrite(request: RequestOrigin): boolean {
  if (!unsafeMethods.has(request.method.toUpperCase())) return false;
  if (request.fetchSite !== undefined) return request.fetchSite !== 'same-origin' && request.fetchSite !== 'none';
  if (request.origin === undefined) return false;
  return !request.ownOrigins.includes(request.origin.toLowerCase());
}

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return null;
  }
}
