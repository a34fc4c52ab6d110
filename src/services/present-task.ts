import { orderSuggestions, preTranslatedDraft, splitStoredSuggestions, type MachineSuggestion } from '../domain/machine/suggestions.js';
import { stageOf } from '../domain/task-states.js';
import { latestOverrides } from '../storage/qa-overrides-repo.js';
import { findStoredSuggestions } from '../storage/suggestions-repo.js';
import { taskSurroundings, type TaskRow, type TaskSurroundings } from '../storage/tasks-repo.js';
import type { ClaimedTask } from '../storage/claims-repo.js';
import type { ServiceDeps } from './deps.js';
import { findTermsInSource } from './glossary.js';
import { suggestMatches, type MemorySuggestion } from './memory/lookup.js';

export interface PresentedTask {
  id: string;
  articleId: string;
  segmentId: string;
  stage: 'translate' | 'review';
  sourceLang: string;
  targetLocale: string;
  source: string;
  /** The other sentences of the sentence's block (its paragraph, caption...), in order. */
  context: { before: string[]; after: string[] };
  /** The kind of block the sentence is in: headline, subheading, paragraph, quote, caption, credit, related. */
  blockType: string | null;
  /** The article's headline in the source language. */
  headline: string | null;
  /** The article's deadline (ISO), if it has one. */
  deadline: string | null;
  leaseExpiresAt: string;
  /** How the holder came to hold it: claimed (`pull`), pushed by the desk's workers, or handed over by an editor. */
  assignedBy: TaskRow['assignedBy'];
  priority: TaskRow['priority'];
  /** For review: the translation to check. For a task sent back: the previous text and the reviewer's note. */
  translation: string | null;
  reviewComment: string | null;
  draft: string | null;
  position: number | null;
  /**
   * Translation memory matches, best first, then machine drafts (`origin: "mt"`, with `provider`), never
   * above a memory match. `suggestionsComplete` is false while fuzzy matches may still come: the workers
   * have not looked the article up yet, or the search ran out of time.
   */
  suggestions: Array<MemorySuggestion | MachineSuggestion>;
  suggestionsComplete: boolean;
  /** "post-edit" when the locale pre-translates and the task starts from a machine draft (then in `draft`). */
  mode: 'translate' | 'post-edit';
  machineDraft: { text: string; provider: string } | null;
  glossary: Awaited<ReturnType<typeof findTermsInSource>>;
  /** For review: QA findings the translator confirmed as intended, with their reasons. */
  qaOverrides: unknown[];
}

type PresentDeps = Pick<ServiceDeps, 'pool' | 'lookupPool'>;
type Presentable = TaskRow | (TaskRow & TaskSurroundings) | ClaimedTask;

/**
 * What a translator or reviewer sees of a task: context, memory matches and glossary terms, never lease
 * internals. Reads only: a GET of held tasks changes nothing.
 */
export async function presentTask(deps: PresentDeps, task: Presentable): Promise<PresentedTask> {
  return (await presentWithHelp(deps, task)).presented;
}

/**
 * The same, with the best memory score the presentation found live (null when it used stored suggestions,
 * which the workers recorded, or found nothing): a claim records it for the article's leverage report.
 */
