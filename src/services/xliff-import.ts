/**
 * XLIFF uploads: the whole file is read and checked first (an invalid file, or one for another article or
 * locale, is refused whole and changes nothing); then every unit goes through the one submit path (a
 * translator's held tasks) or is delivered (an editor's upload for waiting tasks), and the answer says
 * what became of each.
 */
import { StringDecoder } from 'node:string_decoder';
import { articleIdOfOriginal } from '../domain/xliff/document.js';
import { planUnit, type UnitOutcome, type UnitPlan } from '../domain/xliff/plan-unit.js';
import { XliffError, XliffReader, type ReadDocument, type ReadFile, type xliffMismatchReasons } from '../domain/xliff/read.js';
import { AppError } from '../errors.js';
import { findArticle } from '../storage/articles-repo.js';
import type { UserRecord } from '../domain/people.js';
import { findUnitFacts, type UnitFacts } from '../storage/xliff-repo.js';
import { deliverTranslations, type Delivery } from './deliver-translation.js';
import type { ServiceDeps } from './deps.js';
import type { QaReport } from './qa-gate.js';
import { submitTranslation } from './task-work.js';
import { isUuid } from '../domain/ids.js';

/**
 * A 500-sentence article with three matches per sentence and glossary notes is about 1.4 MB; the longest
 * article Dragoman takes (200,000 characters) about 6 MB. What is read is also parsed, so the cap bounds
 * the work a refused upload costs as well as its memory.
 */
export const xliffImportMaxBytes = 10 * 1024 * 1024;
/** Units applied at once: enough for submits to share batched statements, few enough to leave the pool to others. */
const concurrency = 8;

export type ImportScope = { role: 'translator' } | { role: 'editor'; articleId: string; locale: string };

export interface UnitReport {
  id: string;
  articleId: string | null;
  locale: string | null;
  line: number;
  outcome: UnitOutcome;
  status?: string;
  qa?: QaReport['issues'];
}

export interface ImportReport {
  version: ReadDocument['version'];
  summary: Partial<Record<UnitOutcome, number>>;
  units: UnitReport[];
}

/** Reads an upload to the end under a byte limit; malformed or invalid XLIFF raises xliff_invalid. */
export async function readXliff(input: AsyncIterable<Buffer | string>, maxBytes = xliffImportMaxBytes): Promise<ReadDocument> {
  const reader = new XliffReader();
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let first = true;
  try {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) throw new AppError('payload_too_large', { limit: maxBytes });
      let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      if (first && text.length > 0) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      reader.write(text);
    }
    reader.write(decoder.end());
    return reader.end();
  } catch (error) {
    if (error instanceof XliffError) throw new AppError('xliff_invalid', { ...error.params, line: error.line, reasonKey: error.reason });
    throw error;
  }
}

interface ResolvedFile {
  file: ReadFile;
  articleId: string;
  locale: string;
  /** Read while the next file is checked: settled, so a refused upload leaves no failure unread. */
  facts: Promise<Settled<UnitFacts[]>>;
}

export async function importXliff(
  deps: ServiceDeps,
  user: UserRecord,
  scope: ImportScope,
  input: AsyncIterable<Buffer | string>,
  options: { maxBytes?: number } = {},
): Promise<ImportReport> {
  const doc = await readXliff(input, options.maxBytes);
  const files = await resolveFiles(deps, doc, scope);
  const jobs: Array<{ report: UnitReport; plan: UnitPlan; taskId: string | null }> = [];
  for (const { file, articleId, locale, facts: found } of files) {
    const facts = new Map(unsettle(await found).map((f) => [f.segmentId, f]));
    for (const unit of file.units) {
      const fact = facts.get(unit.id.toLowerCase()) ?? null;
      const plan = planUnit(unit, fact && storedOf(fact), { role: scope.role, userId: user.id });
      const report: UnitReport = { id: unit.id, articleId, locale, line: unit.line, outcome: 'accepted' };
      jobs.push({ report, plan, taskId: fact?.taskId ?? null });
    }
  }
  for (const job of jobs) if (job.plan.action === 'report') job.report.outcome = job.plan.outcome;
  // A translator's units go one by one through the submit path (with the other translators' submits, in
  // its batched statements); an editor's deliveries go together (one transaction).
  const submits = jobs.filter((job) => job.plan.action === 'submit');
  await inParallel(submits, concurrency, async (job) => {
    job.report.outcome = await settle(job.report, () => submitTranslation(deps, user, job.taskId!, (job.plan as { text: string }).text));
  });
  const deliveries = jobs.filter((job) => job.plan.action === 'deliver');
  const delivered = deliveries.length === 0 ? [] : await deliverTranslations(deps, user, deliveries.map((job) => ({ taskId: job.taskId!, text: (job.plan as { text: string }).text })));
  delivered.forEach((result, i) => {
    const job = deliveries[i]!;
    job.report.outcome = outcomeOf(job.report, result);
  });
  const summary: ImportReport['summary'] = {};
  for (const { report } of jobs) summary[report.outcome] = (summary[report.outcome] ?? 0) + 1;
  return { version: doc.version, summary, units: jobs.map((j) => j.report) };
}


