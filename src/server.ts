import type { Server } from 'node:http';
import { createApp } from './http/app.js';
import { createI18n } from './i18n/index.js';
import type { Runtime } from './runtime.js';

export async function startApi(runtime: Runtime, port = runtime.config.port): Promise<Server> {
  const { app, close } = createApp(runtime, await createI18n());
  return new Promise((resolve) => {
    const server = app.listen(port, () => {
      runtime.logger.info({ port }, 'API listening');
      resolve(server);
    });
    server.keepAliveTimeout = 65_000;
    // Event streams never end by themselves: end them when the server closes.
    server.on('close', () => void close());
  });
}
