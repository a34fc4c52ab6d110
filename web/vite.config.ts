import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// Beside the compiled server (npm run build puts it in dist/), so the production image carries it along.
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/**
 * The workbench is served by the API under /app (src/http/web-app.ts). Assets get content hashes (cached for a year by the
 * server); the manifest lets the bench find what the translator screen loads.
 */
export default defineConfig({
  root,
  base: '/app/',
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
