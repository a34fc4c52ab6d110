import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Client } from './http.js';
import { concurrently, rate } from './stats.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Claim+submit cycles per second against bench/lib/floor-server.ts, driven exactly as the real cycle is
 * (same client, same number of translators, same warm-up): what this machine can do at best through
 * HTTP, with and without one durable write per request, while the load generator shares its cores.
 */
export async function httpFloor(databaseUrl: string, loops: number, durationMs: number, warmupMs: number, withDatabase: boolean): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/floor-server.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, FLOOR_PG: withDatabase ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const client = new Client(new URL(`http://127.0.0.1:${Number(chunk.toString().trim())}`));
    const start = performance.now();
    const end = start + durationMs;
    const measureFrom = start + warmupMs;
    let cycles = 0;
    await concurrently(loops, async () => {
      while (performance.now() < end) {
        const claimed = await client.expect([200], 'POST', '/claim', 'token', {});
        await client.expect([200], 'POST', '/submit', 'token', { text: claimed.body.source });
        const now = performance.now();
        if (now >= measureFrom && now <= end) cycles++;
      }
    });
    client.close();
    return rate(cycles, durationMs - warmupMs);
  } finally {
    child.kill('SIGTERM');
  }
}
