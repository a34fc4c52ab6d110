import { AppError } from '../errors.js';
import { withTransaction } from '../storage/pool.js';
import { listPublicationRows, markSourcePublished } from '../storage/publication-repo.js';
import { insertEvent } from '../storage/published-repo.js';
import type { ServiceDeps } from './deps.js';
import { publicLinksOf } from './publication-events.js';
import { publicationsIn } from './published.js';

export interface SourcePublication {
  articleId: string;
  locale: string;
  revision: number;
  /** When the source became public: this call, an earlier one, or the first finished translation. */
  publishedAt: Date;
  href: string;
}

/**
 * An editor lifts the embargo on the source version before any translation is finished (a story that must
 * run now in its own language). The source is public from then on, and one `locale.published` event for
 * the source language says so. When the source is already public (published before, or a translation made
 * it public) nothing changes and `created` is false.
 */
export async function publishSource(
  deps: Pick<ServiceDeps, 'pool' | 'site'>,
  articleId: string,
): Promise<{ publication: SourcePublication; created: boolean }> {
  return withTransaction(deps.pool, async (client) => {
    // The row lock orders this against a withdrawal and against another editor's click.
    const locked = await client.query(`SELECT 1 FROM articles WHERE id = $1 FOR UPDATE`, [articleId]);
    if (locked.rowCount === 0) throw new AppError('article_not_found', { id: articleId });
    const [article] = await listPublicationRows(client, [articleId]);
    if (article!.withdrawal) throw new AppError('article_withdrawn', { id: articleId });
    const before = (await publicationsIn(client, [articleId])).get(articleId)!;
    const sourceBefore = before.versions.find((v) => v.locale === article!.sourceLang);
    const href = deps.site.pageUrl(articleId, article!.sourceLang);
    const view = (publishedAt: Date): SourcePublication => ({
      articleId,
      locale: article!.sourceLang,
      revision: article!.revision,
      publishedAt,
      href,
    });
    if (sourceBefore) return { publication: view(sourceBefore.firstPublishedAt), created: false };
    const at = await markSourcePublished(client, articleId);
    if (!at) throw new AppError('article_not_found', { id: articleId });
    const links = await publicLinksOf(client, deps.site, articleId);
    await insertEvent(client, 'locale.published', articleId, {
      articleId,
      locale: article!.sourceLang,
      revision: article!.revision,
      href,
      feed: deps.site.feedUrl(article!.sourceLang),
      ...links,
    });
    return { publication: view(at), created: true };
  });
}
