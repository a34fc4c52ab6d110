import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/storage/coalesce.js';

/** A batch runner whose batches finish only when the test says so. */
function gatedRunner() {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const run = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((open) => gates.push(open));
    return items.map((n) => n * 10);
  };
  return { batches, gates, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Coalescer', () => {
  it('runs a lone call at once, and groups the calls that arrive while a batch is in flight', async () => {
    const { batches, gates, run } = gatedRunner();
    const coalescer = new Coalescer(run);
    const first = coalescer.submit(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => coalescer.submit(n));
    await tick();
    expect(batches).toEqual([[1]]); // still waiting for the first batch
    gates[0]!();
    expect(await first).toBe(10);
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates[1]!();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const { batches, gates, run } = gatedRunner();
    const coalescer = new Coalescer(run, 2);
    const all = [1, 2, 3, 4, 5].map((n) => coalescer.submit(n));
    for (let i = 0; i < 3; i++) {
      await tick();
      gates[i]!();
    }
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    // The first call runs alone at once; the rest queue behind it in batches of two.
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails a lone call with its own error', async () => {
    const coalescer = new Coalescer<number, number>(async () => {
      throw new Error('database went away');
    });
    await expect(coalescer.submit(1)).rejects.toThrow('database went away');
  });

  it('after a failed batch, runs its items one by one so only the one at fault fails', async () => {
    const batches: number[][] = [];
    const coalescer = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      await tick();
      if (items.includes(3)) throw Object.assign(new Error(`cannot store ${items.join(',')}`), { code: '22P05' });
      return items.map((n) => n * 10);
    });
    const first = coalescer.submit(1);
    const rest = [2, 3, 4].map((n) => coalescer.submit(n).then((v) => `ok ${v}`, (e: Error) => `failed: ${e.message}`));
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual(['ok 20', 'failed: cannot store 3', 'ok 40']);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('fails the whole batch at once when the error is nobody\'s request (a lost connection)', async () => {
    const batches: number[][] = [];
    const coalescer = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      await tick();
      if (items.length > 1) throw Object.assign(new Error('Connection terminated'), { code: '57P01' });
      return items;
    });
    const first = coalescer.submit(1);
    const rest = [2, 3].map((n) => coalescer.submit(n).then(String, (e: Error) => e.message));
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual(['Connection terminated', 'Connection terminated']);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('refuses an answer that does not match the batch, instead of handing out wrong results', async () => {
    const short = new Coalescer<number, number>(async (items) => items.slice(1));
    await expect(short.submit(7)).rejects.toThrow('0 results for 1 items');
  });
});

