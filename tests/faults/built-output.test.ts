/**
 * Production runs the compiled output with plain node: `npm start` builds when dist/ is missing or older than
 * the sources (scripts/ensure-build.mjs runs `npm run build`), and the API and the workers start from dist/
 * without tsx, find their locales and migrations, and stop cleanly on SIGTERM.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolate, unthrottled, type Isolated } from '../helpers/harness.js';
import { freePort, httpStatus, repoRoot, waitFor } from '../helpers/processes.js';

const run = promisify(execFile);
let isolated: Isolated;
const children: ChildProcess[] = [];

beforeAll(async () => {
  isolated = await isolate();
}, 60_000);
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await isolated?.drop();
});

function start(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  // No --import tsx, no tsx in the environment: what `node dist/...` in the Docker image does.
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('the built output', () => {
  it('is built by `npm start` when missing, not again when fresh, and runs the API and the workers with plain node', async () => {
    // What `npm start` runs first (its prestart hook): with no build stamp it must build everything.
    rmSync(join(repoRoot, 'dist', '.build-stamp'), { force: true });
    const building = await run(process.execPath, ['scripts/ensure-build.mjs'], { cwd: repoRoot, timeout: 180_000 });
    expect(building.stderr).toContain('dragoman: building');
    // Built and unchanged since: the next start goes straight to the service.
    const fresh = await run(process.execPath, ['scripts/ensure-build.mjs'], { cwd: repoRoot, timeout: 60_000 });
    expect(fresh.stderr).not.toContain('dragoman: building');
    for (const file of ['dist/src/api-main.js', 'dist/workers/main.js', 'dist/workers/standalone.js', 'dist/src/migrate-main.js', 'dist/.build-stamp']) {
      expect(existsSync(join(repoRoot, file)), file).toBe(true);
    }
    const port = await freePort();
    const env = {
      DATABASE_URL: isolated.config.databaseUrl,
      REDIS_URL: isolated.config.redisUrl,
      DRAGOMAN_QUEUE_PREFIX: isolated.config.queuePrefix,
      DRAGOMAN_ADMIN_TOKEN: 'built-output-admin-token',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...unthrottled,
    };
    const api = start('dist/src/api-main.js', env);
    const workers = start('dist/workers/main.js', env);
    await waitFor('the built API to be ready', async () => (await httpStatus(`http://127.0.0.1:${port}/readyz`)) === 200, 60_000);
    await waitFor('the built workers to run', () => workers.output().includes('"msg":"workers running"'), 60_000);

    // Locales are found from dist/ too: a problem answer in Arabic.
    const problem = await fetch(`http://127.0.0.1:${port}/api/v1/tasks/mine`, { headers: { 'accept-language': 'ar' } });
    expect(problem.status).toBe(401);
    expect((await problem.json()).title).toMatch(/[\u0600-\u06FF]/);

    // The workbench comes with the build and is served by the compiled API too.
    const workbench = await fetch(`http://127.0.0.1:${port}/app/translate`, { headers: { accept: 'text/html' } });
    expect(workbench.status).toBe(200);
    expect(await workbench.text()).toContain('<div id="root">');

    api.child.kill('SIGTERM');
    workers.child.kill('SIGTERM');
    expect(await api.exit, api.output()).toBe(0);
    expect(await workers.exit, workers.output()).toBe(0);
  }, 240_000);
});
