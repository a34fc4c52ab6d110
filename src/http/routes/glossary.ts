import { Router, type Request } from 'express';
import { z } from 'zod';
import { languageOf } from '../../domain/article.js';
import { termLimits } from '../../domain/glossary/records.js';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import {
  createTerm,
  deleteTerm,
  findTermsInSource,
  getTerm,
  importGlossary,
  listTerms,
  updateTerm,
  type GlossaryFileFormat,
  type GlossaryPair,
} from '../../services/glossary.js';
import { requireReadablePair, requireRole } from '../middleware/auth.js';
import { localeCode, uuidParam } from '../schemas.js';
import { discardBody } from './memory.js';

export const glossaryImportMaxBytes = 10 * 1024 * 1024;

const pairParams = z
  .object({ source: localeCode, target: localeCode })
  .superRefine((value, ctx) => {
    if (languageOf(value.source) === languageOf(value.target)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'same_as_source' });
    }
  });

export const termSchema = z.object({
  term: z.string().trim().min(1).max(termLimits.term),
  translation: z.string().trim().min(1).max(termLimits.translation),
  notes: z.string().trim().max(termLimits.notes).nullish(),
  caseSensitive: z.boolean().default(false),
  forbidden: z.array(z.string().trim().min(1).max(termLimits.term)).max(termLimits.forbidden).default([]),
});

const listQuery = z.object({
  q: z.string().trim().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const hitsQuery = z.object({ text: z.string().min(1).max(10_000) });

function pairOf(req: Request): GlossaryPair {
  const p = pairParams.parse({ source: req.params.source, target: req.params.target });
  return { sourceLang: p.source, targetLocale: p.target };
}

/** The pair of a read: translators only read the glossaries of pairs they serve (docs/access-model.md). */
function readablePairOf(req: Request): GlossaryPair {
  const pair = pairOf(req);
  requireReadablePair(req.user!, pair.sourceLang, pair.targetLocale);
  return pair;
}

function termIdOf(req: Request): string {
  const id = uuidParam.safeParse(req.params.id);
  if (!id.success) throw new AppError('glossary_term_not_found', { id: String(req.params.id).slice(0, 100) });
  return id.data;
}

function recordOf(body: unknown) {
  if (body === undefined || body === null || typeof body !== 'object') throw new AppError('unsupported_media_type', { accepted: 'application/json' });
  const parsed = termSchema.parse(body);
  return { ...parsed, notes: parsed.notes ?? null };
}

/** Glossary per language pair: terms for editors, read access and lookups for translators, CSV/TBX import. */
export function glossaryRouter(deps: ServiceDeps): Router {
  const router = Router();
  const base = '/glossary/:source/:target';

  router.get(base, requireRole('translator', 'reviewer', 'editor'), async (req, res) => {
    const pair = readablePairOf(req);
    const query = listQuery.parse(req.query);
    const { terms, total } = await listTerms(deps.pool, { ...pair, q: query.q ?? null, limit: query.limit, offset: query.offset });
    res.json({ terms, total, limit: query.limit, offset: query.offset });
  });

  router.post(base, requireRole('editor'), async (req, res) => {
    const pair = pairOf(req);
    if (!req.is('application/json')) throw new AppError('unsupported_media_type', { accepted: 'application/json' });
    const term = await createTerm(deps.pool, pair, recordOf(req.body));
    res.status(201).location(`/api/v1/glossary/${pair.sourceLang}/${pair.targetLocale}/${term.id}`).json(term);
  });

  /** The terms found in a text, inflected forms included: GET .../hits?text=... */
  router.get(`${base}/hits`, requireRole('translator', 'reviewer', 'editor'), async (req, res) => {
    const pair = readablePairOf(req);
    const { text } = hitsQuery.parse(req.query);
    res.json({ hits: await findTermsInSource(deps.pool, { ...pair, source: text }) });
  });

  router.post(`${base}/import`, requireRole('editor'), async (req, res) => {
    const pair = pairOf(req);
    try {
      const file = await readImportFile(req);
      res.json(await importGlossary(deps.pool, pair, file));
    } catch (error) {
      discardBody(req, res, error);
      throw error;
    }
  });

  router.get(`${base}/:id`, requireRole('translator', 'reviewer', 'editor'), async (req, res) => {
    const pair = readablePairOf(req);
    res.json(await getTerm(deps.pool, pair, termIdOf(req)));
  });

  router.put(`${base}/:id`, requireRole('editor'), async (req, res) => {
    const pair = pairOf(req);
    const id = termIdOf(req);
    if (!req.is('application/json')) throw new AppError('unsupported_media_type', { accepted: 'application/json' });
    res.json(await updateTerm(deps.pool, pair, id, recordOf(req.body)));
  });

  router.delete(`${base}/:id`, requireRole('editor'), async (req, res) => {
    const pair = pairOf(req);
    await deleteTerm(deps.pool, pair, termIdOf(req));
    res.status(204).end();
  });

  return router;
}

/** CSV as text/csv (or text/plain, already read by the app's text parser); TBX as XML. */
async function readImportFile(req: Request): Promise<{ format: GlossaryFileFormat; text: string }> {
  if (req.is('text/plain') && typeof req.body === 'string') return { format: 'csv', text: req.body };
  const file = await readStreamedImport(req);
  const at = file.text.indexOf('\u0000');
  if (at >= 0) {
    const line = file.text.slice(0, at).split('\n').length;
    throw new AppError('validation_failed', {}, [{ path: `(body) line ${line}`, message: 'contains a NUL character' }]);
  }
  return file;
}

async function readStreamedImport(req: Request): Promise<{ format: GlossaryFileFormat; text: string }> {
  const format: GlossaryFileFormat | null = req.is('text/csv')
    ? 'csv'
    : req.is(['application/x-tbx+xml', 'application/tbx+xml', 'application/xml', 'text/xml'])
      ? 'tbx'
      : null;
  if (!format) throw new AppError('unsupported_media_type', { accepted: 'text/csv, application/x-tbx+xml' });
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > glossaryImportMaxBytes) throw new AppError('payload_too_large', { limit: glossaryImportMaxBytes });
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    bytes += (chunk as Buffer).length;
    if (bytes > glossaryImportMaxBytes) throw new AppError('payload_too_large', { limit: glossaryImportMaxBytes });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return { format, text };
}
