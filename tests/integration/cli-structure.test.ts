/**
 * `dragoman segment --structure` previews what the API stores for a pasted page: the same page posted to
 * POST /api/v1/articles and read back from PostgreSQL gives the same blocks, dateline and segments.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderStructure } from '../../src/cli/structure-command.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

const fixtures = new URL('../fixtures/', import.meta.url);

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const io = { stdin: Readable.from(['']), stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } };
  expect(await main(args, io)).toBe(0);
  return out.join('');
}

async function stored(articleId: string): Promise<string> {
  const revision = await h.api.pool.query('SELECT dateline FROM article_revisions WHERE article_id = $1 AND revision = 1', [articleId]);
  const segments = await h.api.pool.query(
    `SELECT l.block_index AS "blockIndex", l.block_type AS "blockType", s.text
     FROM revision_segments l JOIN segments s ON s.id = l.segment_id
     WHERE l.article_id = $1 AND l.revision = 1 ORDER BY l.position`,
    [articleId],
  );
  return renderStructure(revision.rows[0].dateline, segments.rows);
}

describe('dragoman segment --structure', () => {
  it('agrees with the API on the sample article pasted as text', async () => {
    const path = new URL('tass-aliyev-apology.ru.txt', fixtures);
    const res = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en', {
      token: editor,
      body: readFileSync(path, 'utf8'),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    const preview = await cli(['segment', '--structure', '--lang', 'ru', path.pathname]);
    expect(preview).toBe(await stored(res.body.id));
    expect(preview).toMatch(/^# headline\nАлиев принес извинения/);
    expect(preview).toContain('# dateline: 21 сентября 2023');
  });

  it('agrees with the API on an HTML page', async () => {
    const file = readFileSync(new URL('html/', fixtures).pathname + 'tass-aliyev-apology.html', 'utf8');
    const res = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en', {
      token: editor,
      body: file,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(res.status).toBe(201);
    const preview = await cli(['segment', '--structure', '--html', '--lang', 'ru', new URL('html/tass-aliyev-apology.html', fixtures).pathname]);
    expect(preview).toBe(await stored(res.body.id));
  });
});
