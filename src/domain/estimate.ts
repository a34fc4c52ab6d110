/**
 * When will a locale of an article be finished? Pure arithmetic over recent pace:
 * - the article's own pace in that locale, once at least `minArticleSamples` of its segments were submitted
 *   within the window: the people on it now are the best predictor;
 * - else the language pair's pace over the same window, with the work waiting ahead of the article in that
 *   pair's queue counted in (the article gets translators only after it);
 * - no pace at all: no estimate rather than a made-up one.
 */
export const paceWindowMinutes = 30;
export const minArticleSamples = 2;

export type EtaBasis = 'article' | 'pair' | 'none' | 'done';

export interface EtaInput {
  total: number;
  done: number;
  /** Segments of this article and locale submitted by a person within the window. */
  articleSubmitted: number;
  /** Segments of the language pair submitted by a person within the window. */
  pairSubmitted: number;
  /** Tasks of the pair waiting in front of this article's. */
  ahead: number;
}

export interface Eta {
  seconds: number | null;
  basis: EtaBasis;
  /** Segments per hour the estimate assumes. */
  perHour: number | null;
  remaining: number;
  ahead: number;
}

export function estimateFinish(input: EtaInput): Eta {
  const remaining = Math.max(0, input.total - input.done);
  if (remaining === 0) return { seconds: 0, basis: 'done', perHour: null, remaining, ahead: 0 };
  const windowHours = paceWindowMinutes / 60;
  if (input.articleSubmitted >= minArticleSamples) {
    const perHour = input.articleSubmitted / windowHours;
    return { seconds: Math.round((remaining / perHour) * 3600), basis: 'article', perHour: round(perHour), remaining, ahead: 0 };
  }
  if (input.pairSubmitted > 0) {
    const perHour = input.pairSubmitted / windowHours;
    const seconds = Math.round(((input.ahead + remaining) / perHour) * 3600);
    return { seconds, basis: 'pair', perHour: round(perHour), remaining, ahead: input.ahead };
  }
  return { seconds: null, basis: 'none', perHour: null, remaining, ahead: input.ahead };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
