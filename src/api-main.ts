import { createRuntime } from './runtime.js';
import { startApi } from './server.js';
import { configOrExit, onShutdown, prepareDatabase } from './startup.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
const runtime = createRuntime(config, 'api', logger);
const api = await startApi(runtime);
onShutdown(async () => {
  await api.close();
  await runtime.close();
}, logger, config);
