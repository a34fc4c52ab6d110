import { Router } from 'express';
import type { ServiceDeps } from '../../services/deps.js';
import { profileOf } from '../../services/people.js';
import {
  clearSessionCookie,
  countingFailures,
  refuseCrossSite,
  sessionCookieOf,
  setSessionCookie,
  type Credentials,
} from '../middleware/auth.js';
import type { AuthLimit } from '../middleware/rate-limits.js';
import { presentMe } from './me.js';
import { signInSchema } from '../workbench-schemas.js';

/** Sign-in and sign-out: reachable without credentials, so mounted before authentication. */
export function sessionRouter(deps: ServiceDeps, credentials: Credentials, limit?: AuthLimit): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    // No sign-in forced from another site (the next page would act as the attacker's account).
    refuseCrossSite(req, credentials.publicUrl);
    // An address over the failed-authentication limit cannot sign in, not even with the right token.
    await limit?.check(req, res);
    const { token } = signInSchema.parse(req.body ?? {});
    // A wrong token here is a guess like any other: it counts towards the failed-authentication limit.
    const { cookie, session } = await countingFailures(req, res, limit?.failed, () => credentials.sessions.signIn(token));
    // Signing in again (another person at the same desk) ends the session the browser had.
    const previous = sessionCookieOf(req);
    if (previous !== undefined) await credentials.sessions.signOut(previous);
    setSessionCookie(req, res, cookie, deps.config.sessionMaxSeconds);
    const auth = { method: 'session' as const, sessionHash: session.idHash, expiresAt: session.expiresAt };
    res.json(presentMe(await profileOf(deps, session.user), auth));
  });

  router.delete('/session', async (req, res) => {
    const cookie = sessionCookieOf(req);
    if (cookie !== undefined) {
      refuseCrossSite(req, credentials.publicUrl);
      await credentials.sessions.signOut(cookie);
    }
    clearSessionCookie(res);
    res.status(204).end();
  });

  return router;
}
