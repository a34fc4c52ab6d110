import type { GlossaryHit } from '../domain/qa/index.js';
import type { Db } from '../storage/pool.js';
import type { Task } from '../domain/task.js';
import { findTermsInSources, type TermHit } from './glossary.js';

/** What a lookup reads of a task: its sentence, its pair, and the glossary version read with it, if any. */
type VersionedTask = Pick<Task, 'source' | 'sourceLang' | 'targetLocale'> & { glossaryVersion?: string };

/** Glossary terms found in a task's source, in the shape the QA checks take. */
export async function glossaryHitsForQa(db: Db, task: VersionedTask): Promise<GlossaryHit[]> {
  return (await glossaryHitsForQaMany(db, [task]))[0]!;
}

/** glossaryHitsForQa for many tasks, in order: one lookup per language pair for all their sources. */
export async function glossaryHitsForQaMany(db: Db, tasks: readonly VersionedTask[]): Promise<GlossaryHit[][]> {
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
      const hits = await findTermsInSources(db, { sourceLang, targetLocale }, indices.map((i) => tasks[i]!.source), newestVersion(indices.map((i) => tasks[i]!)));
      indices.forEach((index, k) => (answers[index] = hits[k]!.map(asQaHit)));
    }),
  );
  return answers;
}

/**
 * The newest glossary version the tasks were read with (each came with the statement that read it), or
 * null when one came without: the lookup then reads the version itself.
 */
function newestVersion(tasks: readonly VersionedTask[]): string | null {
  let newest: bigint | null = null;
  for (const task of tasks) {
    if (!task.glossaryVersion) return null;
    const version = BigInt(task.glossaryVersion);
    if (newest === null || version > newest) newest = version;
  }
  return newest === null ? null : newest.toString();
}

function asQaHit(hit: TermHit): GlossaryHit {
  return { term: hit.term, translation: hit.translation, forbidden: hit.forbidden, caseSensitive: hit.caseSensitive };
}
