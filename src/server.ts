import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './http/app.js';
import { answerClientErrors } from './http/client-errors.js';
import { createI18n } from './i18n/index.js';
import { startMetricsServer } from './observability/metrics-server.js';
import type { Runtime } from './runtime.js';

export interface RunningApi {
  server: Server;
  /**
   * Drains: /readyz answers 503 at once and event streams are closed politely (clients reconnect
   * elsewhere); after DRAGOMAN_DRAIN_SECONDS the listener closes, and requests in flight get up to
   * DRAGOMAN_SHUTDOWN_GRACE_SECONDS to finish before their connections are cut.
   */
  close(): Promise<void>;
}

export async function startApi(runtime: Runtime, port = runtime.config.port): Promise<RunningApi> {
  const { config, logger } = runtime;
  const i18n = await createI18n();
  const { app, drain, close: closeApp } = createApp(runtime, i18n);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
  answerClientErrors(server, i18n, logger);
  server.keepAliveTimeout = 65_000;
  const actualPort = (server.address() as { port: number }).port;
  runtime.site.listeningOn(actualPort);
  const metricsServer = config.metricsPort !== undefined ? await startMetricsServer(config.metricsPort, config.metricsToken, logger) : null;
  logger.info({ port: actualPort, publicUrl: runtime.site.baseUrl }, 'API listening');
  return {
    server,
    async close() {
      drain.start();
      await closeApp();
      if (config.drainSeconds > 0) await sleep(config.drainSeconds * 1000);
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 250);
      const grace = sleep(config.shutdownGraceSeconds * 1000, 'grace', { ref: false });
      const outcome = await Promise.race([closed.then(() => 'done'), grace]);
      clearInterval(idle);
      if (outcome === 'grace') {
        logger.warn({ graceSeconds: config.shutdownGraceSeconds }, 'requests still running at the end of the grace period: cut off');
        server.closeAllConnections();
        await closed;
      }
      await metricsServer?.close();
    },
  };
}
