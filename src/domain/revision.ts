import type { SegmentDraft } from './article.js';

export interface ExistingSegment {
  id: string;
  text: string;
}

export interface RevisionPlan {
  /** New layout: each position either keeps an existing segment (and its translations) or is new. */
  layout: Array<SegmentDraft & { keep: string | null }>;
  /** Segments of the previous revision that no longer appear. */
  removed: string[];
}

/**
 * Matches the sentences of a new revision to the segments of the previous one by identical text, in
 * reading order, so a sentence that merely moved keeps its translation and an edited one is re-translated.
 */
export function planRevision(previous: ExistingSegment[], next: SegmentDraft[]): RevisionPlan {
  const unused = new Map<string, string[]>();
  for (const segment of previous) unused.set(segment.text, [...(unused.get(segment.text) ?? []), segment.id]);
  const layout = next.map((draft) => {
    const candidates = unused.get(draft.text);
    const keep = candidates?.shift() ?? null;
    return { ...draft, keep };
  });
  const removed = [...unused.values()].flat();
  return { layout, removed };
}
