import { Router, type Request } from 'express';
import { parseDateline } from '../../domain/import/dateline.js';
import { AppError } from '../../errors.js';
import { getArticleView } from '../../services/article-view.js';
import { listTasksForEditor } from '../../services/article-tasks.js';
import type { ServiceDeps } from '../../services/deps.js';
import { reviseArticle } from '../../services/revise-article.js';
import { submitArticle } from '../../services/submit-article.js';
import { requireRole } from '../middleware/auth.js';
import { articleSchema, uuidParam } from '../schemas.js';
import { draftFromPastedPage, type ReadDraft } from './pasted-article.js';

export function articlesRouter(deps: ServiceDeps): Router {
  const router = Router();
  const editor = requireRole('editor');

  router.post('/articles', editor, async (req, res) => {
    const input = readDraft(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const { article, replayed } = await submitArticle(deps, req.user!, { ...input, idempotencyKey });
    res.status(replayed ? 200 : 201).location(`/api/v1/articles/${article.id}`);
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.json(article);
  });

  router.put('/articles/:id', editor, async (req, res) => {
    const id = articleId(req);
    const { article, revised } = await reviseArticle(deps, req.user!, id, readDraft(req));
    res.set('Revision-Created', String(revised)).json(article);
  });

  router.get('/articles/:id', editor, async (req, res) => {
    const id = articleId(req);
    const article = await getArticleView(deps, id);
    if (!article) throw new AppError('article_not_found', { id });
    res.json(article);
  });

  router.get('/articles/:id/tasks', editor, async (req, res) => {
    res.json(await listTasksForEditor(deps, articleId(req)));
  });

  return router;
}

/** Two different keys must never count as one: a key too long to store whole is refused, not cut. */
const maxIdempotencyKeyLength = 200;
function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined || key === '') return null;
  if (key.length > maxIdempotencyKeyLength) {
    throw new AppError('idempotency_key_too_long', { length: key.length, max: maxIdempotencyKeyLength });
  }
  return key;
}

function articleId(req: Request): string {
  const parsed = uuidParam.safeParse(req.params.id);
  if (!parsed.success) throw new AppError('article_not_found', { id: String(req.params.id) });
  return parsed.data;
}

function readDraft(req: Request): ReadDraft {
  const mediaType = req.is(['application/json', 'text/plain', 'text/html']) || '';
  const body = typeof req.body === 'string' ? req.body : '';
  if (mediaType === 'text/plain') return draftFromPastedPage('text', body, req.query);
  if (mediaType === 'text/html') return draftFromPastedPage('html', body, req.query);
  if (mediaType !== 'application/json') throw new AppError('unsupported_media_type');
  const parsed = articleSchema.parse(req.body ?? {});
  const dateline = parsed.dateline ?? null;
  return {
    draft: {
      sourceLang: parsed.sourceLang,
      targetLocales: parsed.targetLocales,
      priority: parsed.priority,
      deadline: parsed.deadline ?? null,
      headline: parsed.headline,
      dateline,
      blocks: parsed.blocks,
    },
    datelineDate: dateline ? parseDateline(dateline, parsed.sourceLang) : null,
    markup: {},
    review: parsed.review,
  };
}
