import { Router } from 'express';
import type { ServiceDeps } from '../../services/deps.js';

export function glossaryRouter(_deps: ServiceDeps): Router {
  return Router();
}
