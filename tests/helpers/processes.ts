/**
 * Private child processes for fault tests: a PostgreSQL and a Redis of their own (so they can be killed and
 * restarted without touching the shared instances other test files use), and the Dragoman API and workers
 * as real OS processes that can be SIGKILLed. Every child's output is kept in a bounded buffer to print when
 * a test fails, and every child is killed when the test process exits, even on a crash.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something truthy; errors thrown by `check` count as "not yet". */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > until) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(everyMs);
  }
}

/** A port nobody listens on right now (the OS picks it, so parallel test files do not collide). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Every child and temporary directory of this test process, killed and removed on exit whatever happens.
const living = new Map<ChildProcess, boolean>();
const scratch = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [c, group] of living) {
      try {
        if (c.pid) process.kill(group ? -c.pid : c.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
}
function track(child: ChildProcess, group: boolean): void {
  installExitHook();
  living.set(child, group);
  child.once('exit', () => living.delete(child));
}
function scratchDir(prefix: string): string {
  installExitHook();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.add(dir);
  return dir;
}
function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  scratch.delete(dir);
}

/** The tail of a child's stdout and stderr, with markers for starts, signals and exits. */
export class OutputLog {
  private chunks: string[] = [];
  private size = 0;

  constructor(
    readonly name: string,
    private readonly limit = 256 * 1024,
  ) {}

  note(message: string): void {
    this.add(`--- [${this.name} ${new Date().toISOString()}] ${message}\n`);
  }

  add(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    return this.chunks.join('');
  }

  contains(needle: string | RegExp): boolean {
    const all = this.text();
    return typeof needle === 'string' ? all.includes(needle) : needle.test(all);
  }
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnLogged(
  log: OutputLog,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number; group?: boolean; onData?: (data: string) => void },
): Spawned {
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    detached: options.group ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  log.note(`started pid ${child.pid}: ${command} ${args.join(' ')}`);
  const onData = (data: string) => {
    log.add(data);
    options.onData?.(data);
  };
  child.stdout!.setEncoding('utf8').on('data', onData);
  child.stderr!.setEncoding('utf8').on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      log.note(`pid ${child.pid} exited (code ${code}, signal ${signal})`);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      log.note(`pid ${child.pid} failed to start: ${error.message}`);
      resolve({ code: -1, signal: null });
    });
  });
  track(child, options.group ?? false);
  return { child, exited };
}

async function untilExit(spawned: Spawned, ms: number): Promise<boolean> {
  if (spawned.child.exitCode !== null || spawned.child.signalCode !== null) return true;
  return Promise.race([spawned.exited.then(() => true), sleep(ms).then(() => false)]);
}

interface HaltStep {
  signal: NodeJS.Signals;
  /** How long to wait for the exit before the next step (the last step waits as long as it takes). */
  waitMs?: number;
  /** What the log says; the signal's name by default. */
  note?: string;
}

function signal(spawned: Spawned, name: NodeJS.Signals, group: boolean): void {
  if (group) {
    try {
      process.kill(-spawned.child.pid!, name);
      return;
    } catch {
      // The group is gone already: the process itself gets it.
    }
  }
  spawned.child.kill(name);
}

/**
 * Ends a spawned process: each signal in turn, the next one only if the process outlived the wait. With
 * `group`, signals go to its whole process group (everything it started), falling back to the process.
 */
async function halt(spawned: Spawned, log: OutputLog, steps: HaltStep[], group = false): Promise<void> {
  for (const [i, step] of steps.entries()) {
    log.note(step.note ?? step.signal);
    signal(spawned, step.signal, group);
    if (i === steps.length - 1 || (await untilExit(spawned, step.waitMs ?? 0))) break;
  }
  await spawned.exited;
}

// ---------------------------------------------------------------------------------------------- Redis

export interface RedisOptions {
  /** Keep data across restarts (AOF in a temporary directory); default: nothing survives a restart. */
  persistent?: boolean;
}

/** A redis-server of our own. `restart()` after `kill()` comes back empty unless `persistent`. */
export class PrivateRedis {
  readonly log = new OutputLog('redis');
  port = 0;
  private proc: Spawned | null = null;
  private dir: string | null = null;

