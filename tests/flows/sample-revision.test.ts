import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

const gold = JSON.parse(readFileSync(new URL('../fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: Array<{ type: string; text: string }>;
};
const headline = gold.blocks.find((b) => b.type === 'headline')!.text;
const content = gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type)).map(({ type, text }) => ({ type, text }));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: true });
});
afterAll(async () => h?.close());

describe('a revision of the sample article', () => {
  it('queues only the changed and the new sentences, and re-publishes both locales as revision 2', async () => {
    const editor = await h.user(['editor']);
    const translator = await h.user(['translator'], [
      { source: 'ru', target: 'en' },
      { source: 'ru', target: 'ar' },
    ]);
    const work = async (tag: string) => {
      const seen: Array<{ locale: string; source: string }> = [];
      for (;;) {
        const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
        if (claim.status === 204) return seen;
        seen.push({ locale: claim.body.targetLocale, source: claim.body.source });
        await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `${tag}:${claim.body.source}` } });
      }
    };
    const created = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], headline, blocks: content },
    });
    const id = created.body.id as string;
    const firstRound = await work('v1');
    expect(firstRound.length).toBe(2 * created.body.progress.en.total);
    await eventually(async () => (await h.call('GET', `/api/v1/published/${id}/ar`, { token: editor })).status === 200);

    const changedFrom = 'Об этом сообщает пресс-служба Кремля.';
    const changedTo = 'Об этом сообщила пресс-служба Кремля в среду.';
    const removed = content.findIndex((b) => b.text.startsWith('Путин и Алиев отметили важность'));
    const added = { type: 'paragraph', text: 'В Кремле пообещали держать ситуацию под контролем. Новые контакты запланированы.' };
    const revised = content
      .map((b) => ({ ...b, text: b.text.replace(changedFrom, changedTo) }))
      .filter((_, i) => i !== removed);
    revised.splice(3, 0, added);
    const put = await h.call('PUT', `/api/v1/articles/${id}`, {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], headline, blocks: revised },
    });
    expect(put.status).toBe(200);
    expect(put.body.revision).toBe(2);

    const secondRound = await work('v2');
    const expected = [changedTo, 'В Кремле пообещали держать ситуацию под контролем.', 'Новые контакты запланированы.'];
    for (const locale of ['en', 'ar']) {
      expect(secondRound.filter((s) => s.locale === locale).map((s) => s.source).sort()).toEqual([...expected].sort());
    }

    for (const locale of ['en', 'ar']) {
      const v2 = await eventually(async () => {
        const res = await h.call('GET', `/api/v1/published/${id}/${locale}`, { token: editor });
        return res.body.revision === 2 ? res.body : null;
      });
      const texts = v2.blocks.map((b: { text: string }) => b.text);
      expect(texts).toHaveLength(revised.length);
      expect(texts[0]).toContain(`v2:${changedTo}`);
      expect(texts[0]).toContain('v1:Президент Азербайджана Ильхам Алиев');
      expect(texts[3]).toBe('v2:В Кремле пообещали держать ситуацию под контролем. v2:Новые контакты запланированы.');
      expect(texts.join(' ')).not.toContain('Путин и Алиев отметили важность');
      const v1 = await h.call('GET', `/api/v1/published/${id}/${locale}?revision=1`, { token: editor });
      expect(v1.body.blocks.map((b: { text: string }) => b.text).join(' ')).toContain('v1:Путин и Алиев отметили важность');
    }
    const versions = await h.api.pool.query(`SELECT locale, revision FROM published_versions WHERE article_id = $1 ORDER BY locale, revision`, [id]);
    expect(versions.rows).toEqual([
      { locale: 'ar', revision: 1 },
      { locale: 'ar', revision: 2 },
      { locale: 'en', revision: 1 },
      { locale: 'en', revision: 2 },
    ]);
  });
});
