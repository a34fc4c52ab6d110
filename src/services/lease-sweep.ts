import { insertNotice } from '../storage/notices-repo.js';
import { withTransaction } from '../storage/pool.js';
import { anyLapsedLease, sweepLapsedLeases } from '../storage/tasks-repo.js';
import type { ServiceDeps } from './deps.js';
import { queueWaiting } from '../queues/waiting-tasks.js';

/** Takes back tasks whose lease ran out and puts them at the front of their queues. */
export async function sweepLeases(deps: ServiceDeps): Promise<number> {
  // The sweep runs every second and almost always finds nothing: one read on the lease index answers that,
  // where the transaction took three round trips (BEGIN, the sweep, COMMIT). A lease that lapses just after
  // the read is taken back on the next tick, as one that lapsed just after a sweep always was.
  if (!(await anyLapsedLease(deps.pool))) return 0;
  const lapsed = await withTransaction(deps.pool, async (client) => {
    const rows = await sweepLapsedLeases(client);
    for (const row of rows) await insertNotice(client, row.formerAssignee, row.id, 'lease_lapsed');
    return rows;
  });
  await queueWaiting(
    deps,
    lapsed.map((task) => ({ id: task.id, stage: task.stage, sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority: task.queuePriority, front: true })),
  );
  return lapsed.length;
}
