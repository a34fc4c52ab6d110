/**
 * XLIFF exports: one locale of an article for editors (every segment, translations as targets), or the
 * tasks a translator holds (taken offline: their leases run to the longest hold the service allows).
 */
import type { BlockType } from '../domain/article.js';
import {
  exportedTarget,
  sourceFingerprint,
  stateOfTask,
  type XliffFile,
  type XliffNote,
  type XliffUnit,
} from '../domain/xliff/document.js';
import type { XliffVersion } from '../domain/xliff/inline.js';
import { writeXliff } from '../domain/xliff/write.js';
import { AppError } from '../errors.js';
import { findArticle, findRevision, type ArticleRow } from '../storage/articles-repo.js';
import { extendLease } from '../storage/tasks-repo.js';
import type { UserRecord } from '../domain/people.js';
import { listArticleExportRows, listHeldExportRows, type ExportRow } from '../storage/xliff-repo.js';
import type { ServiceDeps } from './deps.js';
import { findTermsInSources, type TermHit } from './glossary.js';

/** Texts a person reads in the file (notes), in the language of the request. */
export type Label = (key: string, params?: Record<string, string>) => string;

export interface ExportOptions {
  version: XliffVersion;
  /** Empty targets carry a copy of the source: OmegaT's XLIFF filter translates the text of <target>. */
  fillTarget: boolean;
  label: Label;
}

export interface XliffExport {
  xml: string;
  filename: string;
  /** Translator exports: until when every exported task stays theirs. */
  leaseExpiresAt?: string;
}

export async function exportArticleXliff(deps: Pick<ServiceDeps, 'pool'>, articleId: string, locale: string, options: ExportOptions): Promise<XliffExport> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  if (!article.targetLocales.includes(locale)) throw new AppError('locale_not_targeted', { locale });
  const rows = await listArticleExportRows(deps.pool, articleId, locale);
  const file = await buildFile(deps, article, locale, rows, options);
  const xml = writeXliff({ sourceLang: article.sourceLang, targetLocale: locale, files: [file] }, options.version);
  return { xml, filename: `dragoman-${articleId}-${locale}.xlf` };
}

/**
 * The translation tasks the user holds, one <file> per article. One language pair per document (XLIFF 2.0
 * has one target language per document; a CAT project one pair). Taking work offline extends each lease
 * to the longest hold (DRAGOMAN_MAX_HOLD_SECONDS after the claim), as if the translator kept sending
 * heartbeats: the upload must come back before then.
 */
export async function exportHeldXliff(
  deps: Pick<ServiceDeps, 'pool' | 'config'>,
  user: UserRecord,
  options: ExportOptions & { targetLocale?: string },
): Promise<XliffExport> {
  const all = await listHeldExportRows(deps.pool, user.id);
  const rows = options.targetLocale ? all.filter((r) => r.targetLocale === options.targetLocale) : all;
  if (rows.length === 0) throw new AppError('nothing_to_export');
  const pairs = [...new Set(rows.map((r) => `${r.sourceLang}>${r.targetLocale}`))].sort();
  if (pairs.length > 1) throw new AppError('xliff_several_pairs', { pairs: pairs.join(', ') });
  const { sourceLang, targetLocale } = rows[0]!;
  let leaseEnd = 0;
  for (const row of rows) {
    const until = await extendLease(deps.pool, { taskId: row.taskId!, userId: user.id, status: 'claimed' }, deps.config.maxHoldSeconds, deps.config.maxHoldSeconds);
    leaseEnd = Math.max(leaseEnd, until?.getTime() ?? row.leaseExpiresAt?.getTime() ?? 0);
  }
  const leaseExpiresAt = new Date(leaseEnd).toISOString();
  const files: XliffFile[] = [];
  for (const articleId of [...new Set(rows.map((r) => r.articleId))]) {
    const article = await findArticle(deps.pool, articleId);
    if (!article) continue;
    const file = await buildFile(deps, article, targetLocale, rows.filter((r) => r.articleId === articleId), options);
    file.notes.push({ category: 'lease', text: options.label('note.lease', { time: leaseExpiresAt }) });
    files.push(file);
  }
  const xml = writeXliff({ sourceLang, targetLocale, files }, options.version);
  return { xml, filename: `dragoman-tasks-${sourceLang}-${targetLocale}.xlf`, leaseExpiresAt };
}

async function buildFile(
  deps: Pick<ServiceDeps, 'pool'>,
  article: ArticleRow,
  locale: string,
  rows: ExportRow[],
  options: ExportOptions,
): Promise<XliffFile> {
  const revision = await findRevision(deps.pool, article.id, article.revision);
  const { label } = options;
  // One lookup for every sentence of the file: one query, each sentence stemmed once.
  const terms = await findTermsInSources(deps.pool, { sourceLang: article.sourceLang, targetLocale: locale }, rows.map((row) => row.source));
  const file: XliffFile = {
    articleId: article.id,
    revision: article.revision,
    notes: [{ category: 'headline', text: label('note.headline', { text: article.headline }) }],
    groups: [],
    markup: revision?.markup ?? {},
  };
  rows.forEach((row, i) => {
    let group = file.groups[file.groups.length - 1];
    if (!group || group.blockIndex !== row.blockIndex) {
      group = { blockIndex: row.blockIndex, blockType: row.blockType, notes: [blockNote(row.blockType, label)], units: [] };
      file.groups.push(group);
    }
    group.units.push(unitOf(row, terms[i]!, options));
  });
  return file;
}

function blockNote(type: BlockType, label: Label): XliffNote {
  return { category: 'block-type', text: label('note.blockType', { type: label(`blockType.${type}`) }) };
}

function unitOf(row: ExportRow, terms: TermHit[], options: ExportOptions): XliffUnit {
  const task = row.status ? { status: row.status, translation: row.translation, draft: row.draft, machineDraft: row.machineDraft } : null;
  const notes: XliffNote[] = [];
  if (row.prevSource !== null) notes.push({ category: 'context-before', text: options.label('note.before', { text: row.prevSource }) });
  if (row.nextSource !== null) notes.push({ category: 'context-after', text: options.label('note.after', { text: row.nextSource }) });
  if (row.reviewComment && (row.status === 'queued' || row.status === 'claimed')) {
    notes.push({ category: 'review-comment', text: options.label('note.reviewComment', { text: row.reviewComment }) });
  }
  const seen = new Set<string>();
  return {
    id: row.segmentId,
    source: row.source,
    target: exportedTarget(task, row.source, options.fillTarget),
    state: task ? stateOfTask(task.status, task.translation !== null) : 'initial',
    fingerprint: sourceFingerprint(row.source),
    notes,
    matches: (row.suggestions ?? []).map((s) =>
      s.origin === 'mt'
        ? { source: s.source, target: s.target, score: null, kind: 'machine' as const, provider: s.provider }
        : { source: s.source, target: s.target, score: s.score ?? null, kind: s.kind },
    ),
    glossary: terms
      .filter((hit) => !seen.has(hit.id) && seen.add(hit.id))
      .map((hit) => ({ term: hit.term, translation: hit.translation, notes: hit.notes })),
  };
}
