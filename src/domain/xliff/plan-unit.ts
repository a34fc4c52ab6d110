/**
 * What an uploaded unit asks for, decided before anything is written: a report only (the unit cannot or
 * need not be applied) or a submission through the one submit path (a translator's held task) or a
 * delivery (an editor's translation for a waiting task).
 */
import { normalizeSegment } from '../memory/text.js';
import type { TaskStatus } from '../task-states.js';
import { sourceFingerprint, type XliffState } from './document.js';

export const unitOutcomes = [
  'accepted',
  'qa_failed',
  'lease_lost',
  'unchanged',
  'unknown_unit',
  'source_changed',
  'not_held',
  'in_progress',
  'closed',
] as const;
export type UnitOutcome = (typeof unitOutcomes)[number];

export interface UploadedUnit {
  source: string;
  target: string | null;
  state: XliffState | null;
  fingerprint: string | null;
}

export interface StoredUnit {
  text: string;
  current: boolean;
  task: { status: TaskStatus; translation: string | null; draft: string | null; assignee: string | null } | null;
}

export type UnitPlan =
  | { action: 'report'; outcome: UnitOutcome }
  | { action: 'submit'; text: string }
  | { action: 'deliver'; text: string };

/**
 * `who`: a translator submits only tasks they hold (submitTranslation decides and says why not); an editor
 * delivers for waiting tasks and submits the ones they hold themselves.
 */
export function planUnit(unit: UploadedUnit, stored: StoredUnit | null, who: { role: 'translator' | 'editor'; userId: string }): UnitPlan {
  const report = (outcome: UnitOutcome): UnitPlan => ({ action: 'report', outcome });
  if (!stored || !stored.task) return report('unknown_unit');
  // Never a translation for a sentence other than the one it was made for: the sentence must still be in
  // the article, and be the one the file was exported with.
  if (!stored.current) return report('source_changed');
  const sameSource = unit.fingerprint
    ? unit.fingerprint === sourceFingerprint(stored.text)
    : normalizeSegment(unit.source) === normalizeSegment(stored.text);
  if (!sameSource) return report('source_changed');
  const text = unit.target?.trim() ?? '';
  if (text === '' || text === stored.task.translation?.trim()) return report('unchanged');
  // What the export put in an untranslated target comes back as it went, unless a tool marked it done.
  const untouched = unit.state === null || unit.state === 'initial';
  if (untouched && (text === stored.text.trim() || text === stored.task.draft?.trim())) return report('unchanged');
  if (who.role === 'translator') return { action: 'submit', text };
  const task = stored.task;
  if (task.status === 'queued') return { action: 'deliver', text };
  if (task.status === 'claimed' && task.assignee === who.userId) return { action: 'submit', text };
  if (task.status === 'done' || task.status === 'cancelled') return report('closed');
  return report('in_progress');
}
