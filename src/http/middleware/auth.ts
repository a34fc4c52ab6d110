import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { Role } from '../../storage/users-repo.js';
import type { Authenticator } from '../../services/users.js';

export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    req.user = await authenticator.authenticate(match?.[1]);
    next();
  };
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
