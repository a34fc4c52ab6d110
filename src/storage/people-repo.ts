import type { Db } from './pool.js';
import type { LanguagePair, Role, UserRecord } from '../domain/people.js';
import { userColumns } from './users-repo.js';

/** A person as admins see them: the user record and the interface language they chose. */
export type PersonRow = UserRecord & { interfaceLanguage: string | null };
const personColumns = `${userColumns}, interface_language AS "interfaceLanguage"`;

/** People by name (then id), after a keyset position; `q` matches anywhere in the name, case-insensitively. */
export async function listPeople(
  db: Db,
  query: { q: string | null; role: Role | null; after: [string, string] | null; limit: number },
): Promise<Array<PersonRow & { sortName: string }>> {
  const result = await db.query<PersonRow & { sortName: string }>(
    `SELECT ${personColumns}, lower(name) AS "sortName" FROM users
     WHERE ($1::text IS NULL OR name ILIKE '%' || replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
       AND ($2::text IS NULL OR $2 = ANY(roles))
       AND ($3::text IS NULL OR (lower(name), id) > ($3, $4::uuid))
     ORDER BY lower(name), id LIMIT $5`,
    [query.q, query.role, query.after?.[0] ?? null, query.after?.[1] ?? null, query.limit],
  );
  return result.rows;
}

export interface PersonChanges {
  name?: string;
  roles?: Role[];
  languagePairs?: LanguagePair[];
  capacity?: number;
  available?: boolean;
}

/**
 * Changes a person. Taking the admin role from the last admin is refused inside the statement (null with
 * `lastAdmin`), so two admins demoting each other at once cannot leave nobody.
 */
export async function updatePerson(db: Db, id: string, changes: PersonChanges): Promise<{ user: PersonRow | null; lastAdmin: boolean }> {
  const result = await db.query<PersonRow & { refused: boolean }>(
    `WITH target AS (SELECT id FROM users WHERE id = $1 FOR UPDATE),
     admins AS (SELECT id FROM users WHERE 'admin' = ANY(roles) FOR UPDATE),
     refusal AS (
       SELECT ($3::text[] IS NOT NULL AND NOT ('admin' = ANY($3::text[]))
               AND EXISTS (SELECT 1 FROM admins WHERE id = $1) AND (SELECT count(*) FROM admins) = 1) AS refused),
     changed AS (
       UPDATE users SET name = coalesce($2, name), roles = coalesce($3::text[], roles),
              language_pairs = coalesce($4::jsonb, language_pairs), capacity = coalesce($5, capacity),
              available = coalesce($6, available)
       WHERE id = (SELECT id FROM target) AND NOT (SELECT refused FROM refusal)
       RETURNING ${personColumns})
     SELECT c.*, r.refused FROM refusal r LEFT JOIN changed c ON true`,
    [
      id,
      changes.name ?? null,
      changes.roles ?? null,
      changes.languagePairs ? JSON.stringify(changes.languagePairs) : null,
      changes.capacity ?? null,
      changes.available ?? null,
    ],
  );
  const row = result.rows[0]!;
  if (row.refused) return { user: null, lastAdmin: true };
  if (!row.id) return { user: null, lastAdmin: false };
  const { refused: _refused, ...user } = row;
  return { user, lastAdmin: false };
}

/** Replaces a person's token hash: from this statement on the old token matches nobody. */
export async function replaceTokenHash(db: Db, id: string, tokenHash: string): Promise<boolean> {
  const result = await db.query(`UPDATE users SET token_hash = $2 WHERE id = $1`, [id, tokenHash]);
  return result.rowCount === 1;
}

export async function findInterfaceLanguage(db: Db, id: string): Promise<string | null> {
  const result = await db.query<{ lng: string | null }>(`SELECT interface_language AS lng FROM users WHERE id = $1`, [id]);
  return result.rows[0]?.lng ?? null;
}

export async function setInterfaceLanguage(db: Db, id: string, language: string | null): Promise<void> {
  await db.query(`UPDATE users SET interface_language = $2 WHERE id = $1`, [id, language]);
}
