import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { pageStyleHash } from './presenters/page-style.js';

/**
 * Published output is the same for every reader until something it shows changes: a page on a new revision,
 * a newly published language (its switcher) or a withdrawal; a feed or the sitemap whenever any version in
 * them does. Every such change writes an event naming the URLs it changed (`locale.published`,
 * `article.revised`, `article.withdrawn`), so a CDN that purges on the webhooks may keep a page for a long
 * time (`s-maxage`), while browsers revalidate each minute and get a bodiless 304 until the bytes change.
 * A CDN that does not purge serves a change at most `s-maxage` late (plus stale-while-revalidate). No
 * stale-if-error: a cache must not serve a withdrawn article because the origin is down.
 */
export const cachePolicies = {
  /** A version's page: changes only on a new revision, a newly published language or a withdrawal. */
  published: 'public, max-age=60, s-maxage=3600, stale-while-revalidate=60',
  /** Feeds, the sitemap and robots.txt change with any article: shared caches revalidate every five minutes. */
  listing: 'public, max-age=60, s-maxage=300, stale-while-revalidate=60',
  /** Withdrawal is final: a 410 may be kept. */
  gone: 'public, max-age=3600, s-maxage=86400',
  /** A locale may be published any second: remember its absence only briefly. */
  missing: 'public, max-age=15',
  /** The publishing API needs a token: browsers may keep it but must ask each time. */
  staff: 'private, no-cache',
} as const;

/**
 * Request headers a public answer can depend on. A published page, a feed and the sitemap are the same
 * whatever the request says, so they send no Vary (a CDN keeps one copy). Their error answers do depend on
 * headers: a page's 404/410 is an HTML notice or a problem document by `Accept`, and a problem's text
 * follows `Accept-Language`.
 */
export const publicErrorVary = ['Accept', 'Accept-Language'] as const;

/**
 * No script may run on a published page: the JSON-LD block is data, which CSP does not govern. The one
 * inline stylesheet is allowed by its hash. Set on the route itself, so it is the page's policy whatever a
 * global security-headers middleware sets before it.
 */
const pageDirectives = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src ${pageStyleHash}`,
  "img-src 'self' https: data:",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Public pages are framed by nobody: a site embeds them by proxy or by fetching (docs/publishing.md). */
export const pageContentSecurityPolicy = [...pageDirectives, "frame-ancestors 'none'"].join('; ');

/**
 * The editor's preview (the publishing API's HTML view) is the same page under the same policy, except
 * that the workbench, served from this origin, may show it in a frame.
 */
export const previewContentSecurityPolicy = [...pageDirectives, "frame-ancestors 'self'"].join('; ');

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
