/** `npm run start:workers`: the workers alone, for scaling them apart from the API. */
import { createRuntime } from '../src/runtime.js';
import { configOrExit, onShutdown, prepareDatabase } from '../src/startup.js';
import { startWorkers } from './start-workers.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
const runtime = createRuntime(config, 'worker', logger);
const workers = await startWorkers(runtime);
onShutdown(async () => {
  await workers.close();
  await runtime.close();
}, logger);
