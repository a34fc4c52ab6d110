/**
 * Machine translation settings, read from the environment by loadConfig (src/config.ts) and checked with
 * zod like every other setting: `DRAGOMAN_MT` routes language pairs to providers
 * (`en-es=apertium,ru-en=deepl`), and `DRAGOMAN_MT_<PROVIDER>_*` configure each provider. A provider that a
 * pair names must have what it needs (a URL, a key, a model), or start-up stops naming the variable.
 */
import { z } from 'zod';

export const providerNames = ['apertium', 'deepl', 'azure', 'libretranslate', 'openai'] as const;
export type ProviderName = (typeof providerNames)[number];

export interface ProviderSettings {
  name: ProviderName;
  /** Where the HTTP API lives (unused by Apertium, which runs locally). */
  url: string | null;
  key: string | null;
  /** Azure: the resource's region; OpenAI-compatible: the model. */
  region: string | null;
  model: string | null;
  timeoutMs: number;
  concurrency: number;
  /** Characters per day across every pair; 0 for no budget. */
  dailyChars: number;
  /** Sentences and characters per request. */
  batchSize: number;
  batchChars: number;
  /** Consecutive-failure share (percent) over a rolling window that opens the circuit, and how long it stays open. */
  breakerThreshold: number;
  breakerResetMs: number;
  /** Longest Retry-After honoured before giving up on a batch for now. */
  maxRetryAfterMs: number;
  /** Apertium only: pair -> mode ("en-es" -> "eng-spa") beyond the built-in ISO 639 mapping, and where modes live. */
  modes: Record<string, string>;
  modesDir: string;
}

export interface MachineConfig {
  /** "source>target" -> provider. */
  routes: Record<string, ProviderName>;
  providers: Partial<Record<ProviderName, ProviderSettings>>;
  /** BullMQ attempts of an article's machine job, and the first backoff between them. */
  attempts: number;
  retryMs: number;
  /** `<meta name="robots">` content for pages with unreviewed machine text; null writes none. */
  robots: string | null;
}

const defaults: Record<ProviderName, { url: string | null; batchSize: number; batchChars: number; timeoutMs: number; concurrency: number }> = {
  apertium: { url: null, batchSize: 200, batchChars: 60_000, timeoutMs: 30_000, concurrency: 1 },
  // DeepL: at most 50 texts and 128 KiB per request.
  deepl: { url: 'https://api.deepl.com', batchSize: 50, batchChars: 30_000, timeoutMs: 15_000, concurrency: 2 },
  // Azure Translator v3: at most 1,000 elements and 50,000 characters per request.
  azure: { url: 'https://api.cognitive.microsofttranslator.com', batchSize: 100, batchChars: 40_000, timeoutMs: 15_000, concurrency: 2 },
  libretranslate: { url: null, batchSize: 25, batchChars: 10_000, timeoutMs: 20_000, concurrency: 2 },
  openai: { url: null, batchSize: 20, batchChars: 6_000, timeoutMs: 60_000, concurrency: 2 },
};

const langCode = /^[a-z]{2,3}$/;
const localeCode = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** "en-es" or "en-pt-BR": the source is the first subtag, the target everything after it. */
export function parsePairKey(key: string): { source: string; target: string } | null {
  const at = key.indexOf('-');
  if (at < 0) return null;
  const source = key.slice(0, at).trim();
  const target = key.slice(at + 1).trim();
  return langCode.test(source) && localeCode.test(target) ? { source, target } : null;
}

export function routeKey(source: string, target: string): string {
  return `${source}>${target}`;
}

/** `en-es=apertium,ru-en=deepl`: the valid routes, and a problem for each part that is not one. */
function parseRoutes(value: string): { routes: Record<string, ProviderName>; problems: string[] } {
  const routes: Record<string, ProviderName> = {};
  const problems: string[] = [];
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, provider, extra] = part.split('=').map((p) => p.trim());
    const pair = key ? parsePairKey(key) : null;
    if (!pair || !provider || extra !== undefined || !(providerNames as readonly string[]).includes(provider)) {
      problems.push(`"${part}" is not <source>-<target>=<${providerNames.join('|')}>`);
      continue;
    }
    routes[routeKey(pair.source, pair.target)] = provider as ProviderName;
  }
  return { routes, problems };
}

