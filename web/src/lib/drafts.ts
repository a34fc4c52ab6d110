/**
 * Drafts live in the browser (localStorage) per person, task and stage, written on every change: a reload,
 * a lost lease or an expired session never costs anyone their words. The person is part of the key, so two
 * people sharing one browser never see each other's drafts.
 */
const prefix = 'dragoman.draft.';
const keepMs = 7 * 24 * 3600_000;

export interface Draft {
  /** The translation (or the reviewer's edit of it). */
  text?: string;
  /** The reviewer's comment, kept for sending back. */
  comment?: string;
  savedAt: number;
}

export interface DraftOf {
  userId: string;
  taskId: string;
  stage: string;
}

function key({ userId, taskId, stage }: DraftOf): string {
  return `${prefix}${userId}.${stage}.${taskId}`;
}

export function loadDraft(of: DraftOf): Draft | null {
  try {
    const raw = localStorage.getItem(key(of));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return typeof draft === 'object' && draft !== null && typeof draft.savedAt === 'number' ? draft : null;
  } catch {
    return null;
  }
}

/** Keeps the changed parts of a draft (the text, the comment), leaving the others as they were. */
export function saveDraft(of: DraftOf, changes: { text?: string; comment?: string }): void {
  try {
    const before = loadDraft(of) ?? { savedAt: 0 };
    localStorage.setItem(key(of), JSON.stringify({ ...before, ...changes, savedAt: Date.now() } satisfies Draft));
  } catch {
    // Full or disabled storage: the editor still holds the text.
  }
}

export function dropDraft(of: DraftOf): void {
  try {
    localStorage.removeItem(key(of));
  } catch {
    // nothing to do
  }
}

/** Forgets drafts of tasks long gone, so storage does not fill up over months of work. */
export function pruneDrafts(now = Date.now()): void {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const name = localStorage.key(i);
      if (!name?.startsWith(prefix)) continue;
      const draft = JSON.parse(localStorage.getItem(name) ?? 'null') as Draft | null;
      if (!draft || typeof draft.savedAt !== 'number' || now - draft.savedAt > keepMs) localStorage.removeItem(name);
    }
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}