  constructor(private readonly options: RedisOptions = {}) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.proc) throw new Error('redis already running');
    const fresh = this.port === 0;
    for (let attempt = 0; ; attempt++) {
      if (fresh) this.port = await freePort();
      const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--protected-mode', 'no'];
      if (this.options.persistent) {
        this.dir ??= scratchDir('dragoman-redis-');
        args.push('--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir);
      } else {
        args.push('--appendonly', 'no');
      }
      this.proc = spawnLogged(this.log, 'redis-server', args, {});
      try {
        await waitFor(`redis on ${this.port}`, async () => {
          if (this.proc!.child.exitCode !== null) throw new Error('redis-server exited');
          return this.ping();
        }, 10_000, 50);
        return;
      } catch (error) {
        await this.kill();
        // Someone took the port between our probe and redis' bind: try another (first start only).
        if (!fresh || attempt >= 3) throw new Error(`${(error as Error).message}\n${this.log.text()}`);
      }
    }
  }

  private async ping(): Promise<boolean> {
    try {
      const { stdout } = await run('redis-cli', ['-p', String(this.port), 'ping'], { timeout: 2_000 });
      return stdout.trim() === 'PONG';
    } catch {
      return false;
    }
  }

  /** SIGKILL: without persistence, every key is gone. */
  async kill(): Promise<void> {
    if (this.proc) await halt(this.proc, this.log, [{ signal: 'SIGKILL' }]);
    this.proc = null;
  }

  /** SIGTERM: redis writes its append-only file (when persistent) and exits. */
  async stop(): Promise<void> {
    if (this.proc) await halt(this.proc, this.log, [{ signal: 'SIGTERM', waitMs: 10_000 }, { signal: 'SIGKILL' }]);
    this.proc = null;
  }

  async restart(options: { downMs?: number; hard?: boolean } = {}): Promise<void> {
    if (options.hard ?? true) await this.kill();
    else await this.stop();
    await sleep(options.downMs ?? 1_000);
    await this.start();
  }

  async dbsize(): Promise<number> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), 'dbsize'], { timeout: 2_000 });
    return Number(stdout.trim());
  }

  async cleanup(): Promise<void> {
    await this.kill().catch(() => undefined);
    if (this.dir) removeScratch(this.dir);
    this.dir = null;
  }
}

// ----------------------------------------------------------------------------------------- PostgreSQL

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${root}/*/bin`);
  return join(root, versions[0]!, 'bin');
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A PostgreSQL cluster of our own in a temporary directory, run as the postgres OS user (we are root).
 * `restart()` is a fast shutdown (SIGINT to the postmaster: sessions are terminated, committed data kept)
 * followed by a start on the same directory and port.
 */
export class PrivatePostgres {
  readonly log = new OutputLog('postgres');
  port = 0;
  private proc: Spawned | null = null;
  private root: string | null = null;
  private ids: { uid: number; gid: number } | null = null;
  private readonly bin = postgresBinDir();

  get dataDir(): string {
    return join(this.root!, 'data');
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    this.ids = await userIds('postgres');
    this.root = scratchDir('dragoman-pg-');
    chownSync(this.root, this.ids.uid, this.ids.gid);
    const { stdout, stderr } = await run(
      'runuser',
      ['-u', 'postgres', '--', join(this.bin, 'initdb'), '-D', this.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
      { cwd: this.root, timeout: 60_000 },
    );
    this.log.add(stdout + stderr);
  }

  async start(): Promise<void> {
    if (this.proc) throw new Error('postgres already running');
    if (!this.root) await this.init();
    const fresh = this.port === 0;
    for (let attempt = 0; ; attempt++) {
      if (fresh) this.port = await freePort();
      this.proc = spawnLogged(
        this.log,
        join(this.bin, 'postgres'),
        [
          '-D', this.dataDir,
          '-p', String(this.port),
          '-k', this.dataDir,
          '-c', 'listen_addresses=127.0.0.1',
          '-c', 'fsync=off',
          '-c', 'synchronous_commit=off',
          '-c', 'full_page_writes=off',
          '-c', 'max_connections=200',
          '-c', 'shared_buffers=32MB',
        ],
        { uid: this.ids!.uid, gid: this.ids!.gid, cwd: this.root!, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } },
      );
      try {
        await waitFor(`postgres on ${this.port}`, async () => {
          if (this.proc!.child.exitCode !== null) throw new Error('postgres exited');
          return this.isReady();
        }, 30_000, 100);
        return;
      } catch (error) {
        await this.kill();
        if (!fresh || attempt >= 3) throw new Error(`${(error as Error).message}\n${this.log.text()}`);
      }
    }
  }

