/**
 * What stands between the workers and a provider: a concurrency limit (p-limit), a timeout per request, a
 * circuit breaker (opossum) that stops calling a provider that keeps failing, the provider's Retry-After
 * honoured before the next request, and a pause after "quota exhausted". None of this is on a translator's
 * path: claims read stored suggestions and never wait for a provider.
 */
import CircuitBreaker from 'opossum';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ProviderSettings } from '../machine-config.js';
import { ProviderError, type MachineProvider, type TranslateRequest } from './types.js';

/** After "quota exhausted" the provider is left alone this long before one request tries again. */
export const quotaPauseMs = 60 * 60_000;
/** Rate-limit answers without a Retry-After wait this long, doubling each time. */
const defaultRateWaitMs = 1_000;
const maxRateLimitedTries = 4;

export type GuardOutcome =
  | { kind: 'translated'; texts: Array<string | null> }
  | { kind: 'skipped'; reason: 'budget' | 'quota' };

export interface ProviderHealth {
  provider: string;
  circuit: 'closed' | 'open' | 'half-open';
  pausedUntil: string | null;
  pauseReason: 'rate_limited' | 'quota' | null;
}

export interface GuardOptions {
  /** Injected for tests; real time otherwise. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class GuardedProvider {
  private readonly limit: LimitFunction;
  private readonly breaker: CircuitBreaker<[TranslateRequest], Array<string | null>>;
  private pausedUntil = 0;
  private pauseReason: ProviderHealth['pauseReason'] = null;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    readonly provider: MachineProvider,
    readonly settings: ProviderSettings,
    options: GuardOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.limit = pLimit(settings.concurrency);
    this.breaker = new CircuitBreaker((request: TranslateRequest) => provider.translate(request), {
      // Our own AbortSignal times requests out (and ends an Apertium process); opossum only counts.
      timeout: false,
      errorThresholdPercentage: settings.breakerThreshold,
      resetTimeout: settings.breakerResetMs,
      rollingCountTimeout: 60_000,
      volumeThreshold: 3,
      // Slowing down and running out of characters are the provider's rules, not its failures.
      errorFilter: (error: unknown) => error instanceof ProviderError && (error.kind === 'rate_limited' || error.kind === 'quota'),
    });
  }

  get name(): string {
    return this.provider.name;
  }

  /** Requests sending now and requests waiting for a slot of the concurrency limit. */
  get load(): { active: number; queued: number } {
    return { active: this.limit.activeCount, queued: this.limit.pendingCount };
  }

  health(): ProviderHealth {
    const circuit = this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
    const paused = this.pausedUntil > this.now();
    return {
      provider: this.provider.name,
      circuit,
      pausedUntil: paused ? new Date(this.pausedUntil).toISOString() : null,
      pauseReason: paused ? this.pauseReason : null,
    };
  }

  /**
   * Translates one batch. `reserve` is asked right before each request is sent (the character budget) and
   * may refuse. Rate limits are waited out here, up to the provider's maximum; quota and budget give
   * "skipped"; everything else (5xx, timeouts, an open circuit, garbage) is thrown for the caller to retry
   * or give up on.
   */
  async translate(request: Omit<TranslateRequest, 'signal'>, reserve: () => Promise<boolean>): Promise<GuardOutcome> {
    let wait = defaultRateWaitMs;
    for (let tries = 1; ; tries++) {
      const pause = this.pausedUntil - this.now();
      if (pause > 0) {
        if (this.pauseReason === 'quota') return { kind: 'skipped', reason: 'quota' };
        if (pause > this.settings.maxRetryAfterMs) throw new ProviderError('rate_limited', `paused for ${pause} ms`, pause);
        await this.sleep(pause);
      }
      try {
        const texts = await this.limit(async () => {
          // An open circuit sends nothing, so it must not count characters as sent either.
          if (this.breaker.opened) throw new ProviderError('unavailable', `${this.name}: circuit open`);
          if (!(await reserve())) return null;
          return this.breaker.fire({ ...request, signal: AbortSignal.timeout(this.settings.timeoutMs) });
        });
        if (texts === null) return { kind: 'skipped', reason: 'budget' };
        return { kind: 'translated', texts };
      } catch (error) {
        if (!(error instanceof ProviderError)) {
          // opossum's own rejection while the circuit is open.
          if ((error as { code?: string }).code === 'EOPENBREAKER') throw new ProviderError('unavailable', `${this.name}: circuit open`);
          throw error;
        }
        if (error.kind === 'quota') {
          this.pause(quotaPauseMs, 'quota');
          return { kind: 'skipped', reason: 'quota' };
        }
        if (error.kind !== 'rate_limited' || tries >= maxRateLimitedTries) throw error;
        this.pause(error.retryAfterMs ?? wait, 'rate_limited');
        wait *= 2;
      }
    }
  }

  private pause(ms: number, reason: NonNullable<ProviderHealth['pauseReason']>): void {
    const until = this.now() + ms;
    if (until > this.pausedUntil || reason === 'quota') {
      this.pausedUntil = until;
      this.pauseReason = reason;
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
