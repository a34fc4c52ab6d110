import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import { isCrossSiteWrite, originOf, sessionCookieName, sessionCookiePath } from '../../domain/session.js';
import { mayReadPair } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import type { Role, UserRecord } from '../../domain/people.js';
import type { Sessions } from '../../services/sessions.js';
import type { AuthLimit } from './rate-limits.js';
import type { Authenticator } from '../../services/users.js';

export interface Credentials {
  tokens: Authenticator;
  sessions: Sessions;
  publicUrl: string;
}

/**
 * A bearer token (API clients) or the session cookie (browsers). A cookie-borne request that changes state
 * must come from this site: the cookie is SameSite=Strict, and the Origin/Sec-Fetch-Site check is the
 * second lock. A bearer token needs neither: no browser adds one by itself.
 */
export function authenticate(credentials: Credentials, limit?: AuthLimit): RequestHandler {
  const onFailure = limit?.failed;
  return async (req, res, next) => {
    // An address over the failed-authentication limit is refused before its credentials are looked at.
    await limit?.check(req, res);
    const header = req.get('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      req.user = await countingFailures(req, res, onFailure, () => credentials.tokens.authenticate(match?.[1]));
      req.auth = { method: 'token', sessionHash: null, expiresAt: null };
      next();
      return;
    }
    const cookie = sessionCookieOf(req);
    // No credentials at all is a failed authentication like a wrong token: it counts, and an address over the
    // limit gets 429, not a 401 that invites the next guess.
    if (cookie === undefined) return countingFailures(req, res, onFailure, refuseAnonymous);
    refuseCrossSite(req, credentials.publicUrl);
    try {
      // A cookie naming no session is a guess like a wrong token: it counts towards the same limit.
      const session = await countingFailures(req, res, onFailure, () => credentials.sessions.authenticate(cookie));
      req.user = session.user;
      req.auth = { method: 'session', sessionHash: session.idHash, expiresAt: session.expiresAt };
    } catch (error) {
      if (error instanceof AppError && error.code === 'session_expired') clearSessionCookie(res);
      throw error;
    }
    next();
  };
}

async function refuseAnonymous(): Promise<never> {
  throw new AppError('unauthorized');
}

/** `onFailure` sees every refused token or session cookie first (the failed-authentication limit counts them). */
export type FailureCounter = (req: Request, res: Response) => Promise<void>;
const refusals = new Set(['unauthorized', 'session_expired']);

export async function countingFailures<T>(req: Request, res: Response, onFailure: FailureCounter | undefined, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (onFailure && error instanceof AppError && refusals.has(error.code)) await onFailure(req, res);
    throw error;
  }
}

/** Memory, glossary and history of a language pair: editors and admins read all, others the pairs they serve. */
export function requireReadablePair(user: UserRecord, source: string, target: string): void {
  if (!mayReadPair(user, source, target)) throw new AppError('language_pair_not_served', { locale: target });
}

export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  const value = parseCookies(header)[sessionCookieName];
  return value ? value : undefined;
}

export function refuseCrossSite(req: Request, publicUrl: string): void {
  const own = [originOf(`${req.protocol}://${req.get('host') ?? ''}`), originOf(publicUrl)].filter((o): o is string => o !== null);
  const crossSite = isCrossSiteWrite({
    method: req.method,
    fetchSite: req.get('sec-fetch-site'),
    origin: req.get('origin'),
    ownOrigins: own,
  });
  if (crossSite) throw new AppError('csrf_rejected');
}

export function setSessionCookie(req: Request, res: Response, value: string, maxAgeSeconds: number): void {
  res.cookie(sessionCookieName, value, {
    httpOnly: true,
    secure: req.secure,
    sameSite: 'strict',
    path: sessionCookiePath,
    maxAge: maxAgeSeconds * 1000,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'strict', path: sessionCookiePath });
}

/** Admins may do anything; everyone else needs one of the listed roles. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = req.user;
    if (!user) throw new AppError('unauthorized');
    if (!user.roles.includes('admin') && !roles.some((role) => user.roles.includes(role))) {
      throw new AppError('forbidden', { roles: roles.join(', ') });
    }
    next();
  };
}
