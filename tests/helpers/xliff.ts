/** Shared steps of the XLIFF tests: an HTML article with inline markup, and uploads of a file. */
import { readFileSync } from 'node:fs';
import type { Harness } from './harness.js';

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
