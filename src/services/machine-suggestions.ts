/**
 * Machine suggestions for an article, in the workers, after memory was looked up: every sentence memory
 * did not fill (no exact match) goes to its pair's provider in batches within the provider's limits, and
 * each batch's drafts are stored in one statement beside the memory suggestions, where claims read them.
 * A batch is stored whole or not at all, so a job cut off by a crash asks again only for the rest. Nothing
 * here is on a translator's path: a slow, failing or exhausted provider means no machine suggestion, never a
 * slower claim or an error.
 */
import { batchWithin, billedCharacters } from '../domain/machine/batches.js';
import { buildMachineDraft } from '../domain/machine/drafts.js';
import { protectPlaceholders } from '../domain/machine/placeholders.js';
import type { QaCode } from '../domain/qa/index.js';
import { nextStatus } from '../domain/task-states.js';
import type { GuardedProvider } from '../providers/guard.js';
import { ProviderRegistry } from '../providers/registry.js';
import type { MachineConfig } from '../machine-config.js';
import { ProviderError } from '../providers/types.js';
import { enqueueMachineSuggestions } from '../queues/machine-queue.js';
import {
  fillFromMachineDrafts,
  listArticlesMissingMachine,
  listTasksForMachine,
  machinePublishingLocales,
  storeMachineOutcomes,
  type MachineOutcomeRow,
  type TaskForMachine,
} from '../storage/machine-repo.js';
import { reserveCharacters } from '../storage/machine-usage-repo.js';
import { withTransaction } from '../storage/pool.js';
import type { ServiceDeps } from './deps.js';
import { findTermsInSources } from './glossary.js';
import { cachedLocaleSettings } from './locale-settings.js';
import { assembleIfComplete } from './task-work.js';
import { cachedRouteOverrides } from './machine-routes.js';

type Deps = Pick<ServiceDeps, 'pool' | 'logger' | 'config' | 'assembleQueue'>;

/** The providers of one worker process, each behind its guard (timeouts, limits, circuit, pauses). */
export type MachineEngines = ProviderRegistry;

export function createMachineEngines(config: MachineConfig): MachineEngines {
  return new ProviderRegistry(config);
}

/** After an article's memory lookups are stored: machine drafts for what memory did not fill, if any provider is set up. */
export async function queueMachineSuggestions(
  deps: Pick<ServiceDeps, 'config' | 'machineQueue' | 'logger'>,
  payload: { articleId: string; revision: number },
): Promise<void> {
  if (Object.keys(deps.config.machine.providers).length > 0) await enqueueMachineSuggestions(deps, payload);
}

export interface MachineRunSummary {
  stored: number;
  none: number;
  unavailable: number;
}

/**
 * Asks the providers for every task of the article still without a machine answer. Provider failures that
 * may pass (5xx, timeouts, an open circuit, rate limits past their wait) are thrown after the other pairs
 * had their turn, so the job is retried for what is left; on the last attempt they are recorded as
 * "unavailable" instead, and the tasks simply have no machine suggestion.
 */
export async function suggestMachineForArticle(
  deps: Deps,
  registry: MachineEngines,
  articleId: string,
  options: { lastAttempt: boolean },
): Promise<MachineRunSummary> {
  const summary: MachineRunSummary = { stored: 0, none: 0, unavailable: 0 };
  const tasks = await listTasksForMachine(deps.pool, articleId);
  if (tasks.length === 0) return summary;
  const overrides = await cachedRouteOverrides(deps.pool);
  const publishing = new Set(await machinePublishingLocales(deps.pool, articleId));
  let pending: ProviderError | null = null;
  for (const [locale, group] of groupByLocale(tasks)) {
    const provider = registry.providerFor(group[0]!.sourceLang, locale, overrides);
    if (!provider) continue;
    for (const batch of batchWithin(group, (t) => t.source, provider.settings.batchSize, provider.settings.batchChars)) {
      try {
        const rows = await translateBatch(deps, provider, batch, group);
        await storeBatch(deps, rows, { articleId, locale, publish: publishing.has(locale) }, summary);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        const final = options.lastAttempt || error.kind === 'rejected' || error.kind === 'bad_answer';
        deps.logger.warn({ err: error, articleId, locale, provider: provider.name, final }, 'machine translation batch failed');
        if (!final) {
          pending ??= error;
          break; // this pair waits for the retry; the other pairs still go now
        }
        const status = error.kind === 'bad_answer' ? 'none' : 'unavailable';
        const rows = batch.map((task) => ({ taskId: task.id, status, provider: provider.name, reason: error.kind, suggestion: null }) as const);
        await storeBatch(deps, rows, { articleId, locale, publish: false }, summary);
      }
    }
  }
  if (pending) throw pending;
  return summary;
}

