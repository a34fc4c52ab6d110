import type { Server } from 'node:http';
import { createApp } from './http/app.js';
import { answerClientErrors } from './http/client-errors.js';
import { createI18n } from './i18n/index.js';
import type { Runtime } from './runtime.js';

export interface RunningApi {
  server: Server;
  /** Ends event streams first (they never end by themselves), then stops accepting and closes idle sockets. */
  close(): Promise<void>;
}

export async function startApi(runtime: Runtime, port = runtime.config.port): Promise<RunningApi> {
  const i18n = await createI18n();
  const { app, close: closeStreams } = createApp(runtime, i18n);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
  answerClientErrors(server, i18n, runtime.logger);
  server.keepAliveTimeout = 65_000;
  runtime.logger.info({ port: (server.address() as { port: number }).port }, 'API listening');
  return {
    server,
    async close() {
      await closeStreams();
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await closed;
    },
  };
}
