import { Router } from 'express';
import type { ServiceDeps } from '../../services/deps.js';

export function memoryRouter(_deps: ServiceDeps): Router {
  return Router();
}
