import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { i18n } from 'i18next';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { problemBody } from './middleware/error-handler.js';

/**
 * Requests Node's HTTP parser refuses (a request line or headers past the size limit, bytes a header may
 * not hold) never reach Express; Node would answer them with a bare status line. They get the same
 * problem+json every other error gets, in English since the headers that would say otherwise are unread.
 */
export function answerClientErrors(server: Server, i18n: i18n, logger: Logger): void {
  const t = i18n.getFixedT('en');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'request_header_too_large' : 'malformed_request';
    const requestId = randomUUID();
    logger.info({ requestId, parserError: error.code }, 'request refused by the HTTP parser');
    const problem = problemBody(new AppError(code), t, requestId, '');
    const body = JSON.stringify(problem);
    socket.end(
      [
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
        'Content-Type: application/problem+json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
