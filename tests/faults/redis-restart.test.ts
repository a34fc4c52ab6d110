import { redisRestartScenario } from './redis-scenario.js';

// Killed with no persistence: it comes back empty, the hardest case.
redisRestartScenario('empty');
