import type { GlossaryHit } from '../domain/qa/index.js';
import type { Db } from '../storage/pool.js';
import type { Task } from '../domain/task.js';
import { findTermsInSources, type TermHit } from './glossary.js';

/** Glossary terms found in a task's source, in the shape the QA checks take. */
export async function glossaryHitsForQa(db: Db, task: Task): Promise<GlossaryHit[]> {
  return (await glossaryHitsForQaMany(db, [task]))[0]!;
}

/** glossaryHitsForQa for many tasks, in order: one lookup per language pair for all their sources. */
export async function glossaryHitsForQaMany(db: Db, tasks: ReadonlyArray<Pick<Task, 'source' | 'sourceLang' | 'targetLocale'>>): Promise<GlossaryHit[][]> {
  const byPair = new Map<string, number[]>();
  tasks.forEach((task, i) => {
    const key = `${task.sourceLang}\u0000${task.targetLocale}`;
    const indices = byPair.get(key);
    if (indices) indices.push(i);
    else byPair.set(key, [i]);
  });
  const answers: GlossaryHit[][] = new Array<GlossaryHit[]>(tasks.length);
  await Promise.all(
    [...byPair.values()].map(async (indices) => {
      const { sourceLang, targetLocale } = tasks[indices[0]!]!;
      const hits = await findTermsInSources(db, { sourceLang, targetLocale }, indices.map((i) => tasks[i]!.source));
      indices.forEach((index, k) => (answers[index] = hits[k]!.map(asQaHit)));
    }),
  );
  return answers;
}

function asQaHit(hit: TermHit): GlossaryHit {
  return { term: hit.term, translation: hit.translation, forbidden: hit.forbidden, caseSensitive: hit.caseSensitive };
}
