import { countOverrides, type OverrideCounts } from '../storage/qa-overrides-repo.js';
import type { ServiceDeps } from './deps.js';

/** How often each QA check was overridden, and by whom: where a check is noisy, or a translator careless. */
export function overrideStatistics(deps: Pick<ServiceDeps, 'pool'>, filter: { locale?: string; since?: Date }): Promise<OverrideCounts> {
  return countOverrides(deps.pool, filter);
}
