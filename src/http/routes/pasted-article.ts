import type { ArticleDraft } from '../../domain/article.js';
import { parseDateline } from '../../domain/import/dateline.js';
import { importPlainText } from '../../domain/import/plain-text.js';
import { articleSchema, pastedArticleQuery } from '../schemas.js';

/**
 * A page pasted as text: the structure-aware importer finds headline, dateline and block types, and the
 * result is validated exactly like a JSON submission so the limits and messages are the same.
 */
export function draftFromPastedText(text: string, query: unknown): { draft: ArticleDraft; datelineDate: string | null; review: boolean | undefined } {
  const options = pastedArticleQuery.parse(query);
  const imported = importPlainText(text, options.sourceLang);
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
    review: options.review,
  };
}
