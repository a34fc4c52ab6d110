import { randomBytes } from 'node:crypto';
import { newSessionTimes, slidTo } from '../domain/session.js';
import { AppError } from '../errors.js';
import type { Pool } from '../storage/pool.js';
import { deleteEndedSessions, findSession, insertSession, revokeSession, revokeUserSessions, touchSession } from '../storage/sessions-repo.js';
import type { Role, UserRecord } from '../domain/people.js';
import type { ServiceDeps } from './deps.js';
import { hashToken } from './tokens.js';
import type { Authenticator } from './users.js';

export interface ActiveSession {
  idHash: string;
  user: UserRecord;
  expiresAt: Date;
}

interface Cached {
  userId: string;
  user: UserRecord;
  expiresAt: Date;
  maxExpiresAt: Date;
  until: number;
}

/**
 * Browser sessions: a token signs in once, the browser then carries a random cookie whose hash names a
 * row in PostgreSQL. Like tokens, a session is cached for a few seconds, so a page's burst of requests
 * (and a translator's claim/submit loop) costs no lookup each; sign-out and revocation in this process drop
 * the cache entry at once, other processes see them within the cache's lifetime.
 */
export class Sessions {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly deps: Pick<ServiceDeps, 'pool' | 'config'>,
    private readonly tokens: Authenticator,
    private readonly ttlMs = 10_000,
  ) {}

  private get pool(): Pool {
    return this.deps.pool;
  }

  /**
   * Checks the token and opens a session; the cookie value is returned once and stored only hashed. With
   * `requiredRole`, a person without it is refused before anything is written.
   */
  async signIn(token: string, requiredRole?: Role): Promise<{ cookie: string; session: ActiveSession }> {
    const user = await this.tokens.authenticate(token);
    if (requiredRole && !user.roles.includes(requiredRole)) throw new AppError('forbidden', { roles: requiredRole });
    const cookie = randomBytes(32).toString('base64url');
    const idHash = hashToken(cookie);
    const times = newSessionTimes(new Date(), this.deps.config.sessionIdleSeconds, this.deps.config.sessionMaxSeconds);
    await deleteEndedSessions(this.pool);
    await insertSession(this.pool, { idHash, userId: user.id, ...times });
    return { cookie, session: { idHash, user, expiresAt: times.expiresAt } };
  }

  /** The session a cookie names, its idle deadline pushed forward; `session_expired` when it has ended. */
  async authenticate(cookie: string): Promise<ActiveSession> {
    const idHash = hashToken(cookie);
    const now = new Date();
    let entry = this.cache.get(idHash);
    if (!entry || entry.until <= now.getTime()) {
      const row = await findSession(this.pool, idHash);
      if (!row || row.revokedAt) throw this.ended(idHash);
      entry = { userId: row.userId, user: row.user, expiresAt: row.expiresAt, maxExpiresAt: row.maxExpiresAt, until: now.getTime() + this.ttlMs };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(idHash, entry);
    }
    if (entry.expiresAt <= now) throw this.ended(idHash);
    const slid = slidTo(entry, now, this.deps.config.sessionIdleSeconds);
    if (slid) {
      await touchSession(this.pool, idHash, slid);
      entry.expiresAt = slid;
    }
    return { idHash, user: entry.user, expiresAt: entry.expiresAt };
  }

  async signOut(cookie: string): Promise<void> {
    const idHash = hashToken(cookie);
    // The database first: a request reading it meanwhile must not cache the session again.
    await revokeSession(this.pool, idHash);
    this.cache.delete(idHash);
  }

  /** Ends a person's sessions (their token was replaced), except the one asking, if any. */
  async revokeUser(userId: string, except: string | null): Promise<void> {
    await revokeUserSessions(this.pool, userId, except);
    for (const [hash, entry] of this.cache) if (entry.userId === userId && hash !== except) this.cache.delete(hash);
  }

  /** Roles or availability changed: cached users are re-read on their next request. */
  forget(): void {
    this.cache.clear();
  }

  private ended(idHash: string): AppError {
    this.cache.delete(idHash);
    return new AppError('session_expired');
  }
}
