import { Router, type Request } from 'express';
import { directionOf } from '../../domain/article.js';
import type { ServiceDeps } from '../../services/deps.js';
import { listNotices } from '../../services/notices.js';
import { chooseInterfaceLanguage, profileOf, type Profile } from '../../services/people.js';
import { meUpdateSchema, noticesQuery } from '../workbench-schemas.js';

export function presentMe(profile: Profile, auth: NonNullable<Request['auth']>) {
  return {
    ...profile,
    auth: { method: auth.method, ...(auth.expiresAt ? { expiresAt: auth.expiresAt.toISOString() } : {}) },
  };
}

/** Who the caller is, their interface language, and what happened to their work. Every role. */
export function meRouter(deps: ServiceDeps): Router {
  const router = Router();

  router.get('/me', async (req, res) => {
    res.json(presentMe(await profileOf(deps, req.user!), req.auth!));
  });

  router.patch('/me', async (req, res) => {
    const { interfaceLanguage } = meUpdateSchema.parse(req.body ?? {});
    res.json(presentMe(await chooseInterfaceLanguage(deps, req.user!, interfaceLanguage), req.auth!));
  });

  // The languages this installation works in (DRAGOMAN_LANGUAGES), for pickers: every signed-in role.
  router.get('/languages', (_req, res) => {
    res.json({ items: deps.config.languages.map((code) => ({ code, dir: directionOf(code) })) });
  });

  router.get('/notices', async (req, res) => {
    const { after } = noticesQuery.parse(req.query);
    res.json({ items: await listNotices(deps, req.user!, after ?? null) });
  });

  return router;
}
