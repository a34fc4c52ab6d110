import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { canonicalTag, defaultLanguages } from './domain/languages.js';
import { parseMachineConfig, type MachineConfig } from './machine-config.js';

/**
 * The only reader of process.env. Parsed once at start; a bad value stops start-up with a message naming
 * the variable, because a service that limps along on a typo'd URL is worse than one that refuses to start.
 */
const portSchema = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: portSchema.default(8080),
  DATABASE_URL: z
    .string()
    .default('postgres://postgres@127.0.0.1:5432/dragoman')
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL'),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// URL'),
  DRAGOMAN_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DRAGOMAN_LEASE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  DRAGOMAN_MAX_HOLD_SECONDS: z.coerce.number().int().min(5).max(7 * 86_400).default(4 * 3600),
  DRAGOMAN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DRAGOMAN_PUBLIC_PAGES: z.enum(['on', 'off']).default('on'),
  DRAGOMAN_SITE_NAME: z.string().trim().min(1).max(100).default('Dragoman'),
  DRAGOMAN_QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('dragoman'),
  DRAGOMAN_STALLED_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  DRAGOMAN_SESSION_IDLE_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(12 * 3600),
  DRAGOMAN_SESSION_MAX_SECONDS: z.coerce.number().int().min(1).max(365 * 86_400).default(14 * 86_400),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Languages articles may be written in or translated into: comma-separated BCP 47 tags or language subtags.
  DRAGOMAN_LANGUAGES: z
    .string()
    .default(defaultLanguages.join(','))
    .transform((value) => value.split(',').map((v) => v.trim()).filter(Boolean))
    .refine((tags) => tags.length > 0 && tags.every((tag) => canonicalTag(tag) !== null), 'must be a comma-separated list of language tags'),
  // Production readiness (issue 15): see docs/operations.md.
  DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: z.enum(['on', 'off']).default('off'),
  DRAGOMAN_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DRAGOMAN_METRICS_PORT: portSchema.optional(),
  DRAGOMAN_TRUST_PROXY: z.string().default('loopback'),
  DRAGOMAN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  DRAGOMAN_RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(0).max(1_000_000_000).default(30),
  DRAGOMAN_RATE_LIMIT_CLAIMS: z.coerce.number().int().min(0).max(1_000_000_000).default(300),
  DRAGOMAN_RATE_LIMIT_ARTICLES: z.coerce.number().int().min(0).max(1_000_000_000).default(120),
  DRAGOMAN_RATE_LIMIT_DEADLINE_MS: z.coerce.number().int().min(1).max(60_000).default(200),
  DRAGOMAN_EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(5),
  DRAGOMAN_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(25),
  DRAGOMAN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(0),
});

export interface Config {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  adminToken: string | undefined;
  leaseSeconds: number;
  maxHoldSeconds: number;
  /** Base of public links when the operator set one; otherwise links follow the address the API listens on. */
  publicUrl: string | undefined;
  /** Finished versions, feeds and the sitemap served without a token at /news, /feeds and /sitemap.xml. */
  publicPages: boolean;
  /** The publication's name, in feeds, page titles and schema.org `publisher`. */
  siteName: string;
  queuePrefix: string;
  stalledCheckMs: number;
  /** Browser sessions end after this long unused, and in any case this long after sign-in. */
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Languages the installation supports (DRAGOMAN_LANGUAGES); a listed language admits its regional tags. */
  languages: string[];
  /** Machine translation: pair routes and provider settings (src/machine-config.ts). */
  machine: MachineConfig;
  webhookAllowPrivate: boolean;
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  trustProxy: string;
  /**
   * Requests per window; 0 switches a limit off. `deadlineMs`: how long a request waits for Redis to count it
   * before it goes on without the limit (a slow or hung Redis must not hold requests).
   */
  rateLimits: { windowSeconds: number; authFailures: number; claims: number; articles: number; deadlineMs: number };
  eventStreamsPerUser: number;
  /** How long a stopping process lets in-flight requests and jobs finish (docker-compose waits longer). */
  shutdownGraceSeconds: number;
  /** How long /readyz says 503 before the listener closes, for load balancers to notice. */
  drainSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings (as docker-compose writes for unset variables) mean "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  const machine = parseMachineConfig(present);
  if (!parsed.success || machine.issues.length > 0) {
    const lines = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
      ...machine.issues.map((issue) => `${issue.path}: ${issue.message}`),
    ];
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    adminToken: e.DRAGOMAN_ADMIN_TOKEN,
    leaseSeconds: e.DRAGOMAN_LEASE_SECONDS,
    maxHoldSeconds: Math.max(e.DRAGOMAN_MAX_HOLD_SECONDS, e.DRAGOMAN_LEASE_SECONDS),
    publicUrl: e.DRAGOMAN_PUBLIC_URL?.replace(/\/+$/, ''),
    publicPages: e.DRAGOMAN_PUBLIC_PAGES === 'on',
    siteName: e.DRAGOMAN_SITE_NAME,
    queuePrefix: e.DRAGOMAN_QUEUE_PREFIX,
    stalledCheckMs: e.DRAGOMAN_STALLED_CHECK_MS,
    sessionIdleSeconds: Math.min(e.DRAGOMAN_SESSION_IDLE_SECONDS, e.DRAGOMAN_SESSION_MAX_SECONDS),
    sessionMaxSeconds: e.DRAGOMAN_SESSION_MAX_SECONDS,
    logLevel: e.LOG_LEVEL,
    languages: e.DRAGOMAN_LANGUAGES,
    machine: machine.config,
    webhookAllowPrivate: e.DRAGOMAN_WEBHOOK_ALLOW_PRIVATE === 'on',
    metricsToken: e.DRAGOMAN_METRICS_TOKEN,
    metricsPort: e.DRAGOMAN_METRICS_PORT,
    trustProxy: e.DRAGOMAN_TRUST_PROXY,
    rateLimits: {
      windowSeconds: e.DRAGOMAN_RATE_LIMIT_WINDOW_SECONDS,
      authFailures: e.DRAGOMAN_RATE_LIMIT_AUTH_FAILURES,
      claims: e.DRAGOMAN_RATE_LIMIT_CLAIMS,
      articles: e.DRAGOMAN_RATE_LIMIT_ARTICLES,
      deadlineMs: e.DRAGOMAN_RATE_LIMIT_DEADLINE_MS,
    },
    eventStreamsPerUser: e.DRAGOMAN_EVENT_STREAMS_PER_USER,
    shutdownGraceSeconds: e.DRAGOMAN_SHUTDOWN_GRACE_SECONDS,
    drainSeconds: e.DRAGOMAN_DRAIN_SECONDS,
  };
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}
