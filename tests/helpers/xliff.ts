/** Shared steps of the XLIFF tests: an HTML article with inline markup, and uploads of a file. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { eventually, type Harness } from './harness.js';
import { xmllint } from './xmllint.js';

export const sampleHtml = readFileSync(new URL('../fixtures/html/tass-aliyev-apology.html', import.meta.url), 'utf8');

export interface SubmittedArticle {
  id: string;
  segments: Array<{ id: string; text: string; blockIndex: number; blockType: string }>;
}

/** The sample page imported as HTML (so its bold and links become placeholders), into the given locales. */
export async function submitSampleHtml(h: Harness, token: string, targetLocales = 'en', html = sampleHtml): Promise<SubmittedArticle> {
  const res = await h.call('POST', `/api/v1/articles?sourceLang=ru&targetLocales=${targetLocales}`, {
    token,
    body: html,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
  if (res.status !== 201) throw new Error(`article not accepted: ${res.status} ${res.text}`);
  const blocks = res.body.blocks as Array<{ index: number; type: string; segments: Array<{ id: string; text: string }> }>;
  return {
    id: res.body.id,
    segments: blocks.flatMap((b) => b.segments.map((s) => ({ ...s, blockIndex: b.index, blockType: b.type }))),
  };
}

export function upload(h: Harness, path: string, token: string, xml: string, contentType = 'application/xliff+xml') {
  return h.call('POST', path, { token, body: xml, headers: { 'content-type': contentType } });
}

/** A translator who may hold a whole article at once. */
export async function bigTranslator(h: Harness, pairs: Array<{ source: string; target: string }>): Promise<string> {
  const res = await h.call('POST', '/api/v1/users', {
    token: h.adminToken,
    json: { name: 'offline translator', roles: ['translator'], languagePairs: pairs, capacity: 100 },
  });
  return res.body.token as string;
}

/** Counts of what an import may change, to show that a refused one changed nothing. */
export async function footprint(h: Harness): Promise<Record<string, number>> {
  const result = await h.api.pool.query(
    `SELECT (SELECT count(*) FROM translation_history)::int AS history,
            (SELECT count(*) FROM tasks WHERE status <> 'queued' OR translation IS NOT NULL OR draft IS NOT NULL)::int AS touched,
            (SELECT count(*) FROM translation_memory)::int AS memory,
            (SELECT count(*) FROM published_versions)::int AS published`,
  );
  return result.rows[0];
}

/**
 * Rewrites the targets of a file as a CAT tool would, unit by unit: `edit` gets the unit id and the target's
 * inner XML (inline codes included) and returns the new inner XML, or null to leave the unit alone. Memory
 * matches (mtc:match, alt-trans) keep their targets.
 */
export function editTargets(xml: string, edit: (unitId: string, inner: string) => string | null): string {
  const units = /(<(unit|trans-unit) id="([^"]+)"[^>]*>)([\s\S]*?)(<\/\2>)/g;
  const ownTarget = /((?:<segment[^>]*>\s*)?<source>[\s\S]*?<\/source>\s*<target[^>]*>)([\s\S]*?)(<\/target>)/;
  return xml.replace(units, (_all, open: string, _kind: string, id: string, body: string, close: string) => {
    const segment = body.indexOf('<segment');
    const start = segment >= 0 ? segment : body.indexOf('<source>');
    const head = body.slice(0, start);
    const rest = body.slice(start).replace(ownTarget, (whole, before: string, inner: string, after: string) => {
      const next = edit(id, inner);
      return next === null ? whole : `${before}${next}${after}`;
    });
    return `${open}${head}${rest}${close}`;
  });
}

export function unitIds(xml: string): string[] {
  return [...xml.matchAll(/<(?:unit|trans-unit) id="([^"]+)"/g)].map((m) => m[1]!);
}

/** GETs an export and checks it against the official schema of its version before the test uses it. */
export async function exportFile(h: Harness, path: string, token: string): Promise<string> {
  const res = await h.call('GET', path, { token });
  if (res.status !== 200) throw new Error(`export ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
  const problems = xmllint(res.text.includes('urn:oasis:names:tc:xliff:document:1.2') ? 'xliff12' : 'xliff20', res.text);
  if (problems !== '') throw new Error(`export ${path} is not valid XLIFF:\n${problems}`);
  return res.text;
}

/**
 * Submits an HTML page from English into `locale` and waits until the workers have stored a machine
 * suggestion for every sentence (the locale's pair is served by a machine-translation provider).
 */
export async function submitWithMachineSuggestions(h: Harness, editor: string, locale: string, html: string): Promise<{ id: string; segments: number }> {
  const res = await h.call('POST', `/api/v1/articles?sourceLang=en&targetLocales=${locale}`, {
    token: editor,
    body: html,
    headers: { 'content-type': 'text/html' },
  });
  expect(res.status, res.text).toBe(201);
  const id: string = res.body.id;
  const total: number = res.body.progress[locale].total;
  await eventually(async () => {
    const rows = await h.api.pool.query(
      `SELECT x.machine_status AS status FROM tasks t LEFT JOIN task_suggestions x ON x.task_id = t.id WHERE t.article_id = $1`,
      [id],
    );
    return rows.rows.length === total && rows.rows.every((r) => r.status === 'stored');
  }, 30_000);
  return { id, segments: total };
}
