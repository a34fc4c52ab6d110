import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import escapeHtml from 'escape-html';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import { AppError } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { queueBoardSource } from '../services/queue-board.js';
import type { Authenticator } from '../services/users.js';
import type { AuthLimit } from './middleware/rate-limits.js';

export const adminQueuesPath = '/admin/queues';
const cookieName = 'dragoman_admin';

/**
 * The queue dashboard (bull-board) for admins. A browser cannot add a bearer header to the dashboard's own
 * calls, so an admin signs in once with a form: the token goes into an HttpOnly, SameSite=Strict cookie
 * scoped to this path (SameSite keeps other sites from making a signed-in browser press its buttons).
 * `Authorization: Bearer` works too, for a proxy that adds it.
 */
export function adminQueuesRouter(
  deps: Pick<ServiceDeps, 'redis' | 'config'>,
  authenticator: Authenticator,
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
    await limit.check(req, res);
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const user = await authenticator.authenticate(token).catch(async (error) => {
      await limit.failed(req, res);
      throw error;
    });
    if (!user.roles.includes('admin')) throw new AppError('forbidden', { roles: 'admin' });
    res.cookie(cookieName, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: adminQueuesPath });
    res.redirect(303, `${adminQueuesPath}/`);
  });

  router.use(async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const token = bearer ?? cookieOf(req, cookieName);
    const signIn = !token && req.method === 'GET' && req.accepts(['text/html', 'application/json']) === 'text/html';
    if (signIn) {
      res.status(401).type('html').send(loginPage(req));
      return;
    }
    await limit.check(req, res);
    const user = await authenticator.authenticate(token).catch(async (error) => {
      await limit.failed(req, res);
      throw error;
    });
    if (!user.roles.includes('admin')) throw new AppError('forbidden', { roles: 'admin' });
    const queues = await source.list();
    board.replaceQueues(queues.map(({ queue, readOnly }) => new BullMQAdapter(queue, { readOnlyMode: readOnly, allowRetries: !readOnly })));
    next();
  });
  router.use(serverAdapter.getRouter());
  return { router, close: () => source.close() };
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
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
