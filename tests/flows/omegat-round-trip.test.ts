/**
 * The round trip with a real CAT tool: Dragoman exports XLIFF 1.2, OmegaT translates it headless from the
 * translator's memory (project_save.tmx) and writes the translated files, Dragoman imports them. One OmegaT
 * run serves both ways work leaves Dragoman: a translator's claimed stretch (POST /xliff) and an editor's
 * whole article for an agency (POST /articles/:id/locales/:locale/xliff). Both articles are imported from
 * HTML, so their bold text and links travel as inline codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleArticle } from '../../src/domain/assembly.js';
import { stripPlaceholders } from '../../src/domain/markup/placeholders.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { createProject, omegatSegment, translateProject, type OmegatEntry, type OmegatProject } from '../helpers/omegat.js';
import { xmllint } from '../helpers/xmllint.js';
import { bigTranslator, editTargets, sampleHtml, submitSampleHtml, upload, type SubmittedArticle } from '../helpers/xliff.js';

let h: Harness;
let project: OmegatProject | null = null;

beforeAll(async () => {
  h = await startHarness({ workers: true });
});
afterAll(async () => {
  project?.remove();
  await h?.close();
});

/** The translator's work in OmegaT: every segment translated, its tags kept where they were. */
const translate = (segment: string) => `EN: ${segment}`;

/** The published version Dragoman must assemble from those translations, from its own stored layout and markup. */
async function expectedVersion(article: SubmittedArticle) {
  const layout = await h.api.pool.query(
    `SELECT l.block_index AS "blockIndex", l.block_type AS "blockType", l.position, l.space_after AS "spaceAfter", s.text
     FROM revision_segments l JOIN segments s ON s.id = l.segment_id WHERE l.article_id = $1 AND l.revision = 1`,
    [article.id],
  );
  const markup = (await h.api.pool.query(`SELECT markup FROM article_revisions WHERE article_id = $1`, [article.id])).rows[0].markup;
  return assembleArticle(layout.rows.map((row) => ({ ...row, translation: translatedLikeOmegat(row.text) })), markup);
}

/** A segment wholly inside one tag pair is translated inside it: OmegaT keeps such tags out of the segment. */
function translatedLikeOmegat(text: string): string {
  const enclosed = /^(⟦(\d+)⟧)([\s\S]*)(⟦\/\2⟧)$/.exec(text);
  return enclosed && !enclosed[3]!.includes(`⟦/${enclosed[2]}⟧`) ? `${enclosed[1]}${translatedLikeOmegat(enclosed[3]!)}${enclosed[4]}` : `EN: ${text}`;
}

async function published(articleId: string, editor: string) {
  return eventually(async () => {
    const res = await h.call('GET', `/api/v1/published/${articleId}/en`, { token: editor });
    return res.status === 200 ? res.body : null;
  }, 20_000);
}

describe('XLIFF 1.2 through OmegaT and back', () => {
  it('publishes both articles with exactly the translations made in OmegaT and their inline markup intact', async () => {
    const editor = await h.user(['editor', 'publisher']);
    const offline = await submitSampleHtml(h, editor, 'en');
    const agency = await submitSampleHtml(h, editor, 'en', sampleHtml.replace('Об этом сообщает', 'Об этом сообщил'));
    expect(offline.segments.some((s) => /⟦\d+⟧/.test(s.text))).toBe(true);

    // The translator claims the whole first article and takes it offline; the editor exports the second.
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'en' }]);
    let held = 0;
    while (held < offline.segments.length) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: Math.min(50, offline.segments.length - held) } });
      expect(claim.status).toBe(200);
      held += claim.body.tasks.length;
    }
    const mine = await h.call('GET', '/api/v1/tasks/mine/xliff?version=1.2&fillTarget=source', { token: translator });
    const whole = await h.call('GET', `/api/v1/articles/${agency.id}/locales/en/xliff?version=1.2&fillTarget=source`, { token: editor });
    for (const file of [mine, whole]) {
      expect(file.status).toBe(200);
      expect(xmllint('xliff12', file.text)).toBe('');
    }

    // What the translator has in OmegaT's project memory: each segment as OmegaT shows it, translated.
    const memory = new Map<string, OmegatEntry>();
    for (const file of [mine.text, whole.text]) {
      editTargets(file, (_id, inner) => {
        const segment = omegatSegment(inner);
        memory.set(segment, { source: segment, target: translate(segment) });
        return null;
      });
    }
    project = createProject('ru', 'en', { 'offline.xlf': mine.text, 'agency.xlf': whole.text }, [...memory.values()]);
    expect(xmllint('tmx14', project.memoryTmx)).toBe('');
    await translateProject(project);

    const offlineBack = project.translated('offline.xlf');
    const agencyBack = project.translated('agency.xlf');
    for (const file of [offlineBack, agencyBack]) expect(xmllint('xliff12', file)).toBe('');
    expect(offlineBack).toMatch(/<target state="needs-translation">EN: [^<]*<g id="\d+" ctype="bold">Ильхам Алиев<\/g>/);

    const fromTranslator = await upload(h, '/api/v1/xliff', translator, offlineBack);
    expect(fromTranslator.status).toBe(200);
    expect(fromTranslator.body.summary).toEqual({ accepted: offline.segments.length });
    const fromAgency = await upload(h, `/api/v1/articles/${agency.id}/locales/en/xliff`, editor, agencyBack);
    expect(fromAgency.status).toBe(200);
    expect(fromAgency.body.summary).toEqual({ accepted: agency.segments.length });

    for (const article of [offline, agency]) {
      const tasks = await h.api.pool.query(`SELECT status, count(*)::int AS n FROM tasks WHERE article_id = $1 AND target_locale = 'en' GROUP BY status`, [article.id]);
      expect(tasks.rows).toEqual([{ status: 'done', n: article.segments.length }]);
      const version = await published(article.id, editor);
      const expected = await expectedVersion(article);
      expect(version.headline).toBe(expected.headline);
      expect(version.blocks).toEqual(expected.blocks);
      // Independently of the assembly code: the source's markup is all there, around the same words.
      const source = await h.call('GET', `/api/v1/published/${article.id}/ru`, { token: editor });
      const tags = (blocks: Array<{ html?: string }>) => blocks.flatMap((b) => (b.html ?? '').match(/<[^>]+>/g) ?? []);
      expect(tags(version.blocks)).toEqual(tags(source.body.blocks));
      const lead = version.blocks.find((b: { html: string }) => b.html.includes('<b>'));
      expect(lead.html).toContain('<b>Ильхам Алиев</b>');
      expect(lead.html).toMatch(/<a href="http:\/\/kremlin.ru\/events\/president\/news\/72345">пресс-служба Кремля<\/a>/);
      expect(stripPlaceholders(lead.text)).toMatch(/^EN: Президент Азербайджана Ильхам Алиев/);
      const related = version.blocks.find((b: { type: string }) => b.type === 'related');
      expect(related.html).toBe('<a href="/tag/gsv-rossiya-islamskij-mir">EN: ГСВ &quot;Россия - Исламский мир&quot;</a>');
    }
  }, 120_000); // a JVM start and two article workflows: ~15 s on a quiet box, more on a shared one
});
