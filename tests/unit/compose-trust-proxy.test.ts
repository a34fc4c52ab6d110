/**
 * DRAGOMAN_TRUST_PROXY lets a proxy name the client's address, which the failed-authentication limit counts
 * by. In docker-compose.yml only the API is behind nginx (and publishes no port itself): only it may trust.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');

/** The text of each top-level entry under `services:`, by name (two-space indented keys). */
function services(text: string): Map<string, string> {
  const body = text.slice(text.indexOf('\nservices:\n'));
  const end = body.search(/\n[^\s#][^\n]*:\s*\n/g);
  const section = body.slice(0, body.indexOf('\nvolumes:') > 0 ? body.indexOf('\nvolumes:') : end);
  const found = new Map<string, string>();
  for (const block of section.split(/\n(?=  [a-z][\w-]*:\s*\n)/)) {
    const name = /^  ([a-z][\w-]*):/.exec(block)?.[1];
    if (name) found.set(name, block);
  }
  return found;
}

describe('docker-compose.yml', () => {
  it('trusts a proxy only in the api service, which nginx fronts and which publishes no port', () => {
    const all = services(compose);
    expect([...all.keys()]).toEqual(expect.arrayContaining(['api', 'workers', 'migrate', 'proxy']));
    const trusting = [...all].filter(([, block]) => /DRAGOMAN_TRUST_PROXY/.test(block)).map(([name]) => name);
    expect(trusting).toEqual(['api']);
    expect(all.get('api')).not.toMatch(/\n\s+ports:/);
    // Not in the environment every service shares either.
    const shared = compose.slice(0, compose.indexOf('\nservices:\n'));
    expect(shared).not.toMatch(/DRAGOMAN_TRUST_PROXY/);
  });
});
