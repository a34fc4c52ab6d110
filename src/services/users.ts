import { randomUUID } from 'node:crypto';
import { generateToken } from '../config.js';
import { AppError } from '../errors.js';
import { withTransaction, type Pool } from '../storage/pool.js';
import {
  countAdmins,
  findUserByTokenHash,
  insertUser,
  upsertAdminByTokenHash,
  type LanguagePair,
  type Role,
  type UserRecord,
} from '../storage/users-repo.js';
import { hashToken } from './tokens.js';

export async function createUser(
  pool: Pool,
  input: { name: string; roles: Role[]; languagePairs?: LanguagePair[]; capacity?: number },
): Promise<UserRecord & { token: string }> {
  const token = generateToken();
  const user = await insertUser(pool, {
    id: randomUUID(),
    name: input.name,
    roles: [...new Set(input.roles)],
    languagePairs: input.languagePairs ?? [],
    capacity: input.capacity ?? 5,
    tokenHash: hashToken(token),
  });
  return { ...user, token };
}

/**
 * Token lookups happen on every request; a short cache keeps them off PostgreSQL on the hot claim/submit
 * path. Ten seconds bounds how long a changed role or availability can go unseen.
 */
export class Authenticator {
  private readonly cache = new Map<string, { user: UserRecord; until: number }>();
  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 10_000,
  ) {}

  async authenticate(token: string | undefined): Promise<UserRecord> {
    if (!token) throw new AppError('unauthorized');
    const hash = hashToken(token);
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.user;
    const user = await findUserByTokenHash(this.pool, hash);
    if (!user) throw new AppError('unauthorized');
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { user, until: Date.now() + this.ttlMs });
    return user;
  }

  forget(): void {
    this.cache.clear();
  }

  /** Drops the cached authentications of one person (their token was just replaced). */
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.cache) if (entry.user.id === userId) this.cache.delete(hash);
  }
}

/**
 * Makes sure someone can log in on a fresh install. With DRAGOMAN_ADMIN_TOKEN the admin holding it exists;
 * without it, the first start creates an admin and returns its token to print once (never stored in clear).
 */
export async function bootstrapAdmin(pool: Pool, configuredToken: string | undefined): Promise<string | null> {
  if (configuredToken) {
    await upsertAdminByTokenHash(pool, randomUUID(), hashToken(configuredToken));
    return null;
  }
  // API and workers may start together: the lock keeps them from creating two admins.
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(7357002)');
    if ((await countAdmins(client)) > 0) return null;
    const token = generateToken();
    await upsertAdminByTokenHash(client, randomUUID(), hashToken(token));
    return token;
  });
}
