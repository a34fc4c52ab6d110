/**
 * The people of the newsroom as the rules see them: who someone is, what they may do (roles) and which
 * language pairs they work in. Repositories return these; routes and services take them.
 */

export const roles = ['admin', 'editor', 'translator', 'reviewer', 'publisher'] as const;
export type Role = (typeof roles)[number];

/** A source language and a target locale someone translates or reviews. */
export interface LanguagePair {
  source: string;
  target: string;
}

/** A person with an account: the signed-in user of a request, an assignee, a reviewer. */
export interface UserRecord {
  id: string;
  name: string;
  roles: Role[];
  languagePairs: LanguagePair[];
  capacity: number;
  available: boolean;
  createdAt: string;
}
