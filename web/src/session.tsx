import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionUser } from './api/workbench-types';
import type { Role } from './api/types';

export interface SessionState {
  user: SessionUser;
  signOut(): Promise<void>;
  /** After a change of the person's own settings (shift on or off). */
  update(user: Partial<SessionUser>): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return user.roles.includes('admin') || roles.some((role) => user.roles.includes(role));
}

/** Where a person lands after signing in: the screen of their main role. */
export function homeOf(user: SessionUser): string {
  if (user.roles.includes('translator')) return '/app/translate';
  if (user.roles.includes('reviewer')) return '/app/review';
  if (user.roles.includes('editor')) return '/app/articles';
  if (user.roles.includes('publisher')) return '/app/published';
  return '/app/admin/users';
}
