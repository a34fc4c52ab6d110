import { Router } from 'express';
import type { ArticleDraft } from '../../domain/article.js';
import { AppError } from '../../errors.js';
import { getArticleView } from '../../services/article-view.js';
import type { ServiceDeps } from '../../services/deps.js';
import { submitArticle } from '../../services/submit-article.js';
import { requireRole } from '../middleware/auth.js';
import { articleSchema, uuidParam } from '../schemas.js';
import { draftFromPastedText } from './pasted-article.js';

export function articlesRouter(deps: ServiceDeps): Router {
  const router = Router();

  router.post('/articles', requireRole('editor'), async (req, res) => {
    const draft = readDraft(req.is(['application/json', 'text/plain', 'text/html']) || '', req.body, req.query);
    const idempotencyKey = req.get('idempotency-key')?.slice(0, 200) ?? null;
    const { article, replayed } = await submitArticle(deps, req.user!, {
      draft: draft.draft,
      datelineDate: draft.datelineDate,
      idempotencyKey,
    });
    res.status(replayed ? 200 : 201).location(`/api/v1/articles/${article.id}`);
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.json(article);
  });

  router.get('/articles/:id', requireRole('editor'), async (req, res) => {
    const id = uuidParam.safeParse(req.params.id);
    const article = id.success ? await getArticleView(deps, id.data) : null;
    if (!article) throw new AppError('article_not_found', { id: String(req.params.id) });
    res.json(article);
  });

  return router;
}

function readDraft(
  mediaType: string,
  body: unknown,
  query: unknown,
): { draft: ArticleDraft; datelineDate: string | null } {
  if (mediaType === 'text/plain' || mediaType === 'text/html') {
    return draftFromPastedText(mediaType, typeof body === 'string' ? body : '', query);
  }
  if (mediaType !== 'application/json') throw new AppError('unsupported_media_type');
  const parsed = articleSchema.parse(body ?? {});
  return {
    draft: {
      sourceLang: parsed.sourceLang,
      targetLocales: parsed.targetLocales,
      priority: parsed.priority,
      deadline: parsed.deadline ?? null,
      headline: parsed.headline,
      dateline: parsed.dateline ?? null,
      blocks: parsed.blocks,
    },
    datelineDate: null,
  };
}
