// Moved to src/queues/waiting-tasks.ts (job producers live in queues/); kept for the claim-path files.
export { queueWaiting, type WaitingEntry } from '../queues/waiting-tasks.js';
