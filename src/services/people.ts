import { generateToken } from '../config.js';
import { cursorValue, decodeCursor, encodeCursor, invalidCursor } from '../domain/cursor.js';
import { AppError } from '../errors.js';
import {
  findInterfaceLanguage,
  listPeople,
  replaceTokenHash,
  setInterfaceLanguage,
  updatePerson,
  type PersonChanges,
} from '../storage/people-repo.js';
import type { LanguagePair, Role, UserRecord } from '../domain/people.js';
import { updateUser } from '../storage/users-repo.js';
import type { ServiceDeps } from './deps.js';
import type { Sessions } from './sessions.js';
import { hashToken } from './tokens.js';
import type { Authenticator } from './users.js';

export interface Profile extends UserRecord {
  interfaceLanguage: string | null;
}

export async function profileOf(deps: Pick<ServiceDeps, 'pool'>, user: UserRecord): Promise<Profile> {
  return { ...user, interfaceLanguage: await findInterfaceLanguage(deps.pool, user.id) };
}

export async function chooseInterfaceLanguage(deps: Pick<ServiceDeps, 'pool'>, user: UserRecord, language: string | null): Promise<Profile> {
  await setInterfaceLanguage(deps.pool, user.id, language);
  return { ...user, interfaceLanguage: language };
}

export async function findPeople(
  deps: Pick<ServiceDeps, 'pool'>,
  query: { q?: string; role?: Role; cursor?: string; limit: number },
): Promise<{ items: Profile[]; nextCursor: string | null }> {
  const after = query.cursor ? (decodeCursor(query.cursor, ['string', 'string']) as [string, string]) : null;
  if (after && !cursorValue.isId(after[1])) throw invalidCursor();
  const rows = await listPeople(deps.pool, { q: query.q || null, role: query.role ?? null, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ sortName: _sortName, ...user }) => user),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortName, last.id]) : null,
  };
}

export async function changePerson(deps: Pick<ServiceDeps, 'pool'>, id: string, changes: PersonChanges): Promise<Profile> {
  const { user, lastAdmin } = await updatePerson(deps.pool, id, changes);
  if (lastAdmin) throw new AppError('last_admin');
  if (!user) throw new AppError('user_not_found', { id });
  return user;
}

/** An admin changes a translator's pairs, capacity or availability; the person as stored afterwards. */
export async function changeTranslator(
  deps: Pick<ServiceDeps, 'pool'>,
  id: string,
  changes: { languagePairs?: LanguagePair[]; capacity?: number; available?: boolean },
): Promise<UserRecord> {
  const user = await updateUser(deps.pool, id, changes);
  if (!user) throw new AppError('user_not_found', { id });
  return user;
}

/**
 * A new token for a person; the old one stops working with the same statement. Their sessions end too (a
 * lost token may have signed someone in), except the browser session asking, when it is their own.
 */
export async function rotateToken(
  deps: Pick<ServiceDeps, 'pool'>,
  auth: { tokens: Authenticator; sessions: Sessions },
  userId: string,
  keepSession: string | null,
): Promise<{ token: string }> {
  const token = generateToken();
  if (!(await replaceTokenHash(deps.pool, userId, hashToken(token)))) throw new AppError('user_not_found', { id: userId });
  auth.tokens.forgetUser(userId);
  await auth.sessions.revokeUser(userId, keepSession);
  return { token };
}
