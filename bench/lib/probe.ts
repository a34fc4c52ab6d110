import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';

/**
 * Where the CPU went during a phase. On a 2-core box the load generator, the API, PostgreSQL and Redis all
 * compete, so "the API is slow" and "the box is full" look the same from the client; these counters tell
 * them apart. Ticks come from /proc/<pid>/stat (utime+stime).
 */
const ticksPerSecond = 100; // CLK_TCK on Linux x86_64

/** A group is a list of pids, or a test on each process's name (comm) and command line. */
export type Groups = Record<string, number[] | ((comm: string, cmdline: string) => boolean)>;

export interface CpuSnapshot {
  at: number;
  ticks: Record<string, number>;
}

function pidTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised comm: state is field 3, utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function pidsMatching(test: (comm: string, cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (test(comm, cmdline)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export function cpuSnapshot(groups: Groups): CpuSnapshot {
  const ticks: Record<string, number> = {};
  for (const [name, spec] of Object.entries(groups)) {
    const pids = typeof spec === 'function' ? pidsMatching(spec) : spec;
    ticks[name] = pids.reduce((sum, pid) => sum + pidTicks(pid), 0);
  }
  return { at: performance.now(), ticks };
}

/**
 * Percent of one core per group between two snapshots, and CPU milliseconds per unit of work. The latter
 * survives a busy box (other tests, another bench) far better than a rate does: read it when comparing runs.
 */
export function cpuShare(before: CpuSnapshot, after: CpuSnapshot, units: number): string {
  const seconds = (after.at - before.at) / 1000;
  return Object.keys(after.ticks)
    .map((name) => {
      const used = (after.ticks[name]! - (before.ticks[name] ?? 0)) / ticksPerSecond;
      return `${name} ${Math.round((used / seconds) * 100)}% (${((used * 1000) / Math.max(1, units)).toFixed(2)} ms)`;
    })
    .join(', ');
}

/** Redis commands processed so far, by command name (INFO commandstats), to count round trips per cycle. */
export async function redisCommands(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1]!, Number(match[2]));
  return calls;
}

/** Commands per unit of work between two readings, the busiest first: "evalsha 2.0, hgetall 1.0". */
export function commandsPer(before: Map<string, number>, after: Map<string, number>, units: number): string {
  const rows = [...after.entries()]
    .map(([name, calls]) => ({ name, per: (calls - (before.get(name) ?? 0)) / Math.max(1, units) }))
    .filter((row) => row.per >= 0.05)
    .sort((a, b) => b.per - a.per);
  const total = rows.reduce((sum, row) => sum + row.per, 0);
  return `${total.toFixed(1)} (${rows.slice(0, 5).map((row) => `${row.name} ${row.per.toFixed(1)}`).join(', ')})`;
}

/**
 * PostgreSQL work for one database: its backends plus the shared background processes (WAL writer,
 * checkpointer), but not the backends of other databases, since tests may share the server with the bench.
 */
export function postgresOf(database: string): (comm: string, cmdline: string) => boolean {
  return (comm, cmdline) => comm === 'postgres' && (cmdline.includes(` ${database} `) || !/\(\d+\)|\[local\]/.test(cmdline));
}
