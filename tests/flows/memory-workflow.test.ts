import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

const gold = JSON.parse(readFileSync(new URL('../fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: Array<{ type: string; text: string }>;
};
const headline = gold.blocks.find((b) => b.type === 'headline')!.text;
const content = gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type)).map(({ type, text }) => ({ type, text }));

let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness({ workers: true });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

async function translateAll(): Promise<Array<{ source: string; suggestions: Array<{ score: number; kind: string; target: string; diff: Array<{ op: string; text: string }> }>; glossary: Array<{ term: string; matched: string }> }>> {
  const claims = [];
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    if (claim.status === 204) return claims;
    claims.push(claim.body);
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `EN ${claim.body.source}` } });
  }
}

describe('translation memory in the workflow', () => {
  it('fills sentences seen in the same context, suggests edited ones, lists glossary terms, and reports leverage', async () => {
    const first = await h.call('POST', '/api/v1/articles', { token: editor, json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: content } });
    const firstClaims = await translateAll();
    expect(firstClaims.length).toBe(first.body.progress.en.total);
    // Approved translations enter the memory (the workers do it within a second or so).
    await eventually(async () => {
      const n = await h.api.pool.query('SELECT count(*)::int AS n FROM translation_memory');
      return n.rows[0].n === firstClaims.length;
    });

    await h.call('POST', '/api/v1/glossary/ru/en', { token: editor, json: { term: 'Ильхам Алиев', translation: 'Ilham Aliyev' } });

    // A follow-up: the first paragraph edited, the rest unchanged.
    const edited = content.map((b, i) =>
      i === 0 ? { ...b, text: b.text.replace('принес свои извинения', 'принес официальные извинения') } : b,
    );
    const second = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: edited },
    });
    expect(second.status).toBe(201);
    // Everything but the edited sentence and its two neighbours (whose context changed) is filled in.
    expect(second.body.progress.en.total - second.body.progress.en.done).toBe(3);
    // The workers look the memory up for the waiting sentences when the article arrives; claims read that.
    await eventually(async () => {
      const stored = await h.api.pool.query(
        `SELECT count(*)::int AS n FROM task_suggestions x JOIN tasks t ON t.id = x.task_id WHERE t.article_id = $1`,
        [second.body.id],
      );
      return stored.rows[0].n === 3;
    });
    const claims = await translateAll();
    expect(claims).toHaveLength(3);
    const editedClaim = claims.find((c) => c.source.includes('официальные'))!;
    const best = editedClaim.suggestions[0]!;
    expect(best.kind).toBe('fuzzy');
    expect(best.score).toBeGreaterThanOrEqual(85);
    expect(best.score).toBeLessThan(100);
    expect(best.target).toContain('EN Президент Азербайджана');
    expect(best.diff.filter((d) => d.op !== 'equal').map((d) => d.text.trim()).join(' ')).toMatch(/свои|официальные/);
    expect(editedClaim.glossary.map((g) => g.matched)).toContain('Ильхам Алиев');
    // The neighbours are the same sentences in a new context: exact, not in-context, matches.
    const neighbour = claims.find((c) => c !== editedClaim)!;
    expect(neighbour.suggestions[0]).toMatchObject({ kind: 'exact', score: 100 });

    const tasks = await h.call('GET', `/api/v1/articles/${second.body.id}/tasks`, { token: editor });
    const filled = tasks.body.tasks.filter((t: { filledFrom: string | null }) => t.filledFrom === 'memory');
    expect(filled).toHaveLength(second.body.progress.en.total - 3);
    const view = await h.call('GET', `/api/v1/articles/${second.body.id}`, { token: editor });
    const leverage = view.body.leverage.en;
    expect(leverage.filledWords).toBeGreaterThan(0);
    expect(leverage.fuzzyHelpWords).toBeGreaterThan(0);
    expect(leverage.exactHelpWords).toBeGreaterThan(0);
    expect(leverage.filledWords + leverage.fuzzyHelpWords + leverage.exactHelpWords).toBe(leverage.words);
    await eventually(async () => (await h.call('GET', `/api/v1/published/${second.body.id}/en`, { token: editor })).status === 200);
    const history = await h.call('GET', `/api/v1/segments/${second.body.blocks[5].segments[0].id}/history`, { token: editor });
    expect(history.body.history.map((e: { stage: string }) => e.stage)).toContain('memory');
  }, 120_000); // three waits of up to 25 s (or their own) one after the other, within the test's time

  it('sends memory matches to review where the locale asks for it', async () => {
    const checksOff = (await h.api.pool.query(`SELECT disabled_checks FROM locale_settings WHERE locale = 'en'`)).rows[0].disabled_checks;
    await h.call('PUT', '/api/v1/locales/en/settings', { token: h.adminToken, json: { reviewMemoryMatches: true, disabledChecks: checksOff } });
    const again = await h.call('POST', '/api/v1/articles', { token: editor, json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: content } });
    expect(again.body.progress.en).toMatchObject({ done: 0, inReview: again.body.progress.en.total });
  });
});
