import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. A newsroom's service sits inside its network: a webhook to a loopback,
 * private, link-local or reserved address (the cloud metadata service at 169.254.169.254, Redis on
 * 127.0.0.1:6379) would let whoever registers it probe and poke that network. Only public unicast
 * addresses are allowed, unless the operator allows private ones for local testing.
 */
export const webhookUrlMaxLength = 2048;

export type TargetRefusal = 'not_http' | 'credentials' | 'too_long' | 'private_address' | 'unresolvable';

export type UrlCheck = { ok: true; url: URL; host: string; ipLiteral: boolean } | { ok: false; reason: TargetRefusal };

/** What can be told from the URL alone. The WHATWG parser already turns `2130706433` and `127.1` into 127.0.0.1. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): UrlCheck {
  if (raw.length > webhookUrlMaxLength) return { ok: false, reason: 'too_long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not_http' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'not_http' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const ipLiteral = ipaddr.isValid(host);
  if (ipLiteral && !allowPrivate && !isPublicAddress(host)) return { ok: false, reason: 'private_address' };
  return { ok: true, url, host, ipLiteral };
}

/** Public unicast only; an IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one. */
export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}
