/** `npm start`: migrations, the API and all workers in one process, for a single machine. */
import { createRuntime } from '../src/runtime.js';
import { startApi } from '../src/server.js';
import { configOrExit, onShutdown, prepareDatabase } from '../src/startup.js';
import { startWorkers } from './start-workers.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
const apiRuntime = createRuntime(config, 'api', logger);
const workerRuntime = createRuntime(config, 'worker', logger);
const api = await startApi(apiRuntime);
const workers = await startWorkers(workerRuntime);
onShutdown(async () => {
  await api.close();
  await workers.close();
  await Promise.all([apiRuntime.close(), workerRuntime.close()]);
}, logger, config);
