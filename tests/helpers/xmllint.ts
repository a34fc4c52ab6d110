/**
 * The official validators for exchange formats: xmllint (libxml2-utils) against the OASIS XLIFF schemas and
 * the TMX 1.4 DTD in tests/fixtures/schemas, offline. Returns xmllint's complaints, empty when valid.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Many documents in one xmllint run (the schema is compiled once): xmllint's complaints about each, in
 * order, empty for a valid one. For property tests that check hundreds of documents.
 */
export function xmllintMany(format: Format, documents: readonly string[]): string[] {
  if (documents.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'xmllint-'));
  try {
    const files = documents.map((document, i) => {
      const file = join(dir, `${i}.xml`);
      writeFileSync(file, document);
      return file;
    });
    const result = spawnSync('xmllint', ['--noout', '--nonet', ...args[format], ...files], {
      cwd: schemasDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, XML_CATALOG_FILES: 'xliff12/catalog.xml' },
    });
    if (result.error) throw result.error;
    const complaints = new Map<string, string[]>(files.map((f) => [f, []]));
    const verdicts = new Map<string, boolean>();
    for (const line of result.stderr.split('\n')) {
      const verdict = /^(.*) (validates|fails to validate)$/.exec(line);
      if (verdict && complaints.has(verdict[1]!)) {
        verdicts.set(verdict[1]!, verdict[2] === 'validates');
        continue;
      }
      const file = files.find((f) => line.startsWith(`${f}:`));
      if (file) complaints.get(file)!.push(line.slice(dir.length + 1));
    }
    return files.map((f) => {
      // A document that is not well-formed gets no verdict line, only parser errors.
      if (verdicts.get(f) === true) return '';
      return complaints.get(f)!.join('\n') || `xmllint refused ${f}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