export async function presentWithHelp(deps: PresentDeps, task: Presentable): Promise<{ presented: PresentedTask; liveBestMatch: number | null }> {
  // A claim read the surroundings and stored suggestions with the claim itself, and the list of held tasks
  // the surroundings; other reads happen here, side by side with the glossary: the translator waits on the
  // slowest read, not their sum.
  const review = stageOf(task.status) === 'review';
  const [around, stored, glossary, qaOverrides] = await Promise.all([
    'contextBefore' in task ? task : taskSurroundings(deps.pool, task.id),
    'storedSuggestions' in task
      ? task.storedSuggestions && { suggestions: task.storedSuggestions as MemorySuggestion[], ageMs: task.storedAgeMs ?? 0 }
      : findStoredSuggestions<MemorySuggestion>(deps.pool, task.id),
    findTermsInSource(deps.pool, {
      sourceLang: task.sourceLang,
      targetLocale: task.targetLocale,
      source: task.source,
      glossaryVersion: 'glossaryVersion' in task ? task.glossaryVersion : null,
    }),
    review ? latestOverrides(deps.pool, task) : [],
  ]);
  const context = { before: around.contextBefore, after: around.contextAfter };
  const { memory: storedMemory, machine } = splitStoredSuggestions<MemorySuggestion>(stored?.suggestions ?? []);
  const memory = await suggestionsFor(deps, task, around, stored && { suggestions: storedMemory, ageMs: stored.ageMs });
  const preTranslated = stageOf(task.status) === 'translate' ? preTranslatedDraft(machine) : null;
  const presented: PresentedTask = {
    id: task.id,
    articleId: task.articleId,
    segmentId: task.segmentId,
    stage: stageOf(task.status),
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    source: task.source,
    context,
    blockType: around.blockType,
    headline: around.headline,
    deadline: around.deadline?.toISOString() ?? null,
    leaseExpiresAt: task.leaseExpiresAt?.toISOString() ?? '',
    assignedBy: task.assignedBy ?? null,
    priority: task.priority,
    translation: task.translation,
    reviewComment: task.reviewComment,
    draft: task.draft ?? preTranslated?.target ?? null,
    position: task.position,
    suggestions: orderSuggestions(memory.suggestions, machine),
    suggestionsComplete: memory.complete,
    mode: preTranslated ? 'post-edit' : 'translate',
    machineDraft: preTranslated && { text: preTranslated.target, provider: preTranslated.provider },
    glossary,
    qaOverrides,
  };
  return { presented, liveBestMatch: memory.liveBestMatch };
}

/** Stored suggestions without an exact match are trusted this long; then the claim checks for exact matches again. */
const storedFreshMs = 5 * 60_000;

async function suggestionsFor(
  deps: Pick<ServiceDeps, 'pool' | 'lookupPool'>,
  task: TaskRow,
  neighbours: Pick<TaskSurroundings, 'prevSource' | 'nextSource'>,
  stored: { suggestions: MemorySuggestion[]; ageMs: number } | null,
) {
  // Looked up when the article arrived (by the workers, fuzzy matches included).
  const exact = stored?.suggestions.some((s) => s.score === 100);
  if (stored && (exact || stored.ageMs < storedFreshMs)) return { suggestions: stored.suggestions, complete: true, liveBestMatch: null };
  // Not looked up yet, or without an exact match a while ago (the memory may have learnt the sentence
  // since): the claim checks for exact matches itself, an indexed lookup cheaper than the claim. Fuzzy
  // search stays with the workers: it costs PostgreSQL many claims' worth, and a burst of claims doing it
  // live would slow every translator down.
  try {
    // The lookup pool's connections carry a statement timeout: a slow lookup gives up, not the claim.
    const live = await suggestMatches(deps.lookupPool, {
      sourceLang: task.sourceLang,
      targetLocale: task.targetLocale,
      source: task.source,
      prevSource: neighbours.prevSource,
      nextSource: neighbours.nextSource,
      limit: 5,
      fuzzy: false,
    });
    // An exact match is the whole answer (fuzzy matches are only searched when there is none).
    if (live.length > 0) return { suggestions: live, complete: true, liveBestMatch: live[0]!.score };
  } catch (error) {
    if ((error as { code?: string }).code !== '57014') throw error;
  }
  // No exact match: the stored fuzzy matches, or, before the workers got to this article, nothing yet
  // (`GET /tasks/mine` shows them once they are stored).
  return stored ? { suggestions: stored.suggestions, complete: true, liveBestMatch: null } : { suggestions: [], complete: false, liveBestMatch: null };
}
