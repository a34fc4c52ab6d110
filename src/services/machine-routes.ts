/**
 * Which provider serves which language pair: DRAGOMAN_MT, changed by admins through the API (stored in
 * PostgreSQL, so every worker sees the change within seconds), and what admins see of providers and usage.
 */
import { providerNames, routeKey, type ProviderName } from '../machine-config.js';
import type { RouteOverrides } from '../providers/registry.js';
import { AppError } from '../errors.js';
import { deleteRouteOverride, listRouteOverrides, listUsage, putRouteOverride, type UsageRow } from '../storage/machine-usage-repo.js';
import type { Db } from '../storage/pool.js';
import type { ServiceDeps } from './deps.js';

let cached: { overrides: RouteOverrides; until: number } | null = null;

/** Overrides change rarely and are read by every machine job: a few seconds of staleness is fine. */
export async function cachedRouteOverrides(db: Db): Promise<RouteOverrides> {
  if (cached && cached.until > Date.now()) return cached.overrides;
  const rows = await listRouteOverrides(db);
  const overrides: RouteOverrides = {};
  for (const row of rows) overrides[routeKey(row.sourceLang, row.targetLocale)] = row.provider as ProviderName | null;
  cached = { overrides, until: Date.now() + 5_000 };
  return overrides;
}

export interface ProviderView {
  name: ProviderName;
  configured: boolean;
  url: string | null;
  timeoutMs: number | null;
  concurrency: number | null;
  dailyChars: number | null;
  batchSize: number | null;
  charactersToday: number;
}

export interface RoutesView {
  routes: Array<{ sourceLang: string; targetLocale: string; provider: ProviderName | null; from: 'environment' | 'admin' }>;
  providers: ProviderView[];
}

/** Routes in force and each provider's settings (never its key) with today's characters. */
export async function describeMachineTranslation(deps: Pick<ServiceDeps, 'pool' | 'config'>): Promise<RoutesView> {
  const overrides = await listRouteOverrides(deps.pool);
  const routes = new Map<string, RoutesView['routes'][number]>();
  for (const [key, provider] of Object.entries(deps.config.machine.routes)) {
    const [sourceLang, targetLocale] = key.split('>') as [string, string];
    routes.set(key, { sourceLang, targetLocale, provider, from: 'environment' });
  }
  for (const o of overrides) {
    routes.set(routeKey(o.sourceLang, o.targetLocale), { ...o, provider: o.provider as ProviderName | null, from: 'admin' });
  }
  const today = new Date().toISOString().slice(0, 10);
  const usage = await listUsage(deps.pool, { from: today, to: today });
  return {
    routes: [...routes.values()].sort((a, b) => `${a.sourceLang}>${a.targetLocale}`.localeCompare(`${b.sourceLang}>${b.targetLocale}`)),
    providers: providerNames.map((name) => {
      const s = deps.config.machine.providers[name];
      return {
        name,
        configured: !!s,
        url: s?.url ?? null,
        timeoutMs: s?.timeoutMs ?? null,
        concurrency: s?.concurrency ?? null,
        dailyChars: s ? s.dailyChars || null : null,
        batchSize: s?.batchSize ?? null,
        charactersToday: usage.filter((u) => u.provider === name).reduce((n, u) => n + u.characters, 0),
      };
    }),
  };
}

/** Routes a pair to a configured provider, or (null) switches machine translation off for it. */
export async function setRoute(
  deps: Pick<ServiceDeps, 'pool' | 'config'>,
  route: { sourceLang: string; targetLocale: string; provider: ProviderName | null; userId: string },
): Promise<void> {
  if (route.provider && !deps.config.machine.providers[route.provider]) {
    throw new AppError('mt_provider_not_configured', { provider: route.provider });
  }
  await putRouteOverride(deps.pool, route);
  cached = null;
}

export async function clearRoute(deps: Pick<ServiceDeps, 'pool'>, sourceLang: string, targetLocale: string): Promise<boolean> {
  const removed = await deleteRouteOverride(deps.pool, sourceLang, targetLocale);
  cached = null;
  return removed;
}

/** Characters per provider, pair and day, newest day first; `days` back from today (UTC). */
export async function machineUsage(deps: Pick<ServiceDeps, 'pool'>, range: { from: string; to: string }): Promise<UsageRow[]> {
  return listUsage(deps.pool, range);
}
