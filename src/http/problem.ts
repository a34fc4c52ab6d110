import type { ErrorCode } from '../errors.js';

/** The one place where an error code meets HTTP. Every code must appear here (the compiler checks). */
export const httpStatusOf: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  too_many_blocks: 422,
  text_too_long: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  article_not_found: 404,
  task_not_found: 404,
  user_not_found: 404,
  task_not_held: 403,
  lease_lost: 409,
  empty_translation: 422,
  language_pair_not_served: 403,
  locale_not_published: 404,
  idempotency_conflict: 422,
  illegal_transition: 409,
  service_unavailable: 503,
  tmx_invalid: 422,
  import_invalid: 422,
  glossary_term_not_found: 404,
  glossary_term_exists: 409,
  qa_failed: 422,
  review_not_found: 404,
  segment_not_found: 404,
  webhook_not_found: 404,
  over_capacity: 409,
  unavailable_translator: 409,
  value_out_of_range: 400,
  idempotency_key_too_long: 400,
  tmx_segment_too_long: 422,
  tmx_encoding_unsupported: 422,
  request_header_too_large: 431,
  malformed_request: 400,
  rate_limited: 429,
  too_many_streams: 429,
  webhook_target_forbidden: 422,
  internal: 500,
};

export function problemType(code: ErrorCode): string {
  return `urn:dragoman:problem:${code}`;
}
