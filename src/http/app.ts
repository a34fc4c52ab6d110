import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { i18n } from 'i18next';
import { AppError } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { Authenticator } from '../services/users.js';
import { authenticate } from './middleware/auth.js';
import { language } from './middleware/language.js';
import { errorHandler } from './middleware/error-handler.js';
import { refuseNulCharacters } from './middleware/input-guard.js';
import { articlesRouter } from './routes/articles.js';
import { glossaryRouter } from './routes/glossary.js';
import { healthRouter } from './routes/health.js';
import { memoryRouter } from './routes/memory.js';
import { peopleRouter } from './routes/people.js';
import { publishedRouter } from './routes/published.js';
import { reviewsRouter } from './routes/reviews.js';
import { segmentsRouter } from './routes/segments.js';
import { tasksRouter } from './routes/tasks.js';
import { usersRouter } from './routes/users.js';
import { webhooksRouter } from './routes/webhooks.js';
import { EventStream } from './event-stream.js';

export const bodyLimit = '1mb';

/** Builds the HTTP app without listening, so tests and the server share one wiring. */
export function createApp(deps: ServiceDeps, i18n: i18n): { app: Express; close(): Promise<void> } {
  const app = express();
  const stream = new EventStream(deps.pool, deps.config.databaseUrl, deps.logger);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    req.id = req.get('x-request-id')?.slice(0, 100) || randomUUID();
    res.set('X-Request-Id', req.id);
    next();
  });
  app.use(language(i18n));
  app.use(healthRouter(deps));

  const api = express.Router();
  api.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));
  api.use(express.text({ limit: bodyLimit, type: ['text/plain', 'text/html'] }));
  api.use(refuseNulCharacters());
  const authenticator = new Authenticator(deps.pool);
  api.use(authenticate(authenticator));
  api.use(usersRouter(deps));
  api.use(articlesRouter(deps));
  api.use(tasksRouter(deps));
  api.use(reviewsRouter(deps));
  api.use(peopleRouter(deps, () => authenticator.forget()));
  api.use(segmentsRouter(deps));
  api.use(webhooksRouter(deps, stream));
  api.use(publishedRouter(deps));
  api.use(memoryRouter(deps));
  api.use(glossaryRouter(deps));
  app.use('/api/v1', api);

  app.use(() => {
    throw new AppError('not_found');
  });
  app.use(errorHandler(deps.logger));
  return { app, close: () => stream.close() };
}
