import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { pageStyleHash } from './presenters/page-style.js';

/**
 * Published output is the same for every reader until the next revision, withdrawal or newly published
 * language. Caches keep it and revalidate each minute: the answer is a 304 (no body) until something
 * changed, so a CDN holds a version until its next revision while a withdrawal reaches readers within two
 * minutes, or at once when the site purges on the `article.withdrawn` webhook. No stale-if-error: a cache
 * must not serve a withdrawn article because the origin is down.
 */
export const cachePolicies = {
  published: 'public, max-age=60, stale-while-revalidate=60',
  /** Withdrawal is final: a 410 may be kept. */
  gone: 'public, max-age=3600',
  /** A locale may be published any second: remember its absence only briefly. */
  missing: 'public, max-age=15',
  /** The publishing API needs a token: browsers may keep it but must ask each time. */
  staff: 'private, no-cache',
} as const;

/**
 * No script may run on a published page: the JSON-LD block is data, which CSP does not govern. The one
 * inline stylesheet is allowed by its hash. Set on the route itself, so it is the page's policy whatever a
 * global security-headers middleware sets before it.
 */
export const pageContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src ${pageStyleHash}`,
  "img-src 'self' https: data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Sends a body with a strong ETag (a hash of the bytes), Last-Modified and Cache-Control, or a 304 when the
 * request's If-None-Match / If-Modified-Since show the client already has it.
 */
export function sendCacheable(
  req: Request,
  res: Response,
  answer: { body: string; type: string; lastModified: Date; cacheControl: string; cacheTags?: string[] },
): void {
  const etag = `"${createHash('sha256').update(answer.body).digest('base64url').slice(0, 32)}"`;
  res.set({ ETag: etag, 'Last-Modified': answer.lastModified.toUTCString(), 'Cache-Control': answer.cacheControl });
  // Purge handles for CDNs that support them (Fastly reads Surrogate-Key, Cloudflare Cache-Tag).
  if (answer.cacheTags?.length) res.set({ 'Surrogate-Key': answer.cacheTags.join(' '), 'Cache-Tag': answer.cacheTags.join(',') });
  res.type(answer.type);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(answer.body);
}
