/**
 * The official validators for exchange formats: xmllint (libxml2-utils) against the OASIS XLIFF schemas and
 * the TMX 1.4 DTD in tests/fixtures/schemas, offline. Returns xmllint's complaints, empty when valid.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const schemasDir = fileURLToPath(new URL('../fixtures/schemas/', import.meta.url));

export type Format = 'xliff20' | 'xliff12' | 'tmx14';

const args: Record<Format, string[]> = {
  xliff20: ['--schema', 'xliff20-with-modules.xsd'],
  xliff12: ['--schema', 'xliff12/xliff-core-1.2-strict.xsd'],
  tmx14: ['--dtdvalid', 'tmx/tmx14.dtd'],
};

export function xmllint(format: Format, document: string): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', ...args[format], '-'], {
    cwd: schemasDir,
    input: document,
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: 'xliff12/catalog.xml' },
  });
  if (result.error) throw result.error;
  return result.status === 0 ? '' : `${result.stderr}`.trim() || `xmllint exited with ${result.status}`;
}
