import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { within } from '../../deadline.js';
import { luaScript, runLuaScript } from '../../queues/lua-scripts.js';

/**
 * Counts shared by every API process, in Redis. A store whose scripts could not be loaded (Redis away at
 * start or restarted since) loads them again on the next request instead of failing for ever.
 */
class SharedCounter extends RedisStore {
  /** How long a count may take before the request goes on unlimited. */
  deadlineMs = countDeadlineMs;

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
      return await within(work, this.deadlineMs, () => new CountTooSlow());
    } catch (error) {
      if (!(error instanceof CountTooSlow)) this.reload();
      throw error;
    }
  }
}

/**
 * How long a request waits for a shared count before it goes on unlimited, unless the configuration says
 * otherwise (DRAGOMAN_RATE_LIMIT_DEADLINE_MS, whose default this is).
 */
export const countDeadlineMs = 200;

class CountTooSlow extends Error {}

const counterPrefix = (prefix: string, name: string) => `${prefix}:rate:${name}:`;

function counter(redis: Redis, prefix: string, name: string, deadlineMs: number): SharedCounter {
  const store = new SharedCounter({
    prefix: counterPrefix(prefix, name),
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<never>,
  });
  store.deadlineMs = deadlineMs;
  return store;
}

/**
 * A per-user count shared by every API process, which asks Redis once per `chunk` requests rather than once
 * per request: a process reserves the next `chunk` hits of the user's window in one script (INCRBY, then
 * PTTL, setting the window's expiry on its first hit) and numbers the following requests from its
 * reservation locally. A request numbered above the limit is refused, as with a count per request, so the
 * limit is never exceeded across processes; hits another process reserved and did not use still count, so
 * a user spreading requests over n processes can be refused up to (n-1)*(chunk-1) requests early. The chunk
 * is a twentieth of the limit (one hit for limits under 40, which then behave exactly as a count per
 * request): at the default 300 claims a minute, at worst 14 claims (about 5%) early with two processes, 42
 * with four, 98 with eight (a user spread evenly over many processes meets the limit that much sooner; raise
 * the limit for deployments with many API processes), for one Redis call per 15 claims instead of one per
 * claim. Once a process's reservation has passed the limit it refuses the rest of the window without asking.
 */
export class ReservingCounter implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private readonly chunk: number;
  /**
   * Per user, the hits this process reserved in the current window and has not numbered yet: ranges in
   * ascending order (usually one; a reservation that answered after its requests gave up is kept after the
   * rest, not in their place), the last one kept even when used up (its end says whether the limit is passed).
   */
  private readonly held = new Map<string, { ranges: Array<{ next: number; last: number }>; resetAt: number }>();
  /** The reservation in flight per user, until Redis answers or fails, however late. */
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly limit: number,
    /** How long a request waits for a reservation before it goes on unlimited. */
    private readonly deadlineMs: number = countDeadlineMs,
  ) {
    this.prefix = prefix;
    this.chunk = Math.max(1, Math.floor(limit / reservationsPerWindow));
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    for (;;) {
      const mine = this.held.get(key);
      const now = Date.now();
      if (mine && mine.resetAt > now) {
        const range = mine.ranges.find((r) => r.next <= r.last);
        if (range) return { totalHits: range.next++, resetTime: new Date(mine.resetAt) };
        // Past the limit for the rest of the window whatever the other processes count.
        const top = mine.ranges.at(-1)!.last;
        if (top >= this.limit) return { totalHits: top + 1, resetTime: new Date(mine.resetAt) };
      }
      // Concurrent requests of one user wait for one reservation instead of each making their own. A
      // reservation stays the only one until Redis answers: a request that cannot wait for it (past the
      // deadline) goes on unlimited, as in an outage, without asking Redis for more hits meanwhile.
      const pending = this.reserving.get(key) ?? this.reserve(key);
      await within(pending, this.deadlineMs, () => new CountTooSlow());
    }
  }

  private reserve(key: string): Promise<void> {
    const work = this.run(key).finally(() => this.reserving.delete(key));
    work.catch(() => undefined); // its waiters may all have given up: nobody else is left to see a failure
    this.reserving.set(key, work);
    return work;
  }

  private async run(key: string): Promise<void> {
    const answer = await runLuaScript(this.redis, reserveScript, [this.prefix + key], [this.chunk, this.windowMs]);
    const [last, ttl] = (answer as [number, number]).map(Number) as [number, number];
    const range = { next: last - this.chunk + 1, last };
    const now = Date.now();
    const mine = this.held.get(key);
    // The same window, hits after those held: added after what is left of them (a late answer must not
    // discard hits reserved and not yet used, which the shared count already holds). Otherwise a new window.
    if (mine && mine.resetAt > now && range.next > mine.ranges.at(-1)!.last) {
      mine.ranges = [...mine.ranges.filter((r) => r.next <= r.last), range];
      mine.resetAt = now + ttl;
    } else this.held.set(key, { ranges: [range], resetAt: now + ttl });
    if (this.held.size > maxHeldCounts) this.prune();
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.held) if (entry.resetAt <= now) this.held.delete(key);
  }

  /** A hit given back (express-rate-limit's skip options; unused here) returns to this process's reservation. */
  decrement(key: string): void {
    const held = this.held.get(key);
    const used = held && this.lastUsed(held.ranges);
    if (used) used.next -= 1;
  }

  /** The latest range from which a hit has been numbered, if any. */
  private lastUsed(ranges: ReadonlyArray<{ next: number; last: number }>): { next: number; last: number } | undefined {
    return ranges.slice().reverse().find((r) => r.next > r.last - this.chunk + 1);
  }

  async resetKey(key: string): Promise<void> {
    this.held.delete(key);
    await this.redis.del(this.prefix + key);
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const mine = this.held.get(key);
    if (!mine || mine.resetAt <= Date.now()) return undefined;
    // The last hit numbered: the end of the used ranges, or just before the first unused one.
    const used = this.lastUsed(mine.ranges) ?? mine.ranges[0]!;
    return { totalHits: used.next - 1, resetTime: new Date(mine.resetAt) };
  }
}

