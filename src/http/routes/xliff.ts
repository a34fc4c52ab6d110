import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { exportArticleXliff, exportHeldXliff, type ExportOptions, type XliffExport } from '../../services/xliff-export.js';
import { importXliff, xliffImportMaxBytes, type ImportReport, type ImportScope } from '../../services/xliff-import.js';
import { requireRole } from '../middleware/auth.js';
import { memoizedT, presentQa } from '../presenters/qa.js';
import { localeCode, uuidParam } from '../schemas.js';
import { discardBody } from './memory.js';

const xliffMediaTypes = ['application/xliff+xml', 'application/x-xliff+xml', 'application/xml', 'text/xml', 'application/octet-stream'];

const exportQuery = z.object({
  version: z.enum(['2.0', '1.2']).default('2.0'),
  fillTarget: z.enum(['source']).optional(),
  targetLocale: localeCode.optional(),
});

/** XLIFF 2.0 and 1.2 for CAT tools: export an article's locale or one's held tasks; upload translations back. */
export function xliffRouter(deps: ServiceDeps): Router {
  const router = Router();

  router.get('/articles/:id/locales/:locale/xliff', requireRole('editor'), async (req, res) => {
    const { articleId, locale } = articleLocale(req);
    send(res, await exportArticleXliff(deps, articleId, locale, exportOptions(req)));
  });

  router.get('/tasks/mine/xliff', requireRole('translator'), async (req, res) => {
    const options = exportOptions(req);
    const exported = await exportHeldXliff(deps, req.user!, { ...options, targetLocale: exportQuery.parse(req.query).targetLocale });
    res.set('Dragoman-Lease-Expires', exported.leaseExpiresAt!);
    send(res, exported);
  });

  router.post('/xliff', requireRole('translator'), async (req, res) => {
    res.json(present(await upload(deps, req, res, { role: 'translator' }), req));
  });

  router.post('/articles/:id/locales/:locale/xliff', requireRole('editor'), async (req, res) => {
    const { articleId, locale } = articleLocale(req);
    res.json(present(await upload(deps, req, res, { role: 'editor', articleId, locale }), req));
  });

  return router;
}

function exportOptions(req: Request): ExportOptions {
  const query = exportQuery.parse(req.query);
  return { version: query.version, fillTarget: query.fillTarget === 'source', label: labels(req) };
}

/**
 * Note texts in the request's language. A 500-sentence export writes a thousand notes from a handful of
 * messages: each message is looked up once, with markers where its values go, and filled in after.
 */
function labels(req: Request): ExportOptions['label'] {
  const templates = new Map<string, string>();
  const marker = (name: string) => `\u0001${name}\u0001`;
  return (key, params = {}) => {
    let template = templates.get(key);
    if (template === undefined) {
      template = req.t(`xliff:${key}`, Object.fromEntries(Object.keys(params).map((name) => [name, marker(name)])));
      templates.set(key, template);
    }
    return template.replace(/\u0001(\w+)\u0001/g, (_m, name: string) => params[name] ?? '');
  };
}

function articleLocale(req: Request): { articleId: string; locale: string } {
  const id = uuidParam.safeParse(req.params.id);
  if (!id.success) throw new AppError('article_not_found', { id: String(req.params.id) });
  const locale = localeCode.safeParse(req.params.locale);
  if (!locale.success) throw new AppError('locale_not_targeted', { locale: String(req.params.locale).slice(0, 40) });
  return { articleId: id.data, locale: locale.data };
}

function send(res: Response, exported: XliffExport): void {
  res.set('Content-Type', 'application/xliff+xml; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${exported.filename}"`);
  res.set('Cache-Control', 'no-store');
  res.send(exported.xml);
}

/** The body is read as a stream under a byte limit; nothing of a refused file is stored. */
async function upload(deps: ServiceDeps, req: Request, res: Response, scope: ImportScope): Promise<ImportReport> {
  if (req.get('content-type') !== undefined && !req.is(xliffMediaTypes)) throw new AppError('unsupported_media_type', { accepted: 'application/xliff+xml' });
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > xliffImportMaxBytes) {
    res.set('Connection', 'close');
    throw new AppError('payload_too_large', { limit: xliffImportMaxBytes });
  }
  try {
    return await importXliff(deps, req.user!, scope, req.iterator({ destroyOnReturn: false }), { maxBytes: xliffImportMaxBytes });
  } catch (error) {
    discardBody(req, res, error);
    throw error;
  }
}

function present(report: ImportReport, req: Request) {
  // A handful of outcomes and findings for hundreds of units: each message is looked up once.
  const t = memoizedT(req.t);
  return {
    ...report,
    units: report.units.map(({ qa, ...unit }) => ({
      ...unit,
      message: t(`xliff:outcome.${unit.outcome}`),
      ...(qa ? { qa: presentQa(qa, t) } : {}),
    })),
  };
}
