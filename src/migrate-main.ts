/** `npm run migrate`: create the database if needed, apply migrations, make sure an admin exists. */
import { configOrExit, prepareDatabase } from './startup.js';

const { config, logger } = configOrExit();
await prepareDatabase(config, logger);
logger.info('database ready');
