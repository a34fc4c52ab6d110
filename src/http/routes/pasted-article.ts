import type { ArticleDraft } from '../../domain/article.js';
import { AppError } from '../../errors.js';

/** Pasted pages (text/plain, text/html) are imported once the structure-aware importer lands. */
export function draftFromPastedText(
  _mediaType: string,
  _text: string,
  _query: unknown,
): { draft: ArticleDraft; datelineDate: string | null } {
  throw new AppError('unsupported_media_type');
}