function storedOf(fact: UnitFacts) {
  return {
    text: fact.text,
    current: fact.current,
    task: fact.taskId
      ? { status: fact.status!, translation: fact.translation, draft: fact.draft, assignee: fact.assignee, machineDraft: fact.machineDraft }
      : null,
  };
}

/** Every file must name an article the caller may work on, in a locale and language it is translated in. */
async function resolveFiles(deps: Pick<ServiceDeps, 'pool'>, doc: ReadDocument, scope: ImportScope): Promise<ResolvedFile[]> {
  const resolved: ResolvedFile[] = [];
  const seen = new Set<string>();
  for (const file of doc.files) {
    // The reason is a message of locales/<lng>/xliff.json (reason.*), written in the reader's language.
    const mismatch = (reasonKey: (typeof xliffMismatchReasons)[number], params: Record<string, string> = {}) =>
      new AppError('xliff_mismatch', { ...params, line: file.line, reasonKey });
    const articleId = articleIdOfOriginal(file.original);
    if (!articleId) throw mismatch('noArticle', { original: file.original ?? '' });
    if (!file.targetLocale) throw mismatch('noTargetLanguage');
    if (scope.role === 'editor' && (articleId !== scope.articleId || file.targetLocale.toLowerCase() !== scope.locale.toLowerCase())) {
      throw mismatch('otherArticle', { fileArticle: articleId, fileLocale: file.targetLocale, article: scope.articleId, locale: scope.locale });
    }
    // The units' facts are read while the article is (a read, discarded if the file is refused), in the
    // locale the file names; the article's own spelling of it, when it differs, is read again below.
    const ids = file.units.map((u) => u.id.toLowerCase()).filter(isUuid);
    const early = settled(findUnitFacts(deps.pool, articleId, file.targetLocale, ids));
    const article = await findArticle(deps.pool, articleId);
    if (!article) throw mismatch('articleMissing', { article: articleId });
    const locale = article.targetLocales.find((l) => l.toLowerCase() === file.targetLocale!.toLowerCase());
    if (!locale) throw mismatch('localeNotTargeted', { article: articleId, locale: file.targetLocale });
    if (file.sourceLang.toLowerCase() !== article.sourceLang.toLowerCase()) {
      throw mismatch('otherSourceLanguage', { article: articleId, articleLang: article.sourceLang, fileLang: file.sourceLang });
    }
    for (const unit of file.units) {
      const key = `${unit.id.toLowerCase()}/${locale}`;
      if (seen.has(key)) throw new AppError('xliff_invalid', { line: unit.line, id: unit.id, reasonKey: 'duplicateUnit' });
      seen.add(key);
    }
    const facts = locale === file.targetLocale ? early : settled(findUnitFacts(deps.pool, articleId, locale, ids));
    resolved.push({ file, articleId, locale, facts });
  }
  return resolved;
}

type Settled<T> = { value: T } | { error: unknown };

/** A promise that never rejects (its failure is kept), so one left unread when a file is refused is harmless. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then((value) => ({ value }), (error: unknown) => ({ error }));
}

function unsettle<T>(result: Settled<T>): T {
  if ('error' in result) throw result.error;
  return result.value;
}

/** Runs one unit through the submit path; what it refuses becomes the unit's outcome. */
async function settle(report: UnitReport, work: () => Promise<{ status: string; qa: QaReport['issues'] }>): Promise<UnitOutcome> {
  try {
    return outcomeOf(report, { ok: true, ...(await work()) } as Delivery);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return outcomeOf(report, { ok: false, error });
  }
}

function outcomeOf(report: UnitReport, result: Delivery): UnitOutcome {
  if (result.ok) {
    report.status = result.status;
    if (result.qa.length > 0) report.qa = result.qa;
    return 'accepted';
  }
  const { error } = result;
  if (error.code === 'qa_failed') {
    report.qa = (error.extensions.qa ?? []) as QaReport['issues'];
    return 'qa_failed';
  }
  const outcome = refusals[error.code];
  if (!outcome) throw error;
  return typeof outcome === 'function' ? outcome(error) : outcome;
}

const refusals: Partial<Record<AppError['code'], UnitOutcome | ((error: AppError) => UnitOutcome)>> = {
  lease_lost: 'lease_lost',
  task_not_held: 'not_held',
  task_not_found: 'unknown_unit',
  // Finished or withdrawn since the file was read; or, for a delivery, taken by someone meanwhile.
  illegal_transition: (error) => (error.params.status === 'done' || error.params.status === 'cancelled' ? 'closed' : 'in_progress'),
};

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    try {
      while (next < items.length && !failed) await work(items[next++]!);
    } catch (error) {
      // A failure no unit caused (the database went away): the other lanes stop taking units.
      failed = true;
      throw error;
    }
  });
  await Promise.all(lanes);
}
