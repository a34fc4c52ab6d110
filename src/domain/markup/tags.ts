/**
 * The inline tags an imported article may carry through translation, and the one place that decides which
 * attributes survive. Used on import (attributes from the parsed page) and again on render (attributes from
 * storage), so a tampered or old `markup` record can never put anything outside this allowlist on a page.
 */
import escapeHtml from 'escape-html';

export const inlineTags = ['b', 'strong', 'i', 'em', 'a', 'span', 'sub', 'sup', 'br'] as const;
export type InlineTag = (typeof inlineTags)[number];

/** A sanitised inline tag; `attrs` holds at most `href` (on a) or `lang`/`dir` (on span). */
export interface MarkupTag {
  tag: InlineTag;
  attrs: Record<string, string>;
}

const ALLOWED = new Set<string>(inlineTags);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const DIRS = new Set(['ltr', 'rtl', 'auto']);

export function isInlineTag(name: string): name is InlineTag {
  return ALLOWED.has(name);
}

/**
 * Returns the href to keep, or null. Browsers ignore leading control characters and spaces and drop tabs
 * and newlines anywhere in a URL, so "\tjava\nscript:" is checked in the form a browser would follow.
 * Anything with a scheme other than http(s)/mailto is refused; scheme-less (relative) URLs are kept.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const href = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (href === '' || /[\u0000-\u001f\u007f]/.test(href)) return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href);
  if (scheme && !SAFE_SCHEMES.has(scheme[1]!.toLowerCase())) return null;
  return href;
}

/**
 * Sanitises one tag. Returns null when the tag should be unwrapped (its text kept, the tag lost): not in the
 * allowlist, an a without a safe href, or a span left with no attributes – a bare span renders as nothing,
 * so a placeholder for it would only give translators something to carry for no effect.
 */
export function sanitizeTag(name: unknown, attrs: unknown): MarkupTag | null {
  if (typeof name !== 'string') return null;
  const tag = name.toLowerCase();
  if (!isInlineTag(tag)) return null;
  const source = typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {};
  const own = (key: string): unknown => (Object.hasOwn(source, key) ? source[key] : undefined);
  const kept: Record<string, string> = {};
  if (tag === 'a') {
    const href = safeHref(own('href'));
    if (href === null) return null;
    kept.href = href;
  } else if (tag === 'span') {
    const lang = own('lang');
    const dir = own('dir');
    if (typeof lang === 'string' && LANG.test(lang.trim())) kept.lang = lang.trim();
    if (typeof dir === 'string' && DIRS.has(dir.trim().toLowerCase())) kept.dir = dir.trim().toLowerCase();
    if (Object.keys(kept).length === 0) return null;
  }
  return { tag, attrs: kept };
}

/** Opening tag HTML; attribute values escaped. The caller passes only sanitised tags. */
export function openTag(markup: MarkupTag): string {
  const attrs = Object.entries(markup.attrs)
    .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
    .join('');
  return `<${markup.tag}${attrs}>`;
}

export function closeTag(markup: MarkupTag): string {
  return `</${markup.tag}>`;
}
