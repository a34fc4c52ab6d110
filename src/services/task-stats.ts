import { countTasksWith } from '../observability/metrics.js';
import { countTasks } from '../storage/stats-repo.js';
import type { ServiceDeps } from './deps.js';

/** Makes the task gauges of /metrics read this process's database; returns how to stop it. */
export function reportTaskCounts(deps: Pick<ServiceDeps, 'pool'>): () => void {
  return countTasksWith(() => countTasks(deps.pool));
}
