import { createRuntime } from './runtime.js';
import { startApi } from './server.js';
import { configOrExit, onShutdown, prepareDatabase } from './startup.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
const runtime = createRuntime(config, 'api', logger);
const server = await startApi(runtime);
onShutdown(async () => {
  await new Promise((resolve) => server.close(resolve));
  await runtime.close();
}, logger);