  async isReady(): Promise<boolean> {
    try {
      await run(join(this.bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-t', '2'], { timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  }

  /** Fast shutdown: every session is terminated at once, committed data stays. */
  async stop(): Promise<void> {
    if (this.proc) {
      await halt(this.proc, this.log, [
        { signal: 'SIGINT', waitMs: 30_000, note: 'SIGINT (fast shutdown)' },
        { signal: 'SIGQUIT', waitMs: 10_000, note: 'fast shutdown took too long: SIGQUIT' },
        { signal: 'SIGKILL' },
      ]);
    }
    this.proc = null;
  }

  /** Only for cleaning up after a failed start: the backends notice their postmaster is gone and exit. */
  async kill(): Promise<void> {
    if (this.proc) await halt(this.proc, this.log, [{ signal: 'SIGKILL' }]);
    this.proc = null;
  }

  async restart(options: { downMs?: number } = {}): Promise<void> {
    await this.stop();
    await sleep(options.downMs ?? 1_000);
    await this.start();
  }

  async cleanup(): Promise<void> {
    await this.stop().catch(() => undefined);
    if (this.root) removeScratch(this.root);
    this.root = null;
  }
}

// ----------------------------------------------------------------------------------- Dragoman processes

export type DragomanKind = 'api' | 'workers';

const entryPoints: Record<DragomanKind, string> = {
  api: 'src/api-main.ts',
  workers: 'workers/main.ts',
};

/**
 * The API (`src/api-main.ts`) or the workers (`workers/main.ts`) as an OS process: node with tsx's loader,
 * the same code `npm run start:api` / `start:workers` run, in a process group of its own so SIGKILL
 * reaches everything it started.
 */
export class DragomanProcess {
  readonly log: OutputLog;
  private proc: Spawned | null = null;
  /** Output of the current run only (since the last start), to wait for a line it prints. */
  private current = '';
  starts = 0;

  constructor(
    readonly kind: DragomanKind,
    private readonly env: Record<string, string>,
  ) {
    this.log = new OutputLog(kind);
  }

  get running(): boolean {
    return this.proc !== null && this.proc.child.exitCode === null && this.proc.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.proc?.child.pid;
  }

  /** Whether the current run printed this (a pino `msg`, for instance). */
  printed(needle: string): boolean {
    return this.current.includes(needle);
  }

  /**
   * Starts the process; resolves once `ready` says so (and fails early, with the output, if it dies).
   * `ready` gets this process, e.g. `(p) => p.printed('workers running')`.
   */
  async start(ready: (self: DragomanProcess) => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error(`${this.kind} already running`);
    this.current = '';
    this.starts += 1;
    this.proc = spawnLogged(this.log, process.execPath, ['--import', 'tsx', entryPoints[this.kind]], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NODE_ENV: 'test', ...this.env },
      group: true,
      onData: (data) => {
        if (this.current.length < 4_000_000) this.current += data;
      },
    });
    const proc = this.proc;
    try {
      await waitFor(`${this.kind} to be ready`, async () => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`${this.kind} exited during start`);
        return ready(this);
      }, timeoutMs, 100);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- ${this.kind} output:\n${this.current.slice(-20_000)}`);
    }
  }

  /** SIGKILL to the whole process group: no shutdown hook runs, in-flight work is cut off. */
  async kill(): Promise<void> {
    if (this.proc) await halt(this.proc, this.log, [{ signal: 'SIGKILL' }], true);
    this.proc = null;
  }

  /** SIGTERM (graceful), then SIGKILL if it lingers past `waitMs` (longer for a process told to drain first). */
  async stop(waitMs = 15_000): Promise<void> {
    if (this.proc) await halt(this.proc, this.log, [{ signal: 'SIGTERM', waitMs }, { signal: 'SIGKILL' }], true);
    this.proc = null;
  }
}

export async function httpStatus(url: string, timeoutMs = 3_000): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}
