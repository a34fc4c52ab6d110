import { assembleArticle } from '../domain/assembly.js';
import { formatDate } from '../domain/import/dateline.js';
import { findRevision } from '../storage/articles-repo.js';
import { withTransaction } from '../storage/pool.js';
import { insertEvent, insertPublishedVersion, isWithdrawn, listTranslatedSegments } from '../storage/published-repo.js';
import type { AssemblePayload } from '../queues/catalogue.js';
import { recordMachineShare } from '../storage/machine-repo.js';
import type { ServiceDeps } from './deps.js';
import { publicLinksOf } from './publication-events.js';
import { timeToPublish } from '../observability/metrics.js';

export type AssembleOutcome = 'published' | 'already_published' | 'incomplete' | 'unknown_article' | 'withdrawn';

/**
 * Builds and stores one locale version. Safe to run any number of times: the insert is keyed by article,
 * locale and revision, and the event is written only by the run that inserted.
 */
export async function assembleLocale(deps: Pick<ServiceDeps, 'pool' | 'site'>, job: AssemblePayload): Promise<AssembleOutcome> {
  const { outcome, submittedAt } = await assembleInTransaction(deps, job);
  if (outcome === 'published' && submittedAt) timeToPublish.observe({ locale: job.locale }, (Date.now() - submittedAt.getTime()) / 1000);
  return outcome;
}

async function assembleInTransaction(
  deps: Pick<ServiceDeps, 'pool' | 'site'>,
  job: AssemblePayload,
): Promise<{ outcome: AssembleOutcome; submittedAt?: Date }> {
  return withTransaction(deps.pool, async (client) => {
    // Serialises assemblies of the whole article revision, not just this locale: then a second run of the
    // same version sees the first one's row, and the last locale to finish sees all the others published.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${job.articleId}/${job.revision}`]);
    const article = await findRevision(client, job.articleId, job.revision);
    if (!article) return { outcome: 'unknown_article' };
    // Shares the row lock a withdrawal takes: either this version and its event come before the withdrawal,
    // or this run sees the article withdrawn and publishes nothing.
    if (await isWithdrawn(client, job.articleId)) return { outcome: 'withdrawn' };
    const { segments, missing } = await listTranslatedSegments(client, job.articleId, job.locale, job.revision);
    if (missing > 0) return { outcome: 'incomplete' };
    const assembled = assembleArticle(segments, article.markup);
    const dateline = article.datelineDate ? formatDate(article.datelineDate, job.locale) : null;
    const inserted = await insertPublishedVersion(client, job.articleId, job.locale, job.revision, assembled, dateline);
    if (!inserted) return { outcome: 'already_published' };
    const links = await publicLinksOf(client, deps.site, job.articleId);
    await recordMachineShare(client, job);
    await insertEvent(client, 'locale.published', job.articleId, {
      articleId: job.articleId,
      locale: job.locale,
      revision: job.revision,
      href: deps.site.pageUrl(job.articleId, job.locale),
      feed: deps.site.feedUrl(job.locale),
      ...links,
    });
    const remaining = await client.query(
      `SELECT count(*)::int AS n FROM article_locales WHERE article_id = $1 AND revision = $2 AND status <> 'published'`,
      [job.articleId, job.revision],
    );
    if (remaining.rows[0].n === 0) {
      await insertEvent(client, 'article.completed', job.articleId, { articleId: job.articleId, revision: job.revision, ...links });
    }
    return { outcome: 'published', submittedAt: article.createdAt };
  });
}
