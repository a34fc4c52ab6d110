import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { languageOf } from '../../domain/article.js';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { searchMemory } from '../../services/memory/lookup.js';
import { exportTmx, importTmx, tmxImportMaxBytes } from '../../services/memory/tmx.js';
import { requireReadablePair, requireRole } from '../middleware/auth.js';
import { localeCode } from '../schemas.js';

const tmxMediaTypes = ['application/x-tmx+xml', 'application/xml', 'text/xml'];

const pairFields = { source: localeCode, target: localeCode };

function differentLanguages(value: { source: string; target: string }, ctx: z.RefinementCtx) {
  if (languageOf(value.source) === languageOf(value.target)) {
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'same_as_source' });
  }
}

export const memorySearchQuery = z
  .object({
    ...pairFields,
    q: z.string().trim().min(1).max(500),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .superRefine(differentLanguages);

const tmxPath = z
  .object({ source: localeCode, file: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.tmx$/, 'not_a_tmx_file_name') })
  .transform((p, ctx) => {
    const pair = { source: p.source, target: p.file.slice(0, -'.tmx'.length) };
    differentLanguages(pair, ctx);
    return pair;
  });

/** Translation memory: concordance search and TMX export/import per language pair. */
export function memoryRouter(deps: ServiceDeps): Router {
  const router = Router();

  router.get('/tm/search', requireRole('translator', 'reviewer', 'editor'), async (req, res) => {
    const query = memorySearchQuery.parse(req.query);
    requireReadablePair(req.user!, query.source, query.target);
    const { results, total } = await searchMemory(deps.pool, {
      sourceLang: query.source,
      targetLocale: query.target,
      q: query.q,
      limit: query.limit,
      offset: query.offset,
    });
    res.json({ results, total, limit: query.limit, offset: query.offset });
  });

  // path-to-regexp v8 cannot put a literal ".tmx" after a parameter: the file name is checked instead.
  router.get('/tm/:source/:file', requireRole('editor'), async (req, res) => {
    const pair = pairOf(req);
    const pieces = exportTmx(deps.pool, { sourceLang: pair.source, targetLocale: pair.target });
    // The first piece comes after the cursor is open: a failure before it is still a problem+json answer.
    const first = await pieces.next();
    res.status(200);
    res.set('Content-Type', 'application/x-tmx+xml; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="dragoman-${pair.source}-${pair.target}.tmx"`);
    res.set('Cache-Control', 'no-store');
    async function* all() {
      if (!first.done) yield first.value;
      yield* pieces;
    }
    try {
      await pipeline(Readable.from(all()), res);
    } catch (error) {
      // Headers are gone: the client sees a cut-off document (no closing </tmx>), never a silent success.
      deps.logger.warn({ err: error, requestId: req.id }, 'TMX export interrupted');
      await pieces.return(undefined).catch(() => undefined);
    }
  });

  router.post('/tm/:source/:file', requireRole('editor'), async (req, res) => {
    const pair = pairOf(req);
    if (!req.is(tmxMediaTypes)) throw new AppError('unsupported_media_type', { accepted: tmxMediaTypes.join(', ') });
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > tmxImportMaxBytes) {
      res.set('Connection', 'close');
      throw new AppError('payload_too_large', { limit: tmxImportMaxBytes });
    }
    try {
      const result = await importTmx(deps.pool, { sourceLang: pair.source, targetLocale: pair.target }, req.iterator({ destroyOnReturn: false }), {
        maxBytes: tmxImportMaxBytes,
      });
      res.json(result);
    } catch (error) {
      discardBody(req, res, error);
      throw error;
    }
  });

  return router;
}

function pairOf(req: Request): { source: string; target: string } {
  const file = String(req.params.file ?? '');
  if (!file.endsWith('.tmx')) throw new AppError('not_found');
  return tmxPath.parse({ source: req.params.source, file });
}

/**
 * After a failed upload the rest of the body is read and dropped, so the client gets the problem answer
 * instead of a reset connection; an oversized body closes the connection instead of being read on.
 */
export function discardBody(req: Request, res: import('express').Response, error: unknown): void {
  if (req.readableEnded) return;
  if ((error as { code?: string }).code === 'payload_too_large') res.set('Connection', 'close');
  req.resume();
}
