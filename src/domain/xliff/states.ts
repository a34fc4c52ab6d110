/**
 * XLIFF 1.2's target states against 2.0's, following the mapping the 2.0 specification suggests: 1.2 has
 * more values, each of which falls in one 2.0 state. Values of a tool's own (x-…) count as initial.
 */
import type { XliffState } from './document.js';

const written12: Record<XliffState, string> = {
  initial: 'needs-translation',
  translated: 'translated',
  reviewed: 'signed-off',
  final: 'final',
};

const read12: Record<string, XliffState> = {
  new: 'initial',
  'needs-translation': 'initial',
  'needs-adaptation': 'initial',
  'needs-l10n': 'initial',
  'needs-review-translation': 'translated',
  'needs-review-adaptation': 'translated',
  'needs-review-l10n': 'translated',
  translated: 'translated',
  'signed-off': 'reviewed',
  final: 'final',
};

export const xliff20States: readonly XliffState[] = ['initial', 'translated', 'reviewed', 'final'];

export function state12Of(state: XliffState): string {
  return written12[state];
}

/** A 1.2 state attribute in 2.0 terms; undefined when the value is not one 1.2 allows. */
export function stateFrom12(value: string): XliffState | undefined {
  if (Object.hasOwn(read12, value)) return read12[value];
  return /^x-\S+$/.test(value) ? 'initial' : undefined;
}

export function stateFrom20(value: string): XliffState | undefined {
  return (xliff20States as string[]).includes(value) ? (value as XliffState) : undefined;
}
