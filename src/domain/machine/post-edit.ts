/**
 * Post-edit distance: how much of a machine draft a person changed before submitting it, as the character
 * edit distance (Levenshtein) divided by the longer text's length. 0 is "taken as it was", 1 "rewritten".
 * It is the figure newsrooms use to tell whether a provider helps a pair, and how each translator works.
 */
import { distance } from 'fastest-levenshtein';

export function postEditDistance(draft: string, edited: string): number {
  const a = draft.trim();
  const b = edited.trim();
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : distance(a, b) / longest;
}

export interface PostEditRow {
  locale: string;
  sourceLang: string;
  provider: string;
  translatorId: string;
  translatorName: string;
  draft: string;
  edited: string;
}

export interface PostEditFigures {
  segments: number;
  /** Mean distance over the segments, 0..1, three decimals. */
  meanDistance: number;
  /** Segments submitted exactly as the machine drafted them. */
  unchanged: number;
}

export interface PostEditGroup extends PostEditFigures {
  provider: string;
  pair: string;
  translator: { id: string; name: string };
}

export interface LocalePostEdit extends PostEditFigures {
  locale: string;
  pair: string;
  /** Per provider, pair and translator. */
  groups: PostEditGroup[];
}

function figures(distances: number[]): PostEditFigures {
  const sum = distances.reduce((a, b) => a + b, 0);
  return {
    segments: distances.length,
    meanDistance: distances.length ? Math.round((sum / distances.length) * 1000) / 1000 : 0,
    unchanged: distances.filter((d) => d === 0).length,
  };
}

/** Rows of one article grouped per locale, then per provider, pair and translator. */
export function summarizePostEdits(rows: PostEditRow[]): LocalePostEdit[] {
  const byLocale = new Map<string, PostEditRow[]>();
  for (const row of rows) byLocale.set(row.locale, [...(byLocale.get(row.locale) ?? []), row]);
  return [...byLocale.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([locale, list]) => {
      const groups = new Map<string, { row: PostEditRow; distances: number[] }>();
      for (const row of list) {
        const key = `${row.provider}\u0000${row.translatorId}`;
        const group = groups.get(key) ?? { row, distances: [] };
        group.distances.push(postEditDistance(row.draft, row.edited));
        groups.set(key, group);
      }
      const pair = `${list[0]!.sourceLang}>${locale}`;
      return {
        locale,
        pair,
        ...figures(list.map((r) => postEditDistance(r.draft, r.edited))),
        groups: [...groups.values()]
          .map(({ row, distances }) => ({
            provider: row.provider,
            pair,
            translator: { id: row.translatorId, name: row.translatorName },
            ...figures(distances),
          }))
          .sort((a, b) => a.provider.localeCompare(b.provider) || a.translator.name.localeCompare(b.translator.name)),
      };
    });
}