const reservationsPerWindow = 20;
/** Users whose reservations one process remembers before it forgets the expired ones. */
const maxHeldCounts = 100_000;

/** KEYS[1] the count; ARGV the hits to reserve and the window. Answers the last hit reserved and the window's time left. */
const reserveScript = luaScript(`local last = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {last, ttl}`);

export interface RateLimits {
  /** Before the claim routes: claims per user and window. */
  claims: RequestHandler;
  /** Before POST /articles: articles per user and window. */
  articles: RequestHandler;
  /** The failed-authentication limit, shared by every way of signing in. */
  auth: AuthLimit;
  /** Stops listening for limited addresses. */
  close(): void;
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

/**
 * The addresses over the failed-authentication limit, as this process knows them. Checking every request
 * against Redis cost a script call per request (3.6 Redis round trips per claim+submit cycle, more than the
 * claim's own hand-over), for a list that is nearly always empty. Instead the process that counts the
 * failure which reaches the limit announces the address on a Redis channel, every API process keeps the
 * list in memory, and a process (re)connecting reads the counts already over the limit. The price: another
 * process learns of a new limit when the announcement reaches it, normally well under a millisecond after
 * the failing request, so a guesser spreading requests over processes may get that long.
 */
class LimitedAddresses {
  private readonly until = new Map<string, number>();
  private readonly listener: Redis;
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {
    this.channel = `${keyPrefix}limited`;
    this.listener = redis.duplicate();
    this.listener.on('error', () => undefined);
    this.listener.on('message', (_channel: string, message: string) => this.heard(message));
    // 'ready' comes again after every reconnect. Listening first, then reading the counts: an address limited
    // in between is heard or read, never neither.
    this.listener.on('ready', () => void this.listen());
  }

  /** When the address's limit ends, if it is limited now. */
  limitedUntil(address: string): number | undefined {
    const until = this.until.get(address);
    if (until === undefined) return undefined;
    if (until > Date.now()) return until;
    this.until.delete(address);
    return undefined;
  }

  /**
   * The address reached the limit here: every process is told. The message carries the time left, not a
   * moment, so processes whose clocks differ still limit it for the same length.
   */
  async announce(address: string, until: number): Promise<void> {
    this.remember(address, until - Date.now());
    await this.redis.publish(this.channel, JSON.stringify({ address, ms: until - Date.now() }));
  }

  close(): void {
    this.listener.disconnect();
  }

  /** Anything on the channel that is not an announcement is ignored: a process must not fall over on it. */
  private heard(message: string): void {
    try {
      const { address, ms } = JSON.parse(message) as { address?: unknown; ms?: unknown };
      if (typeof address === 'string' && address.length <= 100 && typeof ms === 'number' && Number.isFinite(ms)) this.remember(address, ms);
    } catch {
      // Not JSON: not ours.
    }
  }

