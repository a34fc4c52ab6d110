#!/usr/bin/env node
// Runs `npm run build` when dist/ is missing or older than any source it is built from, so that
// `npm ci && npm start` still does everything while production runs the compiled output with plain node.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
const sources = ['src', 'workers', 'web', 'locales', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const skip = new Set(['node_modules', 'dist', '.git']);

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (!skip.has(entry)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...sources.map((source) => newest(join(root, source))));
if (built < changed) {
  process.stderr.write('dragoman: building (dist/ is missing or older than the sources)\n');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
