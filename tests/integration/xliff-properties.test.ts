/**
 * Round-trip properties over generated articles (sentences with paired and void placeholders) and task
 * states: an exported file uploaded unchanged changes nothing; a translated one stores every placeholder
 * exactly; and a unit whose sentence a later revision changed is refused while the others are applied.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { bigTranslator, editTargets, exportFile, upload } from '../helpers/xliff.js';
import { xmllint } from '../helpers/xmllint.js';

let h: Harness;
let editor: string;
let run = 0;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  await h.call('PUT', '/api/v1/locales/en-GB/settings', { token: h.adminToken, json: { reviewByDefault: false, disabledChecks: [...qaCodes] } });
});
afterAll(async () => h?.close());

const words = ['Президент', 'заявил', 'правительство', 'Москва', 'решение', 'сегодня', 'важно', 'глава'];

/** A sentence of words, some wrapped in a tag pair, some followed by a line break (void token). */
const sentence = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom('plain', 'pair', 'void')), { minLength: 2, maxLength: 6 });
const article = fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

/** Block texts with placeholder numbers unique in the article, and a unique word so memory never fills them. */
function textsOf(blocks: Array<Array<Array<[string, string]>>>, tag: string): string[][] {
  let n = 0;
  return blocks.map((block) =>
    block.map((words, s) => {
      const body = words.map(([word, kind]) => (kind === 'pair' ? `⟦${++n}⟧${word}⟦/${n}⟧` : kind === 'void' ? `${word}⟦${++n}/⟧` : word)).join(' ');
      return `Номер${tag}x${s} ${body}.`;
    }),
  );
}

async function submit(blocks: string[][], tag: string, locale: string) {
  const res = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: [locale], headline: `Заголовок ${tag}`, blocks: blocks.map((b) => ({ type: 'paragraph', text: b.join(' ') })) },
  });
  expect(res.status).toBe(201);
  const segments = (res.body.blocks as Array<{ segments: Array<{ id: string; text: string }> }>).flatMap((b) => b.segments);
  return { id: res.body.id as string, segments };
}

async function snapshot(articleId: string) {
  const tasks = await h.api.pool.query(
    `SELECT segment_id, status, translation, draft, assignee, lease_expires_at, translated_by FROM tasks WHERE article_id = $1 ORDER BY segment_id`,
    [articleId],
  );
  const history = await h.api.pool.query(`SELECT count(*)::int AS n FROM translation_history WHERE task_id IN (SELECT id FROM tasks WHERE article_id = $1)`, [articleId]);
  return { tasks: tasks.rows, history: history.rows[0].n };
}

const settings = { numRuns: 8, endOnFailure: true };

describe('XLIFF round trip over generated articles', () => {
  it('an exported file uploaded unchanged changes nothing, whatever the state of the tasks', async () => {
    await fc.assert(
      fc.asyncProperty(
        article,
        fc.array(fc.constantFrom('waiting', 'held', 'done', 'draft'), { minLength: 20, maxLength: 20 }),
        fc.constantFrom('2.0', '1.2'),
        fc.boolean(),
        fc.constantFrom('editor', 'translator'),
        async (shape, states, version, fill, route) => {
          const tag = `u${++run}`;
          const { id, segments } = await submit(textsOf(shape, tag), tag, 'en');
          const translator = await bigTranslator(h, [{ source: 'ru', target: 'en' }]);
          const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: segments.length } });
          for (const [i, task] of (claim.body.tasks as Array<{ id: string; segmentId: string; source: string }>).entries()) {
            const state = states[i % states.length];
            if (state === 'done') await h.call('POST', `/api/v1/tasks/${task.id}/submit`, { token: translator, json: { text: `EN ${task.source}` } });
            if (state === 'draft') await h.api.pool.query(`UPDATE tasks SET draft = $2 WHERE id = $1`, [task.id, `draft ${task.source}`]);
            if (state === 'waiting' && route === 'editor') await h.call('POST', `/api/v1/tasks/${task.id}/release`, { token: translator });
          }
          const query = `?version=${version}${fill ? '&fillTarget=source' : ''}`;
          const exported =
            route === 'editor'
              ? await h.call('GET', `/api/v1/articles/${id}/locales/en/xliff${query}`, { token: editor })
              : await h.call('GET', `/api/v1/tasks/mine/xliff${query}`, { token: translator });
          if (route === 'translator' && exported.status === 404) {
            // Every task was submitted: the translator holds nothing to take offline.
            expect(exported.body.code).toBe('nothing_to_export');
            return;
          }
          expect(exported.status).toBe(200);
          expect(xmllint(version === '2.0' ? 'xliff20' : 'xliff12', exported.text)).toBe('');
          const before = await snapshot(id);
          const res =
            route === 'editor'
              ? await upload(h, `/api/v1/articles/${id}/locales/en/xliff`, editor, exported.text)
              : await upload(h, '/api/v1/xliff', translator, exported.text);
          expect(res.status).toBe(200);
          expect(Object.keys(res.body.summary)).toEqual(['unchanged']);
          expect(await snapshot(id)).toEqual(before);
        },
      ),
      settings,
    );
  });

  it('stores every placeholder exactly, and refuses units whose sentence a later revision changed', async () => {
    await fc.assert(
      fc.asyncProperty(article, fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), fc.constantFrom('2.0', '1.2'), async (shape, edits, version) => {
        const tag = `r${++run}`;
        const blocks = textsOf(shape, tag);
        const { id, segments } = await submit(blocks, tag, 'en-GB');
        const exported = await exportFile(h, `/api/v1/articles/${id}/locales/en-GB/xliff?version=${version}&fillTarget=source`, editor);
        const translated = editTargets(exported, (_unit, inner) => `GB ${inner}`);
        // The editor changes some sentences after the export (every sentence is its own segment here).
        let k = 0;
        const changed = new Set<string>();
        const revisedBlocks = blocks.map((block) =>
          block.map((text) => {
            const edit = edits[k++ % edits.length];
            if (!edit) return text;
            changed.add(text);
            return text.replace(/\.$/, ' уточнение.');
          }),
        );
        const revised = await h.call('PUT', `/api/v1/articles/${id}`, {
          token: editor,
          json: { sourceLang: 'ru', targetLocales: ['en-GB'], headline: `Заголовок ${tag}`, blocks: revisedBlocks.map((b) => ({ type: 'paragraph', text: b.join(' ') })) },
        });
        expect(revised.status).toBe(200);
        const res = await upload(h, `/api/v1/articles/${id}/locales/en-GB/xliff`, editor, translated);
        expect(res.status).toBe(200);
        const outcomes = new Map(res.body.units.map((u: { id: string; outcome: string }) => [u.id, u.outcome]));
        const stored = await h.api.pool.query(`SELECT segment_id AS id, translation, status FROM tasks WHERE article_id = $1`, [id]);
        const byId = new Map(stored.rows.map((r) => [r.id as string, r]));
        for (const segment of segments) {
          if (changed.has(segment.text)) {
            expect(outcomes.get(segment.id)).toBe('source_changed');
            expect(byId.get(segment.id)).toMatchObject({ status: 'cancelled', translation: null });
          } else {
            expect(outcomes.get(segment.id)).toBe('accepted');
            expect(byId.get(segment.id)).toMatchObject({ status: 'done', translation: `GB ${segment.text}` });
          }
        }
      }),
      settings,
    );
  });
});
