import type { UserRecord } from '../domain/people.js';

declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: UserRecord;
      /** How the caller signed in: a bearer token, or a browser session (its hash and idle deadline). */
      auth?: { method: 'token' | 'session'; sessionHash: string | null; expiresAt: Date | null };
    }
  }
}
