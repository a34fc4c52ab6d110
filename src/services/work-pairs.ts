import { listWaitingPairs } from '../storage/pairs-repo.js';
import type { ServiceDeps } from './deps.js';

export interface WorkPair {
  sourceLang: string;
  targetLocale: string;
}

/** Language pairs with work open at either stage: the queues the workers must watch. */
export function waitingPairs(deps: Pick<ServiceDeps, 'pool'>): Promise<WorkPair[]> {
  return listWaitingPairs(deps.pool);
}
