import { languageOf } from './article.js';

/**
 * Who may read what (docs/access-model.md). The newsroom is one desk: editors and admins read and change
 * every article, memory and glossary. Translators and reviewers read the memory, glossary and segment
 * history of the language pairs they serve, and nothing of the others: a freelancer hired for Russian to
 * English has no business reading the Arabic desk's work.
 */
export interface Reader {
  roles: readonly string[];
  languagePairs: ReadonlyArray<{ source: string; target: string }>;
}

/** Editors and admins read every pair; everyone else only the pairs they serve. */
export function readsEveryPair(reader: Reader): boolean {
  return reader.roles.includes('admin') || reader.roles.includes('editor');
}

/** A pair is served when its languages are those of one of the reader's pairs (en-GB counts as en). */
export function servesPair(reader: Reader, source: string, target: string): boolean {
  const from = languageOf(source);
  const to = languageOf(target);
  return reader.languagePairs.some((pair) => languageOf(pair.source) === from && languageOf(pair.target) === to);
}

export function mayReadPair(reader: Reader, source: string, target: string): boolean {
  return readsEveryPair(reader) || servesPair(reader, source, target);
}