const positive = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const modesSchema = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const modes: Record<string, string> = {};
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [key, mode] = part.split('=').map((p) => p.trim());
      const pair = key ? parsePairKey(key) : null;
      if (!pair || !mode || !/^[a-z_]{2,}-[a-z_]{2,}[A-Za-z0-9_-]*$/.test(mode)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not <source>-<target>=<apertium mode>` });
        continue;
      }
      modes[routeKey(pair.source, pair.target)] = mode;
    }
    return modes;
  });

function providerSchema(name: ProviderName) {
  const d = defaults[name];
  return z.object({
    URL: z.string().min(1).optional(),
    KEY: z.string().min(1).optional(),
    REGION: z.string().min(1).optional(),
    MODEL: z.string().min(1).optional(),
    TIMEOUT_MS: positive(d.timeoutMs, 600_000),
    CONCURRENCY: positive(d.concurrency, 64),
    DAILY_CHARS: z.coerce.number().int().min(0).default(0),
    BATCH_SIZE: positive(d.batchSize, 1_000),
    BATCH_CHARS: positive(d.batchChars, 1_000_000),
    BREAKER_THRESHOLD: positive(50, 100),
    BREAKER_RESET_MS: positive(30_000, 3_600_000),
    MAX_RETRY_AFTER_MS: positive(60_000, 3_600_000),
    MODES: modesSchema,
    MODES_DIR: z.string().min(1).default('/usr/share/apertium/modes'),
  });
}

const globalSchema = z.object({
  DRAGOMAN_MT_ATTEMPTS: positive(5, 20),
  DRAGOMAN_MT_RETRY_MS: positive(2_000, 600_000),
  DRAGOMAN_MT_ROBOTS: z.string().regex(/^[a-z, -]+$/, 'robots directives such as "noindex, nofollow"').optional(),
});

/** What each provider cannot work without, once a pair uses it. */
const required: Record<ProviderName, Array<'URL' | 'KEY' | 'MODEL'>> = {
  apertium: [],
  deepl: ['KEY'],
  azure: ['KEY'],
  libretranslate: ['URL'],
  openai: ['URL', 'MODEL'],
};

export interface MachineConfigIssue {
  path: string;
  message: string;
}

/** Parses the machine translation variables of `env`; problems come back as issues, named by variable. */
export function parseMachineConfig(env: Record<string, string | undefined>): { config: MachineConfig; issues: MachineConfigIssue[] } {
  const issues: MachineConfigIssue[] = [];
  const { routes, problems } = parseRoutes(env.DRAGOMAN_MT ?? '');
  for (const message of problems) issues.push({ path: 'DRAGOMAN_MT', message });
  const global = globalSchema.safeParse(env);
  if (!global.success) {
    for (const issue of global.error.issues) issues.push({ path: issue.path.join('.'), message: issue.message });
  }
  const g = global.success ? global.data : { DRAGOMAN_MT_ATTEMPTS: 5, DRAGOMAN_MT_RETRY_MS: 2_000, DRAGOMAN_MT_ROBOTS: undefined };
  const used = new Set(Object.values(routes));
  const providers: MachineConfig['providers'] = {};
  for (const name of providerNames) {
    const prefix = `DRAGOMAN_MT_${name.toUpperCase()}_`;
    const own = Object.fromEntries(
      Object.entries(env)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key.slice(prefix.length), value]),
    );
    if (!used.has(name) && Object.keys(own).length === 0) continue;
    const parsed = providerSchema(name).safeParse(own);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ path: `${prefix}${issue.path.join('.')}`, message: issue.message });
      continue;
    }
    const p = parsed.data;
    if (used.has(name)) {
      for (const field of required[name]) {
        if (!p[field]) issues.push({ path: `${prefix}${field}`, message: `required when DRAGOMAN_MT routes a pair to ${name}` });
      }
    }
    if (p.URL && !/^https?:\/\//.test(p.URL)) issues.push({ path: `${prefix}URL`, message: 'must be an http(s):// URL' });
    providers[name] = {
      name,
      url: (p.URL ?? defaults[name].url)?.replace(/\/+$/, '') ?? null,
      key: p.KEY ?? null,
      region: p.REGION ?? null,
      model: p.MODEL ?? null,
      timeoutMs: p.TIMEOUT_MS,
      concurrency: p.CONCURRENCY,
      dailyChars: p.DAILY_CHARS,
      batchSize: p.BATCH_SIZE,
      batchChars: p.BATCH_CHARS,
      breakerThreshold: p.BREAKER_THRESHOLD,
      breakerResetMs: p.BREAKER_RESET_MS,
      maxRetryAfterMs: p.MAX_RETRY_AFTER_MS,
      modes: p.MODES,
      modesDir: p.MODES_DIR,
    };
  }
  return {
    config: {
      routes,
      providers,
      attempts: g.DRAGOMAN_MT_ATTEMPTS,
      retryMs: g.DRAGOMAN_MT_RETRY_MS,
      robots: g.DRAGOMAN_MT_ROBOTS ?? null,
    },
    issues,
  };
}
