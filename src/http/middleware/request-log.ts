import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { requestContext, type Logger } from '../../logger.js';

/** A caller's own request id is kept when it is a plausible id; anything else gets a fresh one. */
const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;
const quietPaths = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Access log lines (pino-http) and request ids: `X-Request-Id` is taken from the caller or made here,
 * returned on the answer, written on the access line, in every problem body, and (through the logger's
 * async context) in every other line logged while the request is served.
 */
export function requestLog(logger: Logger): RequestHandler {
  const http = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && acceptableId.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => quietPaths.has((req.url ?? '').split('?')[0]!) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    // The access line says who asked for what, never the token.
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string; headers: Record<string, string> }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    quietReqLogger: true,
  });
  return (req, res, next) => {
    http(req, res);
    requestContext.run({ requestId: String(req.id) }, next);
  };
}
