import { Router, type Request } from 'express';
import { parseDateline } from '../../domain/import/dateline.js';
import { assertSupportedLanguages } from '../../domain/languages.js';
import { AppError } from '../../errors.js';
import { getArticleView } from '../../services/article-view.js';
import { listArticles } from '../../services/article-list.js';
import { changeArticlePriority } from '../../services/article-priority.js';
import { listTasksForEditor } from '../../services/article-tasks.js';
import { reassignCandidates } from '../../services/candidates.js';
import { previewArticle } from '../../services/preview-article.js';
import { publishSource } from '../../services/publish-source.js';
import type { ServiceDeps } from '../../services/deps.js';
import { reviseArticle } from '../../services/revise-article.js';
import { submitArticle } from '../../services/submit-article.js';
import { withdrawArticle } from '../../services/withdraw-article.js';
import { requireRole } from '../middleware/auth.js';
import { presentQa } from '../presenters/qa.js';
import { articleSchema, uuidParam, withdrawalSchema } from '../schemas.js';
import { articleChangesSchema, articlesQuery, candidatesQuery, dryRunQuery } from '../workbench-schemas.js';
import { draftFromPastedPage, type ReadDraft } from './pasted-article.js';

export function articlesRouter(deps: ServiceDeps): Router {
  const router = Router();
  const editor = requireRole('editor');

  router.get('/articles', editor, async (req, res) => {
    res.json(await listArticles(deps, articlesQuery.parse(req.query)));
  });

  router.post('/articles', editor, async (req, res) => {
    const { dryRun } = dryRunQuery.parse({ dryRun: req.query.dryRun });
    const input = readDraft(req, deps.config.languages);
    if (dryRun) {
      res.json(await previewArticle(deps, input));
      return;
    }
    const idempotencyKey = idempotencyKeyOf(req);
    const { article, replayed } = await submitArticle(deps, req.user!, { ...input, idempotencyKey });
    res.status(replayed ? 200 : 201).location(`/api/v1/articles/${article.id}`);
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.json(article);
  });

  router.put('/articles/:id', editor, async (req, res) => {
    const id = articleId(req);
    const { article, revised } = await reviseArticle(deps, req.user!, id, readDraft(req, deps.config.languages));
    res.set('Revision-Created', String(revised)).json(article);
  });

  router.get('/articles/:id', editor, async (req, res) => {
    const id = articleId(req);
    const article = await getArticleView(deps, id);
    if (!article) throw new AppError('article_not_found', { id });
    res.json(article);
  });

  router.post('/articles/:id/withdraw', editor, async (req, res) => {
    const id = articleId(req);
    const { reason } = withdrawalSchema.parse(req.body ?? {});
    const { withdrawal, created } = await withdrawArticle(deps, req.user!, id, reason ?? null);
    res.status(created ? 201 : 200).json(withdrawal);
  });

  // Lifts the embargo on the source version before a translation is finished (docs/publishing.md).
  router.post('/articles/:id/publish-source', editor, async (req, res) => {
    const { publication, created } = await publishSource(deps, articleId(req));
    res.status(created ? 201 : 200).json(publication);
  });

  router.patch('/articles/:id', editor, async (req, res) => {
    const id = articleId(req);
    res.json(await changeArticlePriority(deps, id, articleChangesSchema.parse(req.body ?? {})));
  });

  router.get('/articles/:id/tasks', editor, async (req, res) => {
    const grid = await listTasksForEditor(deps, articleId(req));
    res.json({ ...grid, tasks: grid.tasks.map((task) => ({ ...task, qa: presentQa(task.qa, req.t) })) });
  });

  // The reassign picker's people: editors cannot list users (admin-only), so this is scoped to the task's pair.
  router.get('/articles/:id/candidates', editor, async (req, res) => {
    const id = articleId(req);
    res.json(await reassignCandidates(deps, id, candidatesQuery.parse(req.query)));
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

function readDraft(req: Request, languages: readonly string[]): ReadDraft {
  const draft = readDraftShape(req);
  assertSupportedLanguages(
    [
      { path: 'sourceLang', tag: draft.draft.sourceLang },
      ...draft.draft.targetLocales.map((tag, i) => ({ path: `targetLocales.${i}`, tag })),
    ],
    languages,
  );
  return draft;
}

function readDraftShape(req: Request): ReadDraft {
  const mediaType = req.is(['application/json', 'text/plain', 'text/html']) || '';
  const body = typeof req.body === 'string' ? req.body : '';
  if (mediaType === 'text/plain') return draftFromPastedPage('text', body, req.query);
  if (mediaType === 'text/html') return draftFromPastedPage('html', body, req.query);
  if (mediaType !== 'application/json') throw new AppError('unsupported_media_type', { accepted: 'application/json, text/plain, text/html' });
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
    dropped: [],
  };
}
