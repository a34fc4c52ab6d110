import type { Pool } from './pool.js';

interface Waiter<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of statement. The first call runs at once; calls arriving while a batch is in
 * flight wait for it and then go together as the next batch, so an idle service adds no delay and a busy
 * one pays PostgreSQL's per-statement and per-commit cost once per batch instead of once per request.
 * `run` gets the items in arrival order and must answer one result per item, in the same order. A batch is
 * one statement, so one that throws changed nothing; if one request's data may have caused the error, its
 * items are run again one by one, and each caller gets its own answer or error.
 */
export class Coalescer<I, O> {
  private waiting: Array<Waiter<I, O>> = [];
  private running = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 64,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    if (this.running || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.running = true;
    void this.runBatch(batch).finally(() => {
      this.running = false;
      this.drain();
    });
  }

  private async runBatch(batch: Array<Waiter<I, O>>): Promise<void> {
    try {
      const results = await this.runChecked(batch.map((waiter) => waiter.item));
      batch.forEach((waiter, i) => waiter.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || !causedByOneRequest(error)) {
        for (const waiter of batch) waiter.reject(error);
        return;
      }
      // The failed batch changed nothing, and one request may have caused it (a value the statement refuses,
      // a deadlock with a revision): each is tried again alone, one after another, so only the request at
      // fault sees an error. A lost connection or a timeout is nobody's request: retrying would only load
      // a struggling database with one statement per request, so those fail the batch as they are.
      for (const waiter of batch) {
        await this.runChecked([waiter.item]).then(
          (results) => waiter.resolve(results[0]!),
          (alone) => waiter.reject(alone),
        );
      }
    }
  }

  private async runChecked(items: I[]): Promise<O[]> {
    const results = await this.run(items);
    if (results.length !== items.length) throw new Error(`batch answered ${results.length} results for ${items.length} items`);
    return results;
  }
}

/** PostgreSQL errors one request's data can cause: bad data (22), constraints (23), limits (54), deadlock. */
function causedByOneRequest(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (/^(22|23|54)/.test(code) || code === '40P01');
}

const perPool = new WeakMap<Pool, Map<string, Coalescer<unknown, unknown>>>();

/**
 * The coalescer of one statement kind for one pool. Batches only make sense on a pool: statements inside a
 * caller's transaction must run on its client, unbatched.
 */
export function coalescerFor<I, O>(pool: Pool, name: string, run: (pool: Pool, items: I[]) => Promise<O[]>): Coalescer<I, O> {
  let byName = perPool.get(pool);
  if (!byName) {
    byName = new Map();
    perPool.set(pool, byName);
  }
  let coalescer = byName.get(name) as Coalescer<I, O> | undefined;
  if (!coalescer) {
    coalescer = new Coalescer<I, O>((items) => run(pool, items));
    byName.set(name, coalescer as Coalescer<unknown, unknown>);
  }
  return coalescer;
}
