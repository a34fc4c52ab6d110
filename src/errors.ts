/**
 * The one error type of the service. `code` is stable and machine-readable (clients switch on it);
 * `params` feed the localized message; `fields` name the bad inputs. The HTTP status and the text live in
 * src/http/problem.ts and locales/<lng>/errors.json, so the domain never speaks HTTP or English.
 */
export const errorCodes = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'too_many_blocks',
  'text_too_long',
  'unauthorized',
  'forbidden',
  'not_found',
  'article_not_found',
  'task_not_found',
  'user_not_found',
  'task_not_held',
  'lease_lost',
  'empty_translation',
  'language_pair_not_served',
  'locale_not_published',
  'idempotency_conflict',
  'illegal_transition',
  'service_unavailable',
  'tmx_invalid',
  'import_invalid',
  'glossary_term_not_found',
  'glossary_term_exists',
  'qa_failed',
  'review_not_found',
  'segment_not_found',
  'webhook_not_found',
  'over_capacity',
  'unavailable_translator',
  'article_withdrawn',
  'qa_override_not_allowed',
  'language_not_supported',
  'xliff_invalid',
  'xliff_mismatch',
  'xliff_several_pairs',
  'nothing_to_export',
  'locale_not_targeted',
  'mt_provider_not_configured',
  // Production readiness (issue 15): edge checks, abuse limits, webhook targets.
  'value_out_of_range',
  'idempotency_key_too_long',
  'tmx_segment_too_long',
  'tmx_encoding_unsupported',
  'request_header_too_large',
  'malformed_request',
  'rate_limited',
  'too_many_streams',
  'webhook_target_forbidden',
  'internal',
  // The browser workbench: sessions, cross-site refusals, admin guard rails, segment discussion.
  'session_expired',
  'csrf_rejected',
  'last_admin',
  'segment_access_denied',
  'own_translation',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface FieldProblem {
  path: string;
  /** A key of locales/<lng>/validation.json, or (with `issue`) zod's English message. */
  message: string;
  /** The zod issue behind the problem, so the message can be given in the caller's language. */
  issue?: {
    code: string;
    path: readonly PropertyKey[];
    origin?: string;
    expected?: string;
    minimum?: unknown;
    maximum?: unknown;
    values?: unknown[];
    keys?: string[];
    format?: string;
  };
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
    /** Machine-readable extras for the problem body (e.g. the QA findings that blocked a submit). */
    readonly extensions: {
      qa?: Array<{
        code: string;
        severity: string;
        params: Record<string, string | number>;
        span?: { start: number; end: number };
        override?: { reason: string };
      }>;
      /** For a late submit (lease lost): whether the text was kept as a draft for the next translator. */
      draftKept?: boolean;
    } = {},
  ) {
    super(code);
  }
}

/** Whether an error means a dependency cannot serve right now (the client should retry): a 503, not a 500. */
export function isUnavailableError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as { message?: string }).message ?? '';
  // 53300: PostgreSQL has no connection slot left; the client should come back, as for a restart. Redis
  // answers LOADING (reading its data after a restart), READONLY (a replica being promoted), BUSY (a script
  // running long) and MASTERDOWN while it cannot serve: the same for the client.
  return (
    ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', 'ETIMEDOUT'].includes(code) ||
    /Connection is closed|max retries|connect|Stream isn't writeable|^(LOADING|READONLY|BUSY|MASTERDOWN)\b/i.test(message)
  );
}
