import { directionOf } from '../domain/article.js';
import { AppError } from '../errors.js';
import { assembleArticle } from '../domain/assembly.js';
import { findArticle, findRevision, listSegments, type ArticleRow } from '../storage/articles-repo.js';
import { findMachineShare } from '../storage/machine-repo.js';
import { findPublishedVersion, listPublishedVersions } from '../storage/published-repo.js';
import type { ServiceDeps } from './deps.js';

export interface LocaleLink {
  locale: string;
  dir: 'ltr' | 'rtl';
  revision: number;
  publishedAt: string;
  href: string;
}

export interface PublishedVersion {
  articleId: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  revision: number;
  publishedAt: string;
  headline: string;
  dateline: string | null;
  blocks: Array<{ type: string; text: string; html?: string }>;
  alternates: Array<{ locale: string; href: string }>;
  /**
   * Set when an editor published machine drafts no person has seen: how many segments, from which providers,
   * and the operator's robots directive for such pages (DRAGOMAN_MT_ROBOTS). Null for versions people made.
   */
  machineTranslation?: { segments: number; providers: string[]; robots: string | null } | null;
}

function href(deps: Pick<ServiceDeps, 'config'>, articleId: string, locale: string): string {
  return `${deps.config.publicUrl}/api/v1/published/${articleId}/${encodeURIComponent(locale)}`;
}

/** Every finished version, the source included: what a page header needs to link the versions. */
export async function listLocaleLinks(deps: Pick<ServiceDeps, 'pool' | 'config'>, articleId: string) {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  return linksOf(deps, article);
}

async function linksOf(deps: Pick<ServiceDeps, 'pool' | 'config'>, article: ArticleRow) {
  const articleId = article.id;
  const versions = await listPublishedVersions(deps.pool, articleId);
  const locales: LocaleLink[] = [
    {
      locale: article.sourceLang,
      dir: directionOf(article.sourceLang),
      revision: article.revision,
      publishedAt: article.createdAt.toISOString(),
      href: href(deps, articleId, article.sourceLang),
    },
    ...versions.map((v) => ({
      locale: v.locale,
      dir: directionOf(v.locale),
      revision: v.revision,
      publishedAt: v.publishedAt.toISOString(),
      href: href(deps, articleId, v.locale),
    })),
  ];
  return { articleId, sourceLang: article.sourceLang, locales };
}

export async function getPublishedVersion(
  deps: Pick<ServiceDeps, 'pool' | 'config'>,
  articleId: string,
  locale: string,
  revision?: number,
): Promise<PublishedVersion> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  const links = await linksOf(deps, article);
  const alternates = links.locales.filter((l) => l.locale !== locale).map((l) => ({ locale: l.locale, href: l.href }));
  if (locale === article.sourceLang) {
    return sourceVersion(deps, article, alternates);
  }
  const version = await findPublishedVersion(deps.pool, articleId, locale, revision);
  if (!version) throw new AppError('locale_not_published', { id: articleId, locale });
  const machine = await findMachineShare(deps.pool, { articleId, locale, revision: version.revision });
  return {
    articleId,
    locale,
    dir: directionOf(locale),
    revision: version.revision,
    publishedAt: version.publishedAt.toISOString(),
    headline: version.headline,
    dateline: version.dateline,
    blocks: version.blocks,
    alternates,
    machineTranslation: machine && { ...machine, robots: deps.config.machine.robots },
  };
}

async function sourceVersion(
  deps: Pick<ServiceDeps, 'pool'>,
  article: ArticleRow,
  alternates: PublishedVersion['alternates'],
): Promise<PublishedVersion> {
  const segments = await listSegments(deps.pool, article.id, article.revision);
  const revision = await findRevision(deps.pool, article.id, article.revision);
  const assembled = assembleArticle(segments.map((s) => ({ ...s, translation: s.text })), revision?.markup ?? {});
  return {
    articleId: article.id,
    locale: article.sourceLang,
    dir: directionOf(article.sourceLang),
    revision: article.revision,
    publishedAt: article.createdAt.toISOString(),
    headline: assembled.headline,
    dateline: article.dateline,
    blocks: assembled.blocks,
    alternates,
  };
}
