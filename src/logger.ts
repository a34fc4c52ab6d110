import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'dragoman'): Logger {
  return pino({ name, level, redact: ['req.headers.authorization', 'token', 'secret'] });
}
