import { directionOf } from '../domain/article.js';
import { assembleArticle } from '../domain/assembly.js';
import { latest, ownLanguageName, type VersionRef } from '../domain/publishing/links.js';
import { currentVersions, linksOf, type ArticleFacts, type VersionLinks } from '../domain/publishing/version-set.js';
import type { BlockType } from '../domain/article.js';
import { cursorValue, decodeCursor, encodeCursor, invalidCursor } from '../domain/cursor.js';
import { AppError } from '../errors.js';
import {
  listCurrentTranslations,
  listPublicationRows,
  listPublishedArticlePage,
  listSourceRevisions,
  listTranslationContents,
  type VersionContentRow,
} from '../storage/publication-repo.js';
import { findPublishedVersion } from '../storage/published-repo.js';
import { isPool, type Db } from '../storage/pool.js';
import type { ServiceDeps } from './deps.js';

/** An article as publishing sees it: its facts and its current versions in the article's fixed order. */
export interface Publication {
  article: ArticleFacts;
  versions: VersionRef[];
}

export interface PublishedVersion {
  articleId: string;
  sourceLang: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  revision: number;
  /** False for an earlier revision (editors may read those through the API; the public may not). */
  current: boolean;
  publishedAt: Date;
  firstPublishedAt: Date;
  headline: string;
  dateline: string | null;
  /** The dateline's date as YYYY-MM-DD, for `<time datetime>`; null when the dateline had no date. */
  datelineDate: string | null;
  blocks: Array<{ type: string; text: string; html?: string }>;
  links: VersionLinks;
  /** The newest change of anything this version's page shows (its text or the set of versions it links). */
  lastModified: Date;
  /**
   * Set when an editor published machine drafts no person has seen: how many segments, from which providers,
   * and the operator's robots directive for such pages (DRAGOMAN_MT_ROBOTS). Null for versions people made.
   */
  machineTranslation: { segments: number; providers: string[]; robots: string | null } | null;
}

type Deps = Pick<ServiceDeps, 'pool' | 'site' | 'config'>;

export async function loadPublications(deps: Pick<ServiceDeps, 'pool'>, ids: string[]): Promise<Map<string, Publication>> {
  return publicationsIn(deps.pool, ids);
}

/** The same, inside a transaction (`db` a client): what an event written in it should describe. */
export async function publicationsIn(db: Db, ids: string[]): Promise<Map<string, Publication>> {
  // A client runs one statement at a time; a pool can answer both at once.
  const [rows, translations] = isPool(db)
    ? await Promise.all([listPublicationRows(db, ids), listCurrentTranslations(db, ids)])
    : [await listPublicationRows(db, ids), await listCurrentTranslations(db, ids)];
  const byArticle = new Map<string, typeof translations>();
  for (const t of translations) byArticle.set(t.articleId, [...(byArticle.get(t.articleId) ?? []), t]);
  return new Map(rows.map((article) => [article.id, { article, versions: currentVersions(article, byArticle.get(article.id) ?? []) }]));
}

/** The article's publication; a withdrawn article is gone (410) for readers and for the publishing API alike. */
export async function getPublication(deps: Pick<ServiceDeps, 'pool'>, articleId: string): Promise<Publication> {
  const publication = (await loadPublications(deps, [articleId])).get(articleId);
  if (!publication) throw new AppError('article_not_found', { id: articleId });
  if (publication.article.withdrawal) throw new AppError('article_withdrawn', { id: articleId });
  return publication;
}

/** Every current version with its link: what a CMS needs to link the versions. */
export async function listLocaleLinks(deps: Deps, articleId: string) {
  const { article, versions } = await getPublication(deps, articleId);
  return {
    articleId,
    sourceLang: article.sourceLang,
    locales: localeLinksOf(deps, articleId, versions),
    // With no version finished yet the list still changes when the article is revised: without the revision's
    // time it would claim 1970.
    lastModified: latest([article.revisedAt, ...versions.map((v) => v.publishedAt)]),
  };
}

function localeLinksOf(deps: Pick<Deps, 'site'>, articleId: string, versions: VersionRef[]) {
  return versions.map((v) => ({
    locale: v.locale,
    name: ownLanguageName(v.locale),
    dir: directionOf(v.locale),
    revision: v.revision,
    firstPublishedAt: v.firstPublishedAt,
    publishedAt: v.publishedAt,
    href: deps.site.pageUrl(articleId, v.locale),
  }));
}

export interface PublishedListQuery {
  cursor?: string;
  limit: number;
}

/**
 * The articles with public versions, newest publication first, a page at a time, each with the links of its
 * current versions as `listLocaleLinks` gives them: what a publisher's screen shows after a reload.
 */
