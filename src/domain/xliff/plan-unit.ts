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
  task: {
    status: TaskStatus;
    translation: string | null;
    draft: string | null;
    assignee: string | null;
    /** The machine draft a pre-translated task starts from (post-edit mode). */
    machineDraft?: string | null;
  } | null;
}

export type UnitPlan =
  | { action: 'report'; outcome: UnitOutcome }
  | { action: 'submit'; text: string }
  | { action: 'deliver'; text: string };

/**
 * `who`: a translator submits only tasks they hold (submitTranslation decides and says why not); an editor
 * delivers for waiting tasks and submits the ones they hold themselves.
 *
 * A target that is still what the export wrote (the source copy, or the draft) is "unchanged" while the
 * unit's state is initial, with one exception: in post-edit mode the machine draft is the starting text,
 * and a post-editor may accept it as it is. So on the submit path (a translator's upload, or an editor's
 * own held task) a target equal to the task's machine draft is submitted, through QA and history like any
 * submit. A delivery for a waiting task (an agency file) that only hands the machine draft back stays
 * "unchanged": nobody took that task on, and a machine draft is never done unseen; an agency that means it
 * sets the unit's state past initial.
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
  const task = stored.task;
  const submitPath = who.role === 'translator' || (task.status === 'claimed' && task.assignee === who.userId);
  const acceptsMachineDraft = submitPath && !!task.machineDraft && text === task.machineDraft.trim();
  const untouched = unit.state === null || unit.state === 'initial';
  const exported = text === stored.text.trim() || text === task.draft?.trim() || text === task.machineDraft?.trim();
  if (untouched && exported && !acceptsMachineDraft) return report('unchanged');
  if (who.role === 'translator') return { action: 'submit', text };
  if (task.status === 'queued') return { action: 'deliver', text };
  if (task.status === 'claimed' && task.assignee === who.userId) return { action: 'submit', text };
  if (task.status === 'done' || task.status === 'cancelled') return report('closed');
  return report('in_progress');
}
