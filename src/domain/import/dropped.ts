/**
 * What an importer left out of a pasted page, so an editor can see it before submitting: language
 * switchers, navigation and other page chrome, what the page hides, and rubrics above the headline.
 */
export type DropReason = 'language_switcher' | 'page_chrome' | 'hidden' | 'above_headline';

export interface DroppedText {
  reason: DropReason;
  text: string;
}

const maxChars = 200;

/** Records a dropped text (whitespace collapsed, cut to a readable length); empty texts are not worth showing. */
export function noteDropped(into: DroppedText[] | undefined, reason: DropReason, text: string): void {
  if (!into) return;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return;
  into.push({ reason, text: collapsed.length > maxChars ? `${collapsed.slice(0, maxChars - 1)}…` : collapsed });
}
