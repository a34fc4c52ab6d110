import type { GlossaryHit } from '../domain/qa/index.js';
import type { Db } from '../storage/pool.js';
import type { TaskRow } from '../storage/tasks-repo.js';

/** Glossary terms found in a task's source, in the shape the QA checks take. Empty until the glossary lands. */
export async function glossaryHitsForQa(_db: Db, _task: TaskRow): Promise<GlossaryHit[]> {
  return [];
}