  private async listen(): Promise<void> {
    try {
      await this.listener.subscribe(this.channel);
    } catch (error) {
      // Without the channel (a Redis ACL without channel access, say) each process knows only its own limits.
      this.logger.warn({ err: error, limit: 'auth-failures', channel: this.channel }, 'cannot hear limited addresses from other API processes');
    }
    await this.load();
  }

  /** No longer than one window from now, whatever a message says. */
  private remember(address: string, ms: number): void {
    if (!(ms > 0)) return;
    if (this.until.size >= maxLimitedAddresses) this.prune();
    this.until.set(address, Date.now() + Math.min(ms, this.windowMs));
  }

  /**
   * Expired entries go when the list is full; if it is still full (a campaign from very many addresses), the
   * oldest go, and those addresses are limited again by their next failure's count.
   */
  private prune(): void {
    const now = Date.now();
    for (const [known, end] of this.until) if (end <= now) this.until.delete(known);
    for (const known of this.until.keys()) {
      if (this.until.size < maxLimitedAddresses * 0.9) break;
      this.until.delete(known);
    }
  }

  /**
   * The counts over the limit in Redis now: announcements this process missed while it was away. Runs at start
   * and after a reconnect only; SCAN walks the whole keyspace in steps, filtering by the counters' prefix.
   */
  private async load(): Promise<void> {
    try {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keyPrefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length === 0) continue;
        const reads = this.redis.pipeline();
        for (const key of keys) reads.get(key).pttl(key);
        const answers = (await reads.exec()) ?? [];
        keys.forEach((key, i) => {
          const hits = Number(answers[2 * i]?.[1] ?? 0);
          const ttl = Number(answers[2 * i + 1]?.[1] ?? -1);
          if (hits >= this.limit) this.remember(key.slice(this.keyPrefix.length), ttl);
        });
      } while (cursor !== '0');
    } catch (error) {
      this.logger.warn({ err: error, limit: 'auth-failures' }, 'could not read the addresses over the limit; announcements still arrive');
    }
  }
}

/** Limited addresses one process keeps (about 10 MB at most). */
const maxLimitedAddresses = 100_000;

const pass: RequestHandler = (_req, _res, next) => next();

/**
 * Limits that no person at work reaches (defaults in src/config.ts, 0 turns one off) but that stop a
 * runaway script or a token guesser. Users are counted by id, failed authentication by client address
 * (`DRAGOMAN_TRUST_PROXY` says which proxies may name it). A Redis outage lets requests through: the
 * limits protect the service, they must not become the reason it is down.
 */
export function rateLimits(config: Config, redis: Redis, logger: Logger): RateLimits {
  const { windowSeconds, authFailures, claims, articles, deadlineMs } = config.rateLimits;
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
          store: new ReservingCounter(redis, counterPrefix(config.queuePrefix, name), limit, deadlineMs),
          handler: (_req, res, next) => next(new AppError('rate_limited', { retryAfter: String(res.getHeader('retry-after') ?? windowSeconds) })),
        });

  const failures = counter(redis, config.queuePrefix, 'auth-failures', deadlineMs);
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
        logger.warn({ limit: 'auth-failures', deadlineMs }, 'rate limit store did not answer in time; requests pass unlimited');
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
  const limited = authFailures === 0 ? undefined : new LimitedAddresses(redis, counterPrefix(config.queuePrefix, 'auth-failures'), authFailures, windowMs, logger);
  return {
    claims: perUser('claims', claims),
    articles: perUser('articles', articles),
    auth: {
      async check(req, res) {
        // Every allowed failure used up: the address waits out the window whatever it sends next.
        const until = limited?.limitedUntil(clientOf(req));
        if (until !== undefined) answer(res, { totalHits: authFailures, resetTime: new Date(until) }, true);
      },
      async failed(req, res) {
        if (!limited) return;
        const address = clientOf(req);
        const hits = await count(() => failures.increment(address));
        if (!hits) return;
        if (hits.totalHits >= authFailures) {
          const until = hits.resetTime?.getTime() ?? Date.now() + windowMs;
          // Sent before this answer leaves; other processes hear it a moment later (normally well under a
          // millisecond on one network), so the client's next request meets the limit wherever it lands.
          try {
            await within(limited.announce(address, until), deadlineMs, () => new CountTooSlow());
          } catch (error) {
            logger.warn({ err: error, limit: 'auth-failures' }, 'could not tell the other API processes of a limited address');
          }
        }
        answer(res, hits, hits.totalHits > authFailures);
      },
    },
    close: () => limited?.close(),
  };
}
