import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../../src/domain/import/html.js';
import { listPlaceholders, renderMarkup, stripPlaceholders } from '../../../src/domain/markup/placeholders.js';
import { fixturesDir, loadSample } from '../segmentation/load-fixtures.js';
import { unsafeParts } from './safe-html.js';

const html = readFileSync(`${fixturesDir}html/tass-aliyev-apology.html`, 'utf8');
const article = importHtml(html, 'ru');
const { gold } = loadSample();

describe('importHtml on the sample article page', () => {
  it('gives the headline and dateline of the plain-text gold', () => {
    expect(article.headline).toBe(gold.blocks.find((b) => b.type === 'headline')!.text);
    expect(article.dateline).toBe(gold.blocks.find((b) => b.type === 'dateline')!.text);
  });

  it('gives the block types and texts of the gold, modulo placeholders', () => {
    const body = gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type));
    const stripped = article.blocks.map((b) => ({ type: b.type, text: stripPlaceholders(b.text) }));
    expect(stripped).toEqual(body.map((b) => ({ type: b.type, text: b.text })));
  });

  it('keeps b, strong, i, span[lang] and safe links as numbered placeholders in document order', () => {
    const tokens = article.blocks.flatMap((b) => listPlaceholders(b.text));
    const opens = tokens.filter((t) => !t.includes('/')).map((t) => Number(t.slice(1, -1)));
    expect(opens).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(article.blocks[0]!.text).toContain('Президент Азербайджана ⟦1⟧Ильхам Алиев⟦/1⟧ в ходе');
    expect(article.blocks[0]!.text.endsWith('Об этом сообщает ⟦2⟧пресс-служба Кремля⟦/2⟧.')).toBe(true);
    expect(article.markup).toEqual({
      1: { tag: 'b', attrs: {} },
      2: { tag: 'a', attrs: { href: 'http://kremlin.ru/events/president/news/72345' } },
      3: { tag: 'i', attrs: {} },
      4: { tag: 'span', attrs: { lang: 'hy-Latn' } },
      5: { tag: 'a', attrs: { href: '/tag/armeniya' } },
      6: { tag: 'strong', attrs: {} },
      7: { tag: 'a', attrs: { href: '/tag/gsv-rossiya-islamskij-mir' } },
      8: { tag: 'a', attrs: { href: 'https://tass.ru/' } },
    });
  });

  it('drops the javascript: link but keeps its text', () => {
    const block = article.blocks.find((b) => b.text.includes('(ЕАЭС)'));
    expect(block?.text).toContain('экономического совета (ЕАЭС). Среди');
  });

  it('leaves out furniture, scripts, styles, hidden and interactive content', () => {
    const all = [article.headline, article.dateline, ...article.blocks.map((b) => b.text)].join('\n');
    for (const text of ['Политика', 'Поиск', 'Найти', 'Главная', 'Поделиться', 'Реклама', 'dataLayer', 'font-family',
      'display', 'Скрытая заметка', 'Подписаться', 'Читайте также', 'Пашинян заявил о готовности', 'Все права', 'En Ar']) {
      expect(all).not.toContain(text);
    }
    expect(JSON.stringify(article.markup)).not.toMatch(/onclick|onerror|style|class|target|javascript/);
  });

  it('renders every block back to safe HTML equivalent to the source markup', () => {
    const rendered = article.blocks.map((b) => renderMarkup(b.text, article.markup));
    for (const out of rendered) expect(unsafeParts(out)).toEqual([]);
    expect(rendered[0]).toBe(
      'Президент Азербайджана <b>Ильхам Алиев</b> в ходе телефонного разговора с президентом РФ Владимиром Путиным ' +
        'принес свои извинения и выразил глубокие соболезнования по поводу гибели в Карабахе 20 сентября ' +
        'военнослужащих российского миротворческого контингента. Об этом сообщает ' +
        '<a href="http://kremlin.ru/events/president/news/72345">пресс-служба Кремля</a>.',
    );
    expect(rendered.find((r) => r.includes('Степанакерта'))).toContain('Баку и <span lang="hy-Latn">Степанакерта</span>&quot;.');
  });

  it('round-trips: importing the rendered blocks again gives the same texts and markup', () => {
    const page = `<h1>${article.headline}</h1>` + article.blocks.map((b) => `<p>${renderMarkup(b.text, article.markup)}</p>`).join('');
    const again = importHtml(page, 'ru');
    expect(again.blocks.map((b) => b.text)).toEqual(article.blocks.map((b) => b.text));
    expect(again.markup).toEqual(article.markup);
  });
});
