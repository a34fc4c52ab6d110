/**
 * Machine suggestions beside memory suggestions. Both are stored in one list per task (task_suggestions),
 * so a claim reads them in the statement it already runs; this module tells them apart and orders what a
 * translator sees: memory matches first, as memory ranked them, machine drafts after them, so a machine
 * draft is never shown above a 100% memory match (or above any memory match).
 */
import type { QaIssue } from '../qa/index.js';

/** A machine draft for one sentence, as stored and as presented. */
export interface MachineSuggestion {
  origin: 'mt';
  kind: 'machine';
  provider: string;
  source: string;
  target: string;
  /** Machine drafts have no match score. */
  score: null;
  /** The QA checks a person's translation gets, run on the draft; `blocking` when one is an error. */
  qa: QaIssue[];
  blocking: boolean;
  /** Placeholders had to be put back (src/domain/machine/placeholders.ts). */
  repaired: boolean;
  /** Given to the task as its starting text (pre-translation): the translator post-edits it. */
  draft: boolean;
  at: string;
}

export function isMachineSuggestion(value: unknown): value is MachineSuggestion {
  return typeof value === 'object' && value !== null && (value as { origin?: unknown }).origin === 'mt';
}

/** A stored list split into memory matches (order kept) and machine drafts. */
export function splitStoredSuggestions<M>(stored: readonly unknown[]): { memory: M[]; machine: MachineSuggestion[] } {
  const memory: M[] = [];
  const machine: MachineSuggestion[] = [];
  for (const entry of stored) {
    if (isMachineSuggestion(entry)) machine.push(entry);
    else memory.push(entry as M);
  }
  return { memory, machine };
}

/** What a translator sees: memory matches, then machine drafts (one per provider, the newest). */
export function orderSuggestions<M>(memory: readonly M[], machine: readonly MachineSuggestion[]): Array<M | MachineSuggestion> {
  const newest = new Map<string, MachineSuggestion>();
  for (const draft of machine) {
    const seen = newest.get(draft.provider);
    if (!seen || seen.at < draft.at) newest.set(draft.provider, draft);
  }
  // Drafts without QA errors first: they are the ones worth starting from.
  const drafts = [...newest.values()].sort((a, b) => Number(a.blocking) - Number(b.blocking) || a.provider.localeCompare(b.provider));
  return [...memory, ...drafts];
}

/** The draft a pre-translated task starts from, if it was given one. */
export function preTranslatedDraft(machine: readonly MachineSuggestion[]): MachineSuggestion | null {
  return machine.find((m) => m.draft) ?? null;
}
