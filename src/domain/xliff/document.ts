/**
 * An XLIFF exchange document as Dragoman builds it, before it is written in either version.
 *
 * Domain words
 * - file: one article at one revision, for one target locale (one <file> element).
 * - group: one block of the article (headline, paragraph, quote…), its units in reading order.
 * - unit: one segment; its id is the segment id, its fingerprint the hash of the source sentence, so an
 *   upload can never put a translation on a sentence other than the one it was made for.
 * - state: how far the translation got, in XLIFF 2.0's words (1.2 has its own, see states.ts).
 */
import { createHash } from 'node:crypto';
import type { BlockType } from '../article.js';
import type { MarkupTag } from '../markup/tags.js';
import type { TaskStatus } from '../task-states.js';

export type XliffState = 'initial' | 'translated' | 'reviewed' | 'final';

export interface XliffNote {
  /** Machine-readable kind: block-type, context, headline, review-comment, lease. */
  category: string;
  text: string;
}

export interface XliffMatch {
  source: string;
  target: string;
  /** 0..100, as translation memory scored it; null for machine translation, which has no score. */
  score: number | null;
  kind: 'in_context' | 'exact' | 'fuzzy' | 'machine';
  /** The machine translation provider (kind "machine"). */
  provider?: string;
}

export interface XliffTerm {
  term: string;
  translation: string;
  notes: string | null;
}

export interface XliffUnit {
  id: string;
  source: string;
  target: string | null;
  state: XliffState;
  fingerprint: string;
  notes: XliffNote[];
  matches: XliffMatch[];
  glossary: XliffTerm[];
}

export interface XliffGroup {
  blockIndex: number;
  blockType: BlockType;
  notes: XliffNote[];
  units: XliffUnit[];
}

export interface XliffFile {
  articleId: string;
  revision: number;
  notes: XliffNote[];
  groups: XliffGroup[];
  /** Which tag each placeholder number of this revision stands for (hints for CAT tools). */
  markup: Record<string, MarkupTag>;
}

export interface XliffDocument {
  sourceLang: string;
  targetLocale: string;
  files: XliffFile[];
}

/** What a file's `original` attribute says, so an upload names the article it belongs to. */
export function articleOriginal(articleId: string): string {
  return `urn:dragoman:article:${articleId}`;
}

export function articleIdOfOriginal(original: string | undefined): string | null {
  const match = /^urn:dragoman:article:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(original ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/** The source sentence's fingerprint: 128 bits of SHA-256, enough to tell any two sentences apart. */
export function sourceFingerprint(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex').slice(0, 32);
}

/**
 * A task's state in XLIFF 2.0 terms. Done is final (it is in, or on its way to, the published version);
 * a submitted translation waiting for or in review is translated; anything still to translate is initial,
 * even with an earlier text a reviewer sent back. `reviewed` is read on upload but never written.
 */
export function stateOfTask(status: TaskStatus, hasTranslation: boolean): XliffState {
  if (status === 'done') return 'final';
  if ((status === 'review_queued' || status === 'reviewing') && hasTranslation) return 'translated';
  return 'initial';
}

/** What an export puts in <target>, so an upload can tell an untouched target from a new translation. */
export function exportedTarget(
  task: { status: TaskStatus; translation: string | null; draft: string | null; machineDraft?: string | null } | null,
  source: string,
  fillWithSource: boolean,
): string | null {
  if (task?.translation) return task.translation;
  if (task?.draft) return task.draft;
  // A pre-translated task starts from its machine draft, in a CAT tool as in a claim.
  if (task?.machineDraft) return task.machineDraft;
  return fillWithSource ? source : null;
}
