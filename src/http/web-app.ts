import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/**
 * Where `npm run build:web` puts the workbench: dist/web/, seen from src/http/ when run from the sources and
 * from dist/src/http/ when run compiled.
 */
export const webDistDir = [new URL('../../dist/web/', import.meta.url), new URL('../../web/', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(`${dir}.vite/manifest.json`)) ?? fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * The newsroom workbench under /app: hashed assets cached for a year (a new build has new names), the
 * HTML never cached, and every other /app path answered with the app's page so its own router can show
 * the screen (a reload of /app/articles/123 works).
 */
export function webAppRouter(distDir = webDistDir): Router {
  const router = Router();
  const indexFile = `${distDir}index.html`;
  router.use('/assets', (req, res, next) => {
    // The build writes a gzip twin of every script and stylesheet: send it to clients that take gzip.
    const name = req.path.slice(1);
    if (!/^[\w.-]+\.(js|css|json)$/.test(name) || !req.acceptsEncodings('gzip') || !existsSync(`${distDir}assets/${name}.gz`)) return next();
    res.vary('Accept-Encoding');
    res.set('Content-Encoding', 'gzip');
    res.type(extname(name));
    res.sendFile(`${distDir}assets/${name}.gz`, { maxAge: '365d', immutable: true });
  });
  router.use('/assets', express.static(`${distDir}assets`, { immutable: true, maxAge: '365d', index: false }));
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get('/{*path}', (req, res, next) => {
    // A missing asset, a page that is not built, or a client that wants no page: the API's 404 problem.
    if (req.path.startsWith('/assets/') || !existsSync(indexFile) || !req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
