import { Router, type Request } from 'express';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { changePerson, findPeople, rotateToken } from '../../services/people.js';
import { createUser } from '../../services/users.js';
import { requireRole, type Credentials } from '../middleware/auth.js';
import { createUserSchema, uuidParam } from '../schemas.js';
import { personChangesSchema, usersQuery } from '../workbench-schemas.js';

/** People, for admins: create, find, change, and a new token when one is lost (also for oneself). */
export function usersRouter(deps: ServiceDeps, credentials: Credentials, onPeopleChanged: () => void): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.post('/users', admin, async (req, res) => {
    const input = createUserSchema.parse(req.body ?? {});
    const user = await createUser(deps.pool, input);
    res.status(201).location(`/api/v1/users/${user.id}`).json(user);
  });

  router.get('/users', admin, async (req, res) => {
    const query = usersQuery.parse(req.query);
    res.json(await findPeople(deps, query));
  });

  router.patch('/users/:id', admin, async (req, res) => {
    const id = userId(req);
    const changes = personChangesSchema.parse(req.body ?? {});
    const user = await changePerson(deps, id, changes);
    onPeopleChanged();
    res.json(user);
  });

  router.post('/users/:id/token', async (req, res) => {
    const id = userId(req);
    const self = req.user!.id === id;
    if (!self && !req.user!.roles.includes('admin')) throw new AppError('forbidden', { roles: 'admin' });
    // A person rotating their own token in the browser stays signed in there; every other session ends.
    const keep = self && req.auth?.method === 'session' ? req.auth.sessionHash : null;
    res.json(await rotateToken(deps, credentials, id, keep));
  });

  return router;
}

function userId(req: Request): string {
  const parsed = uuidParam.safeParse(req.params.id);
  if (!parsed.success) throw new AppError('user_not_found', { id: String(req.params.id).slice(0, 100) });
  return parsed.data;
}
