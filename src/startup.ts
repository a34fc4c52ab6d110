import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { refreshGlossaryStems } from './services/glossary.js';
import { bootstrapAdmin } from './services/users.js';
import { migrate } from './storage/migrate.js';
import { createPool } from './storage/pool.js';

/** Reads configuration or exits with a message naming the bad variable. */
export function configOrExit(): { config: Config; logger: Logger } {
  try {
    const config = loadConfig();
    return { config, logger: createLogger(config.logLevel) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Migrations, glossary stems under the current rules, and the bootstrap admin: run by every entry point,
 * safe to run concurrently (two starts restem the same terms to the same values).
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  const applied = await migrate(config.databaseUrl);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  const pool = createPool(config.databaseUrl, 1);
  try {
    const restemmed = await refreshGlossaryStems(pool);
    if (restemmed.rewritten > 0) logger.info({ terms: restemmed.rewritten }, 'glossary terms stemmed again with the current rules');
    if (restemmed.keysLeft > 0) logger.warn({ terms: restemmed.keysLeft }, 'glossary terms keep their old key: under the current rules another term of their pair has it');
    const token = await bootstrapAdmin(pool, config.adminToken);
    if (token) {
      // Printed once, on the first start, and never stored in clear: copy it now.
      process.stdout.write(`\nDragoman admin token (shown once): ${token}\n\n`);
    }
  } finally {
    await pool.end();
  }
}

/**
 * SIGTERM/SIGINT: drain and close. The process exits by force if closing outlasts the grace period by ten
 * seconds (a job stuck beyond it is retried elsewhere: every job is safe to run twice); docker-compose's
 * stop_grace_period and Kubernetes' terminationGracePeriodSeconds must be longer than that.
 */
export function onShutdown(close: () => Promise<void>, logger: Logger, config: Pick<Config, 'shutdownGraceSeconds' | 'drainSeconds'>): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than the grace period: exiting');
      process.exit(1);
    }, (config.drainSeconds + config.shutdownGraceSeconds + 10) * 1000);
    force.unref();
    await close().catch((error) => logger.error({ err: error }, 'error while closing'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
