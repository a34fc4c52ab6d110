import type { ServiceDeps } from '../src/services/deps.js';
import { reconcileQueues } from '../src/services/reconcile.js';
import { every } from './loop.js';

/**
 * Heals the queues from PostgreSQL: at start, whenever Redis comes back without its data (a marker key
 * we set has vanished), and on the `reconcile` maintenance schedule as a safety net (the schedule calls
 * `run`). Each run is idempotent.
 */
export class Reconciler {
  private loops: Array<{ stop(): Promise<void> }> = [];
  private running: Promise<unknown> | null = null;
  private readonly markerKey: string;

  /** @param onRedisLost also run when Redis lost its data (the schedules lived there too). */
  constructor(
    private readonly deps: ServiceDeps,
    private readonly onRedisLost: () => Promise<void> = async () => undefined,
  ) {
    this.markerKey = `${deps.config.queuePrefix}:reconciler:marker`;
  }

  /** Runs once, then watches the marker (each process watches: a check is one EXISTS). */
  async start(checkMs = 2_000): Promise<void> {
    await this.run('start');
    this.loops.push(every('reconciler marker check', checkMs, () => this.checkMarker(), this.deps.logger));
  }

  private async checkMarker(): Promise<void> {
    try {
      if ((await this.deps.redis.exists(this.markerKey)) === 0) {
        await this.onRedisLost();
        await this.run('redis lost its data');
      }
    } catch {
      // Redis is away; the next tick tries again.
    }
  }

  async run(reason: string): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const result = await reconcileQueues(this.deps);
        // Only a reconcile that finished vouches for Redis; a failed one is tried again on the next check.
        await this.deps.redis.set(this.markerKey, String(Date.now()));
        if (result.tasks + result.assemblies + result.deliveries > 0 || reason !== 'timer') {
          this.deps.logger.info({ reason, ...result }, 'queues reconciled');
        }
      } catch (error) {
        this.deps.logger.warn({ err: error, reason }, 'reconcile failed; will retry');
      }
    })();
    await this.running;
    this.running = null;
  }

  /** Stops the timers and waits for a reconcile in flight, so it never outlives the connections. */
  async close(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.running;
  }
}