function groupByLocale(tasks: TaskForMachine[]): Map<string, TaskForMachine[]> {
  const groups = new Map<string, TaskForMachine[]>();
  for (const task of tasks) groups.set(task.targetLocale, [...(groups.get(task.targetLocale) ?? []), task]);
  return groups;
}

async function translateBatch(deps: Deps, provider: GuardedProvider, batch: TaskForMachine[], group: TaskForMachine[]): Promise<MachineOutcomeRow[]> {
  const { sourceLang, targetLocale } = batch[0]!;
  const settings = await cachedLocaleSettings(deps.pool, targetLocale);
  const hits = await findTermsInSources(deps.pool, { sourceLang, targetLocale }, batch.map((task) => task.source));
  const texts = batch.map((task) => protectPlaceholders(task.source, provider.provider.markup));
  const glossary = provider.provider.takesGlossary ? [...new Map(hits.flat().map((h) => [h.term, { term: h.term, translation: h.translation }])).values()] : [];
  const outcome = await provider.translate(
    { sourceLang, targetLocale, texts, context: contextOf(group), glossary },
    () => reserveCharacters(deps.pool, { provider: provider.name, sourceLang, targetLocale }, billedCharacters(texts), provider.settings.dailyChars),
  );
  if (outcome.kind === 'skipped') {
    // Out of budget or quota: no suggestion for these sentences, and no error for anyone.
    return batch.map((task) => ({ taskId: task.id, status: 'unavailable', provider: provider.name, reason: outcome.reason, suggestion: null }));
  }
  const at = new Date();
  return batch.map((task, i) => {
    const draft = buildMachineDraft({
      source: task.source,
      sourceLang,
      targetLocale,
      answer: outcome.texts[i] ?? null,
      markup: provider.provider.markup,
      provider: provider.name,
      glossary: hits[i]!.map((h) => ({ term: h.term, translation: h.translation, forbidden: h.forbidden, caseSensitive: h.caseSensitive })),
      disabledChecks: settings.disabledChecks as QaCode[],
      preTranslate: settings.preTranslate,
      at,
    });
    return draft.kind === 'stored'
      ? { taskId: task.id, status: 'stored', provider: provider.name, reason: draft.suggestion.repaired ? 'repaired' : null, suggestion: draft.suggestion }
      : { taskId: task.id, status: 'none', provider: provider.name, reason: draft.reason, suggestion: null };
  });
}

/** The headline and the article's sentences around the batch, for providers that take context. */
function contextOf(group: TaskForMachine[]): string {
  const text = [group[0]!.headline, ...group.map((t) => t.source.replace(/⟦[^⟧]*⟧/g, ''))].join('\n');
  return text.length > 2_000 ? text.slice(0, 2_000) : text;
}

async function storeBatch(
  deps: Deps,
  rows: readonly MachineOutcomeRow[],
  target: { articleId: string; locale: string; publish: boolean },
  summary: MachineRunSummary,
): Promise<void> {
  const filled = await withTransaction(deps.pool, async (client) => {
    const stored = await storeMachineOutcomes(client, [...rows]);
    for (const row of rows) if (stored.includes(row.taskId)) summary[row.status] += 1;
    // The editor chose to publish this locale's machine drafts: new drafts go straight in.
    if (!target.publish || !rows.some((r) => r.status === 'stored')) return 0;
    return fillFromMachineDrafts(client, { articleId: target.articleId, locale: target.locale, status: nextStatus('queued', 'fill'), userId: null });
  });
  if (filled > 0) await assembleIfComplete(deps, { articleId: target.articleId, targetLocale: target.locale });
}

/** Articles whose machine job was lost (a crash between memory lookups and queueing it): queue it again. */
export async function requeueMissingMachine(deps: Pick<ServiceDeps, 'pool' | 'logger' | 'config' | 'machineQueue'>): Promise<number> {
  if (Object.keys(deps.config.machine.providers).length === 0) return 0;
  const overrides = await cachedRouteOverrides(deps.pool);
  const routed = { ...deps.config.machine.routes, ...overrides };
  const pairs = Object.keys(routed).filter((key) => routed[key]);
  const articles = await listArticlesMissingMachine(deps.pool, pairs);
  for (const row of articles) await enqueueMachineSuggestions(deps, row);
  return articles.length;
}
