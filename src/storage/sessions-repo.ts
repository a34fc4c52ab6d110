import type { Db } from './pool.js';
import type { UserRecord } from '../domain/people.js';
import { userColumns } from './users-repo.js';

export interface SessionRow {
  userId: string;
  expiresAt: Date;
  maxExpiresAt: Date;
  revokedAt: Date | null;
  user: UserRecord;
}

export async function insertSession(
  db: Db,
  session: { idHash: string; userId: string; expiresAt: Date; maxExpiresAt: Date },
): Promise<void> {
  await db.query(`INSERT INTO sessions (id_hash, user_id, expires_at, max_expires_at) VALUES ($1, $2, $3, $4)`, [
    session.idHash,
    session.userId,
    session.expiresAt,
    session.maxExpiresAt,
  ]);
}

/** The session and its user in one read; null when no such session was ever made (or it was cleaned up). */
export async function findSession(db: Db, idHash: string): Promise<SessionRow | null> {
  const result = await db.query<UserRecord & Omit<SessionRow, 'user'>>(
    `SELECT s.user_id AS "userId", s.expires_at AS "expiresAt", s.max_expires_at AS "maxExpiresAt",
            s.revoked_at AS "revokedAt", u.*
     FROM sessions s JOIN LATERAL (SELECT ${userColumns} FROM users WHERE id = s.user_id) u ON true
     WHERE s.id_hash = $1`,
    [idHash],
  );
  const row = result.rows[0];
  if (!row) return null;
  const { userId, expiresAt, maxExpiresAt, revokedAt, ...user } = row;
  return { userId, expiresAt, maxExpiresAt, revokedAt, user };
}

/** Moves the idle deadline forward, never backwards and never for an ended session. */
export async function touchSession(db: Db, idHash: string, expiresAt: Date): Promise<void> {
  await db.query(
    `UPDATE sessions SET expires_at = greatest(expires_at, $2) WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [idHash, expiresAt],
  );
}

export async function revokeSession(db: Db, idHash: string): Promise<void> {
  await db.query(`UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL`, [idHash]);
}

/** Ends every session of a user, except one (the browser asking, when a person rotates their own token). */
export async function revokeUserSessions(db: Db, userId: string, except: string | null): Promise<number> {
  const result = await db.query(
    `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id_hash IS DISTINCT FROM $2`,
    [userId, except],
  );
  return result.rowCount ?? 0;
}

/** Rows of sessions that ended more than a day ago: kept that long only to answer "session expired". */
export async function deleteEndedSessions(db: Db): Promise<void> {
  await db.query(
    `DELETE FROM sessions WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'`,
  );
}
