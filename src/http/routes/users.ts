import { Router } from 'express';
import type { ServiceDeps } from '../../services/deps.js';
import { createUser } from '../../services/users.js';
import { requireRole } from '../middleware/auth.js';
import { createUserSchema } from '../schemas.js';

export function usersRouter(deps: ServiceDeps): Router {
  const router = Router();
  router.post('/users', requireRole('admin'), async (req, res) => {
    const input = createUserSchema.parse(req.body ?? {});
    const user = await createUser(deps.pool, input);
    res.status(201).location(`/api/v1/users/${user.id}`).json(user);
  });
  return router;
}
