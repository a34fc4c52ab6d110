import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { within } from '../../deadline.js';

/**
 * Counts shared by every API process, in Redis. A store whose scripts could not be loaded (Redis away at
 * start or restarted since) loads them again on the next request instead of failing for ever.
 */
class SharedCounter extends RedisStore {
  override async init(options: Options): Promise<void> {
    this.windowMs = options.windowMs;
    this.reload();
  }

  private reload(): void {
    this.incrementScriptSha = this.loadIncrementScript();
    this.getScriptSha = this.loadGetScript();
    // Each caller awaits these itself; nobody may be left holding an unhandled rejection.
    this.incrementScriptSha.catch(() => undefined);
    this.getScriptSha.catch(() => undefined);
  }

  override async increment(key: string) {
    return this.answered(super.increment(key));
  }

  override async get(key: string) {
    return this.answered(super.get(key));
  }

  /**
   * Every limited request asks Redis, and a Redis that accepts connections but never answers would hold
   * each of them for ever: past the deadline the count fails (`CountTooSlow`) and the request goes on
   * without the limit, as in an outage. Any other failure loads the scripts again for the next request.
   */
  private async answered<T>(work: Promise<T>): Promise<T> {
    try {
      return await within(work, countDeadlineMs, () => new CountTooSlow());
    } catch (error) {
      if (!(error instanceof CountTooSlow)) this.reload();
      throw error;
    }
  }
}

/** How long a request waits for a shared count before it goes on unlimited. */
export const countDeadlineMs = 200;

class CountTooSlow extends Error {}

function counter(redis: Redis, prefix: string, name: string): SharedCounter {
  return new SharedCounter({
    prefix: `${prefix}:rate:${name}:`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<never>,
  });
}

export interface RateLimits {
  /** Before the claim routes: claims per user and window. */
  claims: RequestHandler;
  /** Before POST /articles: articles per user and window. */
  articles: RequestHandler;
  /** The failed-authentication limit, shared by every way of signing in. */
  auth: AuthLimit;
}

/**
 * Failed authentication counted per client address. While an address is over the limit every attempt from
 * it is refused with 429, right credentials included: otherwise a guesser learns from a 200 among the 429s
 * that the last guess was right.
 */
export interface AuthLimit {
  /** Before credentials are looked at: 429 while the client's address is limited, else nothing. */
  check(req: Request, res: Response): Promise<void>;
  /** After credentials were refused: counts the failure; 429 once the address failed too often. */
  failed(req: Request, res: Response): Promise<void>;
}

const pass: RequestHandler = (_req, _res, next) => next();

/**
 * Limits that no person at work reaches (defaults in src/config.ts, 0 turns one off) but that stop a
 * runaway script or a token guesser. Users are counted by id, failed authentication by client address
 * (`DRAGOMAN_TRUST_PROXY` says which proxies may name it). A Redis outage lets requests through: the
 * limits protect the service, they must not become the reason it is down.
 */
export function rateLimits(config: Config, redis: Redis, logger: Logger): RateLimits {
  const { windowSeconds, authFailures, claims, articles } = config.rateLimits;
  const windowMs = windowSeconds * 1000;
  const perUser = (name: string, limit: number): RequestHandler =>
    limit === 0
      ? pass
      : rateLimit({
          windowMs,
          limit,
          identifier: name,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          passOnStoreError: true,
          // A Redis outage is logged once per request as a warning of ours, not printed to the console.
          logger: {
            error: (error: unknown, message?: string) => logger.warn({ err: error, limit: name }, message ?? 'rate limit store'),
            warn: (error: unknown, message?: string) => logger.warn({ err: error, limit: name }, message ?? 'rate limit store'),
          },
          keyGenerator: (req) => req.user?.id ?? 'anonymous',
          store: counter(redis, config.queuePrefix, name),
          handler: (_req, res, next) => next(new AppError('rate_limited', { retryAfter: String(res.getHeader('retry-after') ?? windowSeconds) })),
        });

  const failures = counter(redis, config.queuePrefix, 'auth-failures');
  // A slow store is logged once per stretch of slowness (a count that answers in time ends it), not per request.
  let slow = false;
  const count = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      const answer = await read();
      slow = false;
      return answer;
    } catch (error) {
      if (error instanceof CountTooSlow && !slow) {
        slow = true;
        logger.warn({ limit: 'auth-failures', deadlineMs: countDeadlineMs }, 'rate limit store did not answer in time; requests pass unlimited');
      }
      return undefined;
    }
  };
  void failures.init({ windowMs } as Options);
  const clientOf = (req: Request) => req.ip ?? 'unknown';
  /** Headers for the count so far; a 429 when `limited`. */
  const answer = (res: Response, hits: { totalHits: number; resetTime?: Date }, limited: boolean) => {
    const resetSeconds = Math.max(1, Math.ceil(((hits.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
    res.append('RateLimit-Policy', `"auth-failures"; q=${authFailures}; w=${windowSeconds}`);
    res.append('RateLimit', `"auth-failures"; r=${Math.max(0, authFailures - hits.totalHits)}; t=${resetSeconds}`);
    if (limited) {
      res.set('Retry-After', String(resetSeconds));
      throw new AppError('rate_limited', { retryAfter: String(resetSeconds) });
    }
  };
  return {
    claims: perUser('claims', claims),
    articles: perUser('articles', articles),
    auth: {
      async check(req, res) {
        if (authFailures === 0) return;
        const hits = await count(() => failures.get(clientOf(req)));
        // Every allowed failure used up: the address waits out the window whatever it sends next.
        if (hits && hits.totalHits >= authFailures) answer(res, hits, true);
      },
      async failed(req, res) {
        if (authFailures === 0) return;
        const hits = await count(() => failures.increment(clientOf(req)));
        if (!hits) return;
        answer(res, hits, hits.totalHits > authFailures);
      },
    },
  };
}
