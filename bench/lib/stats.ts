/** Small numeric helpers for latency samples and rates; no dependency so the bench adds none. */

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile: with few samples p99 is the max, which is the honest reading. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function ms(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}

export function rate(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
}

export function perSecond(value: number, unit: string): string {
  return `${Math.round(value).toLocaleString('en-US')} ${unit}/s`;
}

/** Runs `loops` async loops concurrently; each gets its index. Used for editors, translators, raw consumers. */
export async function concurrently(loops: number, body: (index: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: loops }, (_, index) => body(index)));
}
