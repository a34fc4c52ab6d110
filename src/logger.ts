import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** The request a piece of work belongs to: every log line written while serving it carries its id. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function createLogger(level: string, name = 'dragoman', destination?: DestinationStream): Logger {
  return pino(
    {
      name,
      level,
      redact: ['req.headers.authorization', 'token', 'secret'],
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId } : {};
      },
    },
    destination,
  );
}
