/**
 * Builds the workbench when its output is missing or older than its sources: `npm start` and the browser
 * tests call this, so nobody has to remember a build step. A content hash of the inputs (the web sources,
 * the web strings and the server modules the client imports) is kept beside the output; a lock file keeps
 * two processes (parallel test files) from building at once.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(repo, 'web');
const distDir = join(repo, 'dist', 'web');
const stampFile = join(distDir, '.inputs-hash');
// Outside the tree (the build empties dist/), one per checkout.
const lockFile = join(tmpdir(), `dragoman-web-build-${createHash('sha256').update(repo).digest('hex').slice(0, 12)}.lock`);

function files(dir: string, skip: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (skip(path)) return [];
    return entry.isDirectory() ? files(path, skip) : [path];
  });
}

export function inputsHash(): string {
  const skipWeb = (path: string) => path.endsWith('node_modules');
  const locales = readdirSync(join(repo, 'locales')).map((lng) => join(repo, 'locales', lng, 'web.json')).filter(existsSync);
  const inputs = [...files(webDir, skipWeb), ...files(join(repo, 'src'), () => false), ...locales, join(repo, 'package-lock.json')].sort();
  const hash = createHash('sha256');
  for (const path of inputs) hash.update(relative(repo, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

function isFresh(hash: string): boolean {
  return existsSync(join(distDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;
}

async function buildNow(hash: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  mkdirSync(distDir, { recursive: true });
  precompress(join(distDir, 'assets'));
  writeFileSync(stampFile, hash);
}

/** A gzip twin of each script and stylesheet, made once here so the server never compresses per request. */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css|json)$/.test(name)) continue;
    writeFileSync(join(dir, `${name}.gz`), gzipSync(readFileSync(join(dir, name)), { level: 9 }));
  }
}

const staleLockMs = 5 * 60_000;

/** Builds unless the output matches the sources; returns whether it built. */
export async function ensureWebBuilt(options: { force?: boolean } = {}): Promise<boolean> {
  for (;;) {
    const hash = inputsHash();
    if (!options.force && isFresh(hash)) return false;
    let lock: number | null = null;
    try {
      lock = openSync(lockFile, 'wx');
    } catch {
      // Someone else is building: wait for them, unless their lock was left behind by a crash.
      if (existsSync(lockFile) && Date.now() - statSync(lockFile).mtimeMs > staleLockMs) rmSync(lockFile, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      const current = inputsHash();
      if (options.force || !isFresh(current)) await buildNow(current);
      return true;
    } finally {
      closeSync(lock);
      rmSync(lockFile, { force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  const built = await ensureWebBuilt({ force });
  process.stdout.write(built ? 'web: built dist/web\n' : 'web: dist/web is up to date\n');
}
