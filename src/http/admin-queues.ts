import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import escapeHtml from 'escape-html';
import express, { Router, type Request } from 'express';
import helmet from 'helmet';
import { AppError } from '../errors.js';
import { problemBody } from './middleware/error-handler.js';
import type { ServiceDeps } from '../services/deps.js';
import { queueBoardSource } from '../services/queue-board.js';
import type { UserRecord } from '../domain/people.js';
import { countingFailures, refuseCrossSite, sessionCookieOf, setSessionCookie, type Credentials } from './middleware/auth.js';
import type { AuthLimit } from './middleware/rate-limits.js';

/** Under the API's path, where the browser sends the session cookie (Path=/api/v1) of the web workbench. */
export const adminQueuesPath = '/api/v1/admin/queues';
/** The address the documentation gives; it sends the browser on to the dashboard. */
export const adminQueuesShortPath = '/admin/queues';

/**
 * The queue dashboard (bull-board) for admins, on the same web session as the workbench: the session cookie
 * (HttpOnly, SameSite=Strict, holding a session id, never a token) of a person with the admin role. A browser
 * without a session gets a sign-in form that opens one, exactly as the workbench's sign-in does; a write from
 * another site is refused as everywhere else the cookie counts. `Authorization: Bearer` works too, for a
 * proxy that adds it.
 */
export function adminQueuesRouter(
  deps: Pick<ServiceDeps, 'redis' | 'config'>,
  credentials: Credentials,
  limit: AuthLimit,
): { router: Router; close(): Promise<void> } {
  const source = queueBoardSource(deps);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(adminQueuesPath);
  const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'Dragoman queues' } } });
  const router = Router();

  // bull-board's page: its own scripts and styles, inline style attributes, nothing from elsewhere.
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  router.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    refuseCrossSite(req, credentials.publicUrl);
    await limit.check(req, res);
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const { cookie } = await countingFailures(req, res, limit.failed, () => credentials.sessions.signIn(token, 'admin'));
    const previous = sessionCookieOf(req);
    if (previous !== undefined) await credentials.sessions.signOut(previous);
    setSessionCookie(req, res, cookie, deps.config.sessionMaxSeconds);
    res.redirect(303, `${adminQueuesPath}/`);
  });

  router.use(async (req, res, next) => {
    const hasBearer = req.get('authorization') !== undefined;
    const cookie = sessionCookieOf(req);
    const signIn = !hasBearer && cookie === undefined && req.method === 'GET' && req.accepts(['text/html', 'application/json']) === 'text/html';
    if (signIn) {
      res.status(401).type('html').send(loginPage(req));
      return;
    }
    await limit.check(req, res);
    let user: UserRecord;
    if (hasBearer) {
      const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      user = await countingFailures(req, res, limit.failed, () => credentials.tokens.authenticate(token));
    } else if (cookie === undefined) {
      user = await countingFailures(req, res, limit.failed, async () => {
        throw new AppError('unauthorized');
      });
    } else {
      refuseCrossSite(req, credentials.publicUrl);
      user = (await countingFailures(req, res, limit.failed, () => credentials.sessions.authenticate(cookie))).user;
    }
    if (!user.roles.includes('admin')) throw new AppError('forbidden', { roles: 'admin' });
    const queues = await source.list();
    board.replaceQueues(queues.map(({ queue, readOnly }) => new BullMQAdapter(queue, { readOnlyMode: readOnly, allowRetries: !readOnly })));
    next();
  });
  // bull-board answers its own refusals (a page that is no number, a queue that is not there) as plain
  // JSON: they become problems like every other error of the service.
  router.use((req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 400 || res.statusCode >= 500) return json(body);
      const error = new AppError(res.statusCode === 404 ? 'not_found' : 'malformed_request');
      const problem = problemBody(error, req.t, String(req.id), req.originalUrl, req.language ?? 'en');
      res.status(problem.status).type('application/problem+json');
      return json(problem);
    };
    next();
  });
  // bull-board puts a refused value into its error message after a NUL separator and splits on it later,
  // so a NUL in the path or query made its own error handler fail with a 500. A NUL can only arrive
  // percent-encoded, and no queue, job or status name contains one: such a request is malformed.
  router.use((req, _res, next) => {
    if (req.url.includes('%00')) throw new AppError('malformed_request');
    next();
  });
  router.use(serverAdapter.getRouter());
  return { router, close: () => source.close() };
}

function loginPage(req: Request): string {
  const t = req.t;
  const dir = req.i18n?.dir?.(req.language) ?? (req.language === 'ar' ? 'rtl' : 'ltr');
  return `<!doctype html>
<html lang="${escapeHtml(req.language)}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('security:queueBoard.title'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;margin-block:.5rem}input{width:100%}</style></head>
<body><main><h1>${escapeHtml(t('security:queueBoard.title'))}</h1>
<form method="post" action="${adminQueuesPath}/login">
<label for="token">${escapeHtml(t('security:queueBoard.token'))}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${escapeHtml(t('security:queueBoard.signIn'))}</button>
</form></main></body></html>`;
}
