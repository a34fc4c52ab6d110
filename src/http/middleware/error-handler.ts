import type { ErrorRequestHandler, Request } from 'express';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { AppError, isUnavailableError, type FieldProblem } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { presentFields } from '../presenters/field-problems.js';
import { languageParams } from '../presenters/language-names.js';
import { presentQa } from '../presenters/qa.js';
import { httpStatusOf, problemType } from '../problem.js';

/** Turns what body-parser, zod and the services throw into one AppError vocabulary. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const fields: FieldProblem[] = error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: issue.message,
      issue: issue as FieldProblem['issue'],
    }));
    return new AppError('validation_failed', {}, fields);
  }
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') return new AppError('malformed_json');
  if (type === 'entity.too.large') {
    return new AppError('payload_too_large', { limit: String((error as { limit?: number }).limit ?? '') });
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new AppError('unsupported_media_type', { accepted: 'charset=utf-8' });
  // The router could not percent-decode a path parameter (%FF, half of a UTF-8 sequence).
  if (error instanceof URIError || (error as { status?: unknown }).status === 400) return new AppError('malformed_request');
  return fromPostgres(error);
}

/**
 * Input that got past the edge checks and that PostgreSQL refused is still the caller's fault, not ours:
 * a 4xx instead of a 500. Reaching here means an edge check is missing, so the handler logs it.
 */
function fromPostgres(error: unknown): AppError | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !(error instanceof Error) || !('severity' in error)) return null;
  if (code === '22003') return new AppError('value_out_of_range');
  // NUL or other characters the database encoding cannot hold, malformed literals, index rows too large.
  if (['22021', '22P05', '22P02', '54000'].includes(code)) return new AppError('validation_failed');
  // A date or time PostgreSQL cannot hold (year 0000, a malformed literal): the edge should have refused it.
  if (code === '22007' || code === '22008') return new AppError('validation_failed');
  return null;
}

export function problemBody(error: AppError, t: TFunction, requestId: string, instance: string, lng = 'en', input?: unknown) {
  const fields = error.fields.map((f) => f.path).join(', ');
  const params: Record<string, unknown> = { ...languageParams(error.params, lng), fields, requestId, lng: undefined };
  // XLIFF refusals name their reason by key (locales/<lng>/xliff.json reason.*), with its values in the params.
  if (typeof error.params.reasonKey === 'string') params.reason = t(`xliff:reason.${error.params.reasonKey}`, params);
  return {
    type: problemType(error.code),
    title: t(`errors:${error.code}.title`, params),
    status: httpStatusOf[error.code],
    detail: t(`errors:${error.code}.detail`, params),
    code: error.code,
    instance,
    requestId,
    ...(error.fields.length > 0 ? { errors: presentFields(error.fields, t, lng, input) } : {}),
    ...(error.extensions.qa ? { qa: presentQa(error.extensions.qa, t) } : {}),
    ...(error.extensions.draftKept !== undefined ? { draftKept: error.extensions.draftKept } : {}),
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let appError = toAppError(error);
    if (appError && error instanceof Error && 'severity' in error) {
      logger.warn({ err: error, requestId: req.id }, 'input refused by PostgreSQL instead of at the edge');
    }
    if (!appError) {
      // Unknown errors are logged in full and answered without internals.
      logger.error({ err: error, requestId: req.id }, 'unhandled error');
      appError = new AppError(isUnavailableError(error) ? 'service_unavailable' : 'internal');
    }
    const body = problemBody(appError, tOf(req), String(req.id), req.originalUrl, req.language ?? 'en', inputOf(req));
    res.status(body.status).type('application/problem+json').json(body);
  };
}

/** What the client sent, for naming a wrong value's type: the JSON body, else the query string. */
function inputOf(req: Request): unknown {
  const body: unknown = req.body;
  return body !== null && typeof body === 'object' && Object.keys(body).length > 0 ? body : req.query;
}

function tOf(req: Request): TFunction {
  return req.t;
}

