/**
 * The providers of one worker process, each behind its guard, and the routing of language pairs to them:
 * `DRAGOMAN_MT` first, then the admin's overrides stored in PostgreSQL (which may also switch a pair off).
 */
import { routeKey, type MachineConfig, type ProviderName, type ProviderSettings } from '../machine-config.js';
import { ApertiumProvider } from './apertium.js';
import { AzureProvider } from './azure.js';
import { DeepLProvider } from './deepl.js';
import { GuardedProvider, type GuardOptions, type ProviderHealth } from './guard.js';
import { LibreTranslateProvider } from './libretranslate.js';
import { OpenAiProvider } from './openai.js';
import type { MachineProvider } from './types.js';

const constructors: Record<ProviderName, (settings: ProviderSettings) => MachineProvider> = {
  apertium: (s) => new ApertiumProvider(s),
  deepl: (s) => new DeepLProvider(s),
  azure: (s) => new AzureProvider(s),
  libretranslate: (s) => new LibreTranslateProvider(s),
  openai: (s) => new OpenAiProvider(s),
};

/** A pair's provider as an override says it: a name, or null for "no machine translation here". */
export type RouteOverrides = Record<string, ProviderName | null>;

export class ProviderRegistry {
  private readonly guarded = new Map<ProviderName, GuardedProvider>();

  constructor(
    private readonly config: MachineConfig,
    options: GuardOptions = {},
  ) {
    for (const settings of Object.values(config.providers)) {
      if (!settings) continue;
      this.guarded.set(settings.name, new GuardedProvider(constructors[settings.name](settings), settings, options));
    }
  }

  /** The guarded provider for a pair, or null when the pair has none (or its provider is not configured). */
  providerFor(sourceLang: string, targetLocale: string, overrides: RouteOverrides = {}): GuardedProvider | null {
    const key = routeKey(sourceLang, targetLocale);
    const name = key in overrides ? overrides[key] : this.config.routes[key];
    return name ? (this.guarded.get(name) ?? null) : null;
  }

  /** Whether any pair could be routed at all: without providers the workers skip machine jobs entirely. */
  get empty(): boolean {
    return this.guarded.size === 0;
  }

  health(): ProviderHealth[] {
    return [...this.guarded.values()].map((g) => g.health());
  }

  close(): void {
    for (const g of this.guarded.values()) g.shutdown();
  }
}
