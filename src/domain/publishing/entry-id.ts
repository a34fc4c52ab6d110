import { createHash } from 'node:crypto';

/**
 * A name-based (version 5) UUID: the same article and locale always get the same Atom entry id, whatever
 * the public address, so a feed reader sees a new revision as an update of the entry it has.
 */
export function nameBasedUuid(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Namespace of the feeds themselves (a fixed random UUID): one feed id per locale. */
const feedNamespace = '8f3c2a4e-5b7d-4e1f-9a6c-2d8b0e4f7a13';

export const atomIds = {
  entry: (articleId: string, locale: string) => `urn:uuid:${nameBasedUuid(articleId, locale)}`,
  feed: (locale: string) => `urn:uuid:${nameBasedUuid(feedNamespace, `feed/${locale}`)}`,
};
