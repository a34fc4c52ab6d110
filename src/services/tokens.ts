import { createHash } from 'node:crypto';

/** Tokens are high-entropy random strings, so a fast hash is enough: no salt or slow KDF needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
