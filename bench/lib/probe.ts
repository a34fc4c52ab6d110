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

/** CPU milliseconds per unit of work, by group, between two snapshots. */
export function cpuMsPer(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after.ticks).map((name) => [name, ((after.ticks[name]! - (before.ticks[name] ?? 0)) * 1000) / ticksPerSecond / Math.max(1, units)]),
  );
}

/** The sum of some groups' figures (all of them when `names` is left out). */
export function sumOf(perGroup: Record<string, number>, names: readonly string[] = Object.keys(perGroup)): number {
  return names.reduce((sum, name) => sum + (perGroup[name] ?? 0), 0);
}

/** Runs a phase with a CpuTracker over `groups` around it: the phase's result and the tracker's snapshots. */
export async function withCpu<T>(groups: Groups, phase: () => Promise<T>): Promise<{ result: T; cpu: [CpuSnapshot, CpuSnapshot] }> {
  const tracker = new CpuTracker(groups);
  tracker.start();
  try {
    const result = await phase();
    return { result, cpu: tracker.stop() };
  } catch (error) {
    tracker.stop();
    throw error;
  }
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

/**
 * cpuSnapshot polled over a phase, for phases long enough that processes come and go (PostgreSQL backends
 * end when a pool lets an idle connection go, and their ticks would vanish from a plain after-minus-before):
 * each process counts from its first reading (zero when it started after `start`) to its last.
 */
export class CpuTracker {
  private readonly first = new Map<string, Map<number, number>>();
  private readonly last = new Map<string, Map<number, number>>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;

  constructor(private readonly groups: Groups, private readonly everyMs = 500) {}

  private poll(initial: boolean): void {
    for (const [name, spec] of Object.entries(this.groups)) {
      const pids = typeof spec === 'function' ? pidsMatching(spec) : spec;
      const first = this.first.get(name) ?? new Map<number, number>();
      const last = this.last.get(name) ?? new Map<number, number>();
      for (const pid of pids) {
        const ticks = pidTicks(pid);
        if (ticks === 0 && !last.has(pid)) continue;
        if (!first.has(pid)) first.set(pid, initial ? ticks : 0);
        last.set(pid, Math.max(ticks, last.get(pid) ?? 0));
      }
      this.first.set(name, first);
      this.last.set(name, last);
    }
  }

  start(): void {
    this.startedAt = performance.now();
    this.poll(true);
    this.timer = setInterval(() => this.poll(false), this.everyMs);
  }

  /** A pair of snapshots for cpuShare: zero at the start, each group's ticks used since at the end. */
  stop(): [CpuSnapshot, CpuSnapshot] {
    if (this.timer) clearInterval(this.timer);
    this.poll(false);
    const used: Record<string, number> = {};
    for (const name of Object.keys(this.groups)) {
      const first = this.first.get(name)!;
      used[name] = [...this.last.get(name)!.entries()].reduce((sum, [pid, ticks]) => sum + ticks - (first.get(pid) ?? 0), 0);
    }
    return [{ at: this.startedAt, ticks: Object.fromEntries(Object.keys(used).map((name) => [name, 0])) }, { at: performance.now(), ticks: used }];
  }
}
