import type { Db } from './pool.js';

import type { LanguagePair, Role, UserRecord } from '../domain/people.js';

// The types are the domain's; they stay importable from here for existing callers.
export type { LanguagePair, Role, UserRecord } from '../domain/people.js';

export const userColumns = `id, name, roles, language_pairs AS "languagePairs", capacity, available, created_at AS "createdAt"`;
const columns = userColumns;

export async function insertUser(
  db: Db,
  user: { id: string; name: string; roles: Role[]; languagePairs: LanguagePair[]; capacity: number; tokenHash: string },
): Promise<UserRecord> {
  const result = await db.query<UserRecord>(
    `INSERT INTO users (id, name, roles, language_pairs, capacity, token_hash) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${columns}`,
    [user.id, user.name, user.roles, JSON.stringify(user.languagePairs), user.capacity, user.tokenHash],
  );
  return result.rows[0]!;
}

export async function findUserByTokenHash(db: Db, tokenHash: string): Promise<UserRecord | null> {
  const result = await db.query<UserRecord>(`SELECT ${columns} FROM users WHERE token_hash = $1`, [tokenHash]);
  return result.rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | null> {
  const result = await db.query<UserRecord>(`SELECT ${columns} FROM users WHERE id = $1`, [id]);
  return result.rows[0] ?? null;
}

export async function countAdmins(db: Db): Promise<number> {
  const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles)`);
  return result.rows[0]!.n;
}

/** The bootstrap admin is keyed by its token: setting DRAGOMAN_ADMIN_TOKEN again is harmless. */
export async function upsertAdminByTokenHash(db: Db, id: string, tokenHash: string): Promise<void> {
  await db.query(
    `INSERT INTO users (id, name, roles, token_hash) VALUES ($1, 'admin', ARRAY['admin'], $2)
     ON CONFLICT (token_hash) DO NOTHING`,
    [id, tokenHash],
  );
}

export async function updateUser(
  db: Db,
  id: string,
  changes: { languagePairs?: LanguagePair[]; capacity?: number; available?: boolean },
): Promise<UserRecord | null> {
  const result = await db.query<UserRecord>(
    `UPDATE users SET language_pairs = coalesce($2, language_pairs), capacity = coalesce($3, capacity),
            available = coalesce($4, available)
     WHERE id = $1 RETURNING ${columns}`,
    [id, changes.languagePairs ? JSON.stringify(changes.languagePairs) : null, changes.capacity ?? null, changes.available ?? null],
  );
  return result.rows[0] ?? null;
}
