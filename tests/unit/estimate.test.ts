import { describe, expect, it } from 'vitest';
import { estimateFinish } from '../../src/domain/estimate.js';

describe('estimated time to finish a locale', () => {
  it('is zero once nothing remains', () => {
    expect(estimateFinish({ total: 4, done: 4, articleSubmitted: 0, pairSubmitted: 0, ahead: 9 })).toEqual({
      seconds: 0, basis: 'done', perHour: null, remaining: 0, ahead: 0,
    });
  });

  it("follows the article's own pace once two of its segments were submitted in the window", () => {
    // 3 segments in 30 minutes: 6 an hour, 4 remaining take 40 minutes.
    expect(estimateFinish({ total: 10, done: 6, articleSubmitted: 3, pairSubmitted: 50, ahead: 100 })).toEqual({
      seconds: 2400, basis: 'article', perHour: 6, remaining: 4, ahead: 0,
    });
  });

  it("falls back to the pair's pace, counting the work queued ahead of the article", () => {
    // 10 segments in 30 minutes: 20 an hour; 6 ahead + 4 remaining take half an hour.
    expect(estimateFinish({ total: 4, done: 0, articleSubmitted: 1, pairSubmitted: 10, ahead: 6 })).toEqual({
      seconds: 1800, basis: 'pair', perHour: 20, remaining: 4, ahead: 6,
    });
  });

  it('gives no estimate when nobody has worked in the pair recently', () => {
    expect(estimateFinish({ total: 3, done: 1, articleSubmitted: 0, pairSubmitted: 0, ahead: 2 })).toEqual({
      seconds: null, basis: 'none', perHour: null, remaining: 2, ahead: 2,
    });
  });
});
