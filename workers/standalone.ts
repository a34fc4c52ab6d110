/** `npm start`: migrations, the API and all workers in one process, for a single machine. */
import { createRuntime } from '../src/runtime.js';
import { startApi } from '../src/server.js';
import { configOrExit, onShutdown, prepareDatabase } from '../src/startup.js';
import { startWorkers } from './start-workers.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
const apiRuntime = createRuntime(config, 'api', logger);
// One PublicSite: the workers' events link to the port the API actually got.
const workerRuntime = createRuntime(config, 'worker', logger, apiRuntime.site);
const api = await startApi(apiRuntime);
const workers = await startWorkers(workerRuntime);
onShutdown(async () => {
  await api.close();
  await workers.close();
  await Promise.all([apiRuntime.close(), workerRuntime.close()]);
}, logger, config);
