import { redisRestartScenario } from './redis-scenario.js';

// Shut down with an append-only file: it comes back with its queues, locks and markers.
redisRestartScenario('persistent');