export async function listPublishedArticles(deps: Deps, query: PublishedListQuery) {
  const after = query.cursor ? decodeCursor(query.cursor, ['string', 'string']) : null;
  if (after && (!cursorValue.isInstant(after[0]) || !cursorValue.isId(after[1]))) throw invalidCursor();
  const rows = await listPublishedArticlePage(deps.pool, {
    after: after ? { at: String(after[0]), id: String(after[1]) } : null,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const publications = await loadPublications(deps, page.map((row) => row.id));
  const last = page[page.length - 1];
  return {
    // An article withdrawn between the two reads is gone, as it would be a moment later.
    items: page.flatMap((row) => {
      const publication = publications.get(row.id);
      if (!publication || publication.article.withdrawal || publication.versions.length === 0) return [];
      return [
        {
          articleId: row.id,
          headline: row.headline,
          sourceLang: publication.article.sourceLang,
          locales: localeLinksOf(deps, row.id, publication.versions),
        },
      ];
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortAt, last.id]) : null,
  };
}

/**
 * One version. Readers get only current versions (`audience: 'public'`); editors and publishers may name an
 * earlier revision.
 */
export async function getPublishedVersion(
  deps: Deps,
  articleId: string,
  locale: string,
  options: { revision?: number; audience: 'public' | 'staff' },
): Promise<PublishedVersion> {
  const publication = await getPublication(deps, articleId);
  const current = publication.versions.find((v) => v.locale === locale);
  const notPublished = () => new AppError('locale_not_published', { id: articleId, locale });
  if (options.audience === 'public' && (!current || (options.revision !== undefined && options.revision !== current.revision))) {
    throw notPublished();
  }
  // An editor may read the source still under embargo (its current revision) and the last translation of a
  // locale the article no longer targets.
  const isSource = locale === publication.article.sourceLang;
  const revision =
    options.revision ??
    current?.revision ??
    (isSource ? publication.article.revision : (await findPublishedVersion(deps.pool, articleId, locale))?.revision);
  if (revision === undefined) throw notPublished();
  const [version] = await presentVersions(deps, [{ publication, locale, revision }]);
  if (!version) throw notPublished();
  return version;
}

/**
 * Builds versions, of one article or many (a feed): stored translations, and sources assembled from their
 * segments. Versions that do not exist are left out.
 */
export async function presentVersions(
  deps: Deps,
  wanted: Array<{ publication: Publication; locale: string; revision: number }>,
): Promise<PublishedVersion[]> {
  const publications = new Map(wanted.map((w) => [w.publication.article.id, w.publication]));
  const isSource = (w: (typeof wanted)[number]) => w.locale === w.publication.article.sourceLang;
  const key = (w: (typeof wanted)[number]) => ({ articleId: w.publication.article.id, locale: w.locale, revision: w.revision });
  const [sources, translations] = await Promise.all([
    listSourceRevisions(deps.pool, wanted.filter((w) => isSource(w) && w.revision <= w.publication.article.revision).map(key)),
    listTranslationContents(deps.pool, wanted.filter((w) => !isSource(w)).map(key)),
  ]);
  const contents = new Map<string, VersionContentRow>();
  for (const source of sources) {
    const content = assembleSource(publications.get(source.articleId)!.article.sourceLang, source);
    contents.set(`${content.articleId}/${content.locale}/${content.revision}`, content);
  }
  for (const content of translations) contents.set(`${content.articleId}/${content.locale}/${content.revision}`, content);
  return wanted.flatMap((w) => {
    const content = contents.get(`${w.publication.article.id}/${w.locale}/${w.revision}`);
    return content ? [versionOf(deps, w.publication, content)] : [];
  });
}

function versionOf(deps: Deps, publication: Publication, content: VersionContentRow): PublishedVersion {
  const { article } = publication;
  const current = publication.versions.find((v) => v.locale === content.locale);
  // The source under embargo, which editors preview, links as it will once public: itself first.
  const embargoedSource = !current && content.locale === article.sourceLang;
  const versions = embargoedSource
    ? [{ locale: content.locale, revision: content.revision, firstPublishedAt: content.publishedAt, publishedAt: content.publishedAt }, ...publication.versions]
    : publication.versions;
  return {
    articleId: article.id,
    sourceLang: article.sourceLang,
    locale: content.locale,
    dir: directionOf(content.locale),
    revision: content.revision,
    current: current?.revision === content.revision,
    // A source that became public after its revision was written counts as published when it became public.
    publishedAt: current?.revision === content.revision ? current.publishedAt : content.publishedAt,
    firstPublishedAt: current?.firstPublishedAt ?? article.createdAt,
    headline: content.headline,
    dateline: content.dateline,
    datelineDate: content.datelineDate,
    blocks: content.blocks,
    links: linksOf(content.locale, versions, article.sourceLang, (locale) => deps.site.pageUrl(article.id, locale)),
    lastModified: latest(versions.map((v) => v.publishedAt)),
    machineTranslation: content.machineShare ? { ...content.machineShare, robots: deps.config.machine.robots } : null,
  };
}

function assembleSource(locale: string, source: Awaited<ReturnType<typeof listSourceRevisions>>[number]): VersionContentRow {
  const assembled = assembleArticle(
    source.segments.map((s) => ({ ...s, blockType: s.blockType as BlockType, translation: s.text })),
    source.markup,
  );
  return {
    articleId: source.articleId,
    locale,
    revision: source.revision,
    publishedAt: source.publishedAt,
    headline: assembled.headline,
    dateline: source.dateline,
    datelineDate: source.datelineDate,
    blocks: assembled.blocks,
  };
}
