import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../errors.js';
import { mayReadPair } from '../../domain/access.js';
import type { Role, UserRecord } from '../../storage/users-repo.js';
import type { Authenticator } from '../../services/users.js';

/** `onFailure` sees every refused token first (the failed-authentication limit counts them). */
export function authenticate(authenticator: Authenticator, onFailure?: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    try {
      req.user = await authenticator.authenticate(match?.[1]);
    } catch (error) {
      if (onFailure && error instanceof AppError && error.code === 'unauthorized') await onFailure(req, res);
      throw error;
    }
    next();
  };
}

/** Memory, glossary and history of a language pair: editors and admins read all, others the pairs they serve. */
export function requireReadablePair(user: UserRecord, source: string, target: string): void {
  if (!mayReadPair(user, source, target)) throw new AppError('language_pair_not_served', { locale: target });
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
