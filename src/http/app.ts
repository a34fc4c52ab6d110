import express, { type Express } from 'express';
import type { i18n } from 'i18next';
import { AppError } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { Authenticator } from '../services/users.js';
import { Sessions } from '../services/sessions.js';
import { authenticate, type Credentials } from './middleware/auth.js';
import { language } from './middleware/language.js';
import { errorHandler } from './middleware/error-handler.js';
import { refuseNulCharacters } from './middleware/input-guard.js';
import { articlesRouter } from './routes/articles.js';
import { glossaryRouter } from './routes/glossary.js';
import { machineRouter } from './routes/machine.js';
import { healthRouter } from './routes/health.js';
import { meRouter } from './routes/me.js';
import { memoryRouter } from './routes/memory.js';
import { peopleRouter } from './routes/people.js';
import { publishedRouter } from './routes/published.js';
import { publicPagesRouter } from './routes/public-pages.js';
import { qaRouter } from './routes/qa.js';
import { reviewsRouter } from './routes/reviews.js';
import { segmentsRouter } from './routes/segments.js';
import { sessionRouter } from './routes/session.js';
import { tasksRouter } from './routes/tasks.js';
import { usersRouter } from './routes/users.js';
import { webhooksRouter } from './routes/webhooks.js';
import { xliffRouter } from './routes/xliff.js';
import { EventStream } from './event-stream.js';
import { webAppRouter } from './web-app.js';
import { adminQueuesPath, adminQueuesRouter, adminQueuesShortPath } from './admin-queues.js';
import { Drain } from './drain.js';
import { rateLimits } from './middleware/rate-limits.js';
import { requestLog } from './middleware/request-log.js';
import { requestMetrics } from './middleware/request-metrics.js';
import { securityHeaders } from './middleware/security-headers.js';
import { metricsRouter } from './routes/metrics.js';

export const bodyLimit = '1mb';

export interface HttpApp {
  app: Express;
  /** Set when the process starts to stop: /readyz answers 503 from then on. */
  drain: Drain;
  close(): Promise<void>;
}

/** Builds the HTTP app without listening, so tests and the server share one wiring. */
export function createApp(deps: ServiceDeps, i18n: i18n): HttpApp {
  const app = express();
  const { config } = deps;
  const stream = new EventStream(deps.pool, config.databaseUrl, deps.logger, config.eventStreamsPerUser);
  const drain = new Drain();
  const limits = rateLimits(config, deps.redis, deps.logger);
  const authenticator = new Authenticator(deps.pool);
  const credentials: Credentials = {
    tokens: authenticator,
    sessions: new Sessions(deps, authenticator),
    // The listening address is known only once the server listens: read it when a request asks.
    get publicUrl() {
      return deps.site.baseUrl;
    },
  };
  const queueBoard = adminQueuesRouter(deps, credentials, limits.auth);
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(config.trustProxy));
  // Operations: request ids and access lines, timings, security headers, drain; before anything answers.
  app.use(requestLog(deps.logger));
  app.use(requestMetrics());
  app.use(securityHeaders());
  app.use(drain.middleware());
  app.use(language(i18n));
  app.use(healthRouter(deps, drain));
  app.use(metricsRouter(config.metricsToken, limits.auth));
  app.use(adminQueuesPath, queueBoard.router);
  // The documented short address: on to the dashboard under the API's path, where the session cookie goes.
  app.use(adminQueuesShortPath, (req, res) => res.redirect(307, adminQueuesPath + req.url));

  const api = express.Router();
  api.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));
  api.use(express.text({ limit: bodyLimit, type: ['text/plain', 'text/html'] }));
  // Roles, pairs or availability changed: cached sign-ins are read again on their next request.
  const onPeopleChanged = () => {
    authenticator.forget();
    credentials.sessions.forget();
  };
  api.use(sessionRouter(deps, credentials, limits.auth));
  api.use(authenticate(credentials, limits.auth));
  api.use(refuseNulCharacters());
  api.post(['/tasks/claim', '/reviews/claim'], limits.claims);
  api.post('/articles', limits.articles);
  api.use(meRouter(deps));
  api.use(usersRouter(deps, credentials, onPeopleChanged));
  api.use(articlesRouter(deps));
  api.use(tasksRouter(deps));
  api.use(reviewsRouter(deps));
  api.use(peopleRouter(deps, onPeopleChanged));
  api.use(segmentsRouter(deps));
  api.use(webhooksRouter(deps, stream));
  api.use(publishedRouter(deps, i18n));
  api.use(memoryRouter(deps));
  api.use(glossaryRouter(deps));
  api.use(qaRouter(deps));
  api.use(xliffRouter(deps));
  api.use(machineRouter(deps));
  app.use('/api/v1', api);
  app.use('/app', webAppRouter());
  if (deps.config.publicPages) app.use(publicPagesRouter(deps, i18n));

  app.use(() => {
    throw new AppError('not_found');
  });
  app.use(errorHandler(deps.logger));
  return {
    app,
    drain,
    async close() {
      // First: a connection it leaves open would keep the process alive if a close below failed.
      limits.close();
      await stream.close();
      await queueBoard.close();
    },
  };
}

/** DRAGOMAN_TRUST_PROXY: a hop count ("1"), or addresses and subnets Express knows ("loopback, 10.0.0.0/8"). */
function trustProxy(value: string): string | number | boolean {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
