/** `npm run start:workers`: the workers alone, for scaling them apart from the API. */
import { createRuntime } from '../src/runtime.js';
import { configOrExit, onShutdown, prepareDatabase } from '../src/startup.js';
import { startMetricsServer } from '../src/observability/metrics-server.js';
import { startWorkers } from './start-workers.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
const runtime = createRuntime(config, 'worker', logger);
const workers = await startWorkers(runtime);
// The workers serve no HTTP: their metrics (job failures, memory lookups, time to publish) get a port.
const metrics = config.metricsPort !== undefined ? await startMetricsServer(config.metricsPort, config.metricsToken, logger) : null;
onShutdown(async () => {
  await metrics?.close();
  await workers.close();
  await runtime.close();
}, logger, config);
