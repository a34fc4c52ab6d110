/**
 * Drafts live in the browser (localStorage) per task and stage, written on every change: a reload, a lost
 * lease or an expired session never costs the translator their words.
 */
const prefix = 'dragoman.draft.';
const keepMs = 7 * 24 * 3600_000;

export interface Draft {
  text: string;
  savedAt: number;
}

function key(taskId: string, stage: string): string {
  return `${prefix}${stage}.${taskId}`;
}

export function loadDraft(taskId: string, stage: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(taskId, stage));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return typeof draft.text === 'string' ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(taskId: string, stage: string, text: string): void {
  try {
    localStorage.setItem(key(taskId, stage), JSON.stringify({ text, savedAt: Date.now() } satisfies Draft));
  } catch {
    // Full or disabled storage: the editor still holds the text.
  }
}

export function dropDraft(taskId: string, stage: string): void {
  try {
    localStorage.removeItem(key(taskId, stage));
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
      if (!draft || now - draft.savedAt > keepMs) localStorage.removeItem(name);
    }
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}
