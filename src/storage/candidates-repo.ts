import { liveHoldsOf } from './tasks-repo.js';
import type { Db } from './pool.js';
import type { Role } from '../domain/people.js';

/** What an editor sees of a person who could take a task: nothing private (no token, no contact). */
export interface CandidateRow {
  id: string;
  name: string;
  roles: Role[];
  available: boolean;
  held: number;
  capacity: number;
}

/**
 * Everyone with `role` who serves the pair, on shift or not (an editor may give work to someone off shift),
 * with the tasks they hold under a live lease: on shift first, then the least loaded, then by name.
 */
export async function listCandidates(db: Db, query: { role: 'translator' | 'reviewer'; source: string; target: string }): Promise<CandidateRow[]> {
  const result = await db.query<CandidateRow>(
    `SELECT u.id, u.name, u.roles, u.available, ${liveHoldsOf('u.id')} AS held, u.capacity
     FROM users u
     WHERE $1 = ANY(u.roles) AND u.language_pairs @> jsonb_build_array(jsonb_build_object('source', $2::text, 'target', $3::text))
     ORDER BY u.available DESC, held, u.name, u.id`,
    [query.role, query.source, query.target],
  );
  return result.rows;
}
