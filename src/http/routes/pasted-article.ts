import type { ArticleDraft } from '../../domain/article.js';
import { parseDateline } from '../../domain/import/dateline.js';
import type { DroppedText } from '../../domain/import/dropped.js';
import { importPastedPage } from '../../domain/import/pasted-page.js';
import type { MarkupTag } from '../../domain/markup/tags.js';
import { articleSchema, pastedArticleQuery } from '../schemas.js';

export interface ReadDraft {
  draft: ArticleDraft;
  datelineDate: string | null;
  markup: Record<string, MarkupTag>;
  review: boolean | undefined;
  /** What the importer left out of a pasted page (page chrome), for the editor's preview. */
  dropped: DroppedText[];
}

/**
 * A page pasted as text or HTML: the structure-aware importers find headline, dateline and block types
 * (HTML inline markup becomes ⟦n⟧ placeholders), and the result is validated exactly like a JSON
 * submission so the limits and messages are the same.
 */
export function draftFromPastedPage(kind: 'text' | 'html', text: string, query: unknown): ReadDraft {
  const options = pastedArticleQuery.parse(query);
  const dropped: DroppedText[] = [];
  const imported = importPastedPage(kind, text, options.sourceLang, dropped);
  const parsed = articleSchema.parse({
    sourceLang: options.sourceLang,
    targetLocales: options.targetLocales,
    priority: options.priority,
    deadline: options.deadline,
    headline: imported.headline,
    dateline: imported.dateline,
    blocks: imported.blocks,
  });
  return {
    draft: { ...parsed, deadline: parsed.deadline ?? null, dateline: parsed.dateline ?? null },
    datelineDate: parsed.dateline ? parseDateline(parsed.dateline, options.sourceLang) : null,
    markup: imported.markup,
    review: options.review,
    dropped,
  };
}
