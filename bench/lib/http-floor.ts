import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Client } from './http.js';
import { withCpu, type CpuSnapshot, type Groups } from './probe.js';
import { concurrently, rate } from './stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface FloorResult {
  /** Cycles (a /claim then a /submit: two requests) per second over the measured window. */
  rate: number;
  /** Cycles completed, warm-up included: what the CPU figures are divided by, as for the real cycle. */
  completed: number;
  /** With `cpuGroups`: CPU over the whole drive, warm-up included, with the floor server as group "floor". */
  cpu: [CpuSnapshot, CpuSnapshot] | null;
}

/**
 * Claim+submit cycles per second against bench/lib/floor-server.ts, driven exactly as the real cycle is
 * (same client, same number of translators, same warm-up): what this machine can do at best through
 * HTTP, with and without one durable write per request, while the load generator shares its cores.
 * With `cpuGroups` (e.g. PostgreSQL and the load generator) the CPU of those processes and of the floor
 * server is tracked over the drive, so a floor request's CPU can be set beside a real cycle's.
 */
export async function httpFloor(
  databaseUrl: string,
  loops: number,
  durationMs: number,
  warmupMs: number,
  withDatabase: boolean,
  cpuGroups?: Groups,
  withServiceMiddleware = false,
): Promise<FloorResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/floor-server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      FLOOR_PG: withDatabase ? '1' : '0',
      FLOOR_STACK: withServiceMiddleware ? '1' : '0',
      // The level the bench gives the API (bench/lib/env.ts), so both write the same lines.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    // The server prints its port; one that dies first (a failed import) must not leave this waiting forever.
    const [chunk] = (await Promise.race([
      once(child.stdout!, 'data'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`the floor server exited before listening (code ${String(code)})`);
      }),
    ])) as [Buffer];
    const client = new Client(new URL(`http://127.0.0.1:${Number(chunk.toString().trim())}`));
    let cycles = 0;
    let completed = 0;
    const drive = async () => {
      const start = performance.now();
      const end = start + durationMs;
      const measureFrom = start + warmupMs;
      await concurrently(loops, async () => {
        while (performance.now() < end) {
          const claimed = await client.expect([200], 'POST', '/claim', 'token', {});
          await client.expect([200], 'POST', '/submit', 'token', { text: claimed.body.source });
          completed++;
          const now = performance.now();
          if (now >= measureFrom && now <= end) cycles++;
        }
      });
    };
    let cpu: [CpuSnapshot, CpuSnapshot] | null = null;
    if (cpuGroups) cpu = (await withCpu({ floor: [child.pid!], ...cpuGroups }, drive)).cpu;
    else await drive();
    client.close();
    return { rate: rate(cycles, durationMs - warmupMs), completed, cpu };
  } finally {
    child.kill('SIGTERM');
  }
}
