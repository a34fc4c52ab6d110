import type { GlossaryHit } from '../domain/qa/index.js';
import type { Db } from '../storage/pool.js';
import type { Task } from '../domain/task.js';
import { findTermsInSource } from './glossary.js';

/** Glossary terms found in a task's source, in the shape the QA checks take. */
export async function glossaryHitsForQa(db: Db, task: Task): Promise<GlossaryHit[]> {
  const hits = await findTermsInSource(db, { sourceLang: task.sourceLang, targetLocale: task.targetLocale, source: task.source });
  return hits.map((hit) => ({ term: hit.term, translation: hit.translation, forbidden: hit.forbidden, caseSensitive: hit.caseSensitive }));
}
