/**
 * Imports an article sent as HTML (text/html bodies). The page's own structure decides most block types –
 * h1, h2, p, blockquote, figcaption, li – and the plain-text importer's layout rules (caption and credit
 * prefixes, short unpunctuated lines after the body) cover what a CMS marks up as a plain <p>. Inline markup
 * becomes placeholders (see ../markup/placeholders.ts) so links and emphasis survive translation.
 * Never throws: a page with no text gives headline '' and the caller validates, as for plain text.
 */
import { parseBlocks, type RawBlock } from '../markup/dom-blocks.js';
import { normalisePieces, numberPieces, plainText, type Piece } from '../markup/inline-text.js';
import type { MarkupTag } from '../markup/tags.js';
import { parseDateline } from './dateline.js';
import { noteDropped, type DroppedText } from './dropped.js';
import { isFurniture, type BlockType, type ImportedArticle } from './plain-text.js';

export type { MarkupTag } from '../markup/tags.js';

export interface HtmlImportedArticle extends ImportedArticle {
  /** Key: placeholder number as a string; value: the sanitised tag it stands for. */
  markup: Record<string, MarkupTag>;
}

interface Candidate extends RawBlock {
  plain: string;
}

const TERMINAL_END = /[.!?…؟۔。！？]["'»”’)\]]*$/u;
const CAPTION_WORDS = 'фото|видео|иллюстрация|инфографика|photo|picture|image|video|illustration|صورة|الصورة|تصوير|فيديو';
const CAPTION_START = new RegExp(`^(?:${CAPTION_WORDS})\\s*(?:[:：—–]|by\\b|©)|^©`, 'iu');
const CREDIT_START = new RegExp(
  '^(?:по материалам|по данным|источник\\s*:|source\\s*:|according to\\b|(?:with )?reporting by\\b|additional reporting\\b|' +
    'المصدر\\s*:|نقلا عن|نقلاً عن|بحسب)',
  'iu',
);
/** A date line is short; a sentence that mentions a date is longer than this unless marked up as a date. */
const DATELINE_CHARS = 40;
const SHORT_CHARS = 120;
const SHORT_WORDS = 14;

/** `dropped`, when given, collects what was left out: page chrome, hidden text, rubrics above the headline. */
export function importHtml(html: string, lang: string, dropped?: DroppedText[]): HtmlImportedArticle {
  const page = parseBlocks(html, dropped);
  const candidates: Candidate[] = page.blocks
    .map((block) => {
      const pieces = normalisePieces(block.pieces);
      return { ...block, pieces, plain: plainText(pieces) };
    })
    .filter((c) => {
      if (c.plain !== '' && isFurniture(c.plain)) noteDropped(dropped, 'language_switcher', c.plain);
      return c.plain !== '' && !isFurniture(c.plain);
    });

  // Whatever sits above the h1 is breadcrumbs, rubrics and banners; without an h1 the <title> heads the page.
  const h1 = candidates.findIndex((c) => c.source === 'h1');
  const headline = h1 >= 0 ? candidates[h1]!.plain : collapse(page.title);
  const before = h1 >= 0 ? candidates.slice(0, h1) : [];
  const body = h1 >= 0 ? candidates.slice(h1 + 1) : candidates;

  let dateline = body[0] ? datelineOf(body[0], lang) : null;
  if (dateline !== null) body.shift();
  // A <time> just above the headline (rubric, date, then h1) is the other common layout.
  else dateline = before.map((c) => (c.datetime !== undefined ? datelineOf(c, lang) : null)).find((d) => d !== null) ?? null;
  for (const c of before) if (c.plain !== dateline) noteDropped(dropped, 'above_headline', c.plain);

  const types = classify(body);
  const markup: Record<string, MarkupTag> = {};
  const counter = { next: 1 };
  const blocks = body.map((c, i) => ({ type: types[i]!, text: numberPieces(c.pieces, markup, counter) }));
  const article: HtmlImportedArticle = { headline, blocks, markup };
  if (dateline !== null) article.dateline = dateline;
  return article;
}

function collapse(text: string): string {
  return text.replace(/[ \t\n\f\r]+/g, ' ').trim();
}

/**
 * The block's text when it is a dateline. When the visible text is not a date the importer can read
 * ("вчера, 14:05") but the <time> element carries a machine-readable one, that one is used instead.
 */
function datelineOf(c: Candidate, lang: string): string | null {
  const marked = c.datetime !== undefined || c.hints.has('date');
  if (parseDateline(c.plain, lang) !== null && (marked || c.plain.length <= DATELINE_CHARS)) return c.plain;
  const onlyTime = c.timeText !== undefined && collapse(c.timeText) === c.plain;
  if (onlyTime && c.datetime && parseDateline(c.datetime, lang) !== null) return c.datetime;
  return null;
}

function isShort(text: string): boolean {
  return text.length <= SHORT_CHARS && text.split(/\s+/).length <= SHORT_WORDS;
}

function isBody(text: string): boolean {
  return TERMINAL_END.test(text) || !isShort(text);
}

function isCaptionText(text: string): boolean {
  return text.length <= 2 * SHORT_CHARS && CAPTION_START.test(text);
}

/** "По данным МЧС, пожар потушен." is a sentence that happens to start like a credit line. */
function isCreditText(text: string): boolean {
  return isShort(text) && CREDIT_START.test(text) && (!TERMINAL_END.test(text) || !text.includes(','));
}

/** Element types first; prefixes and class hints refine plain paragraphs, as the plain-text importer does. */
function classify(candidates: Candidate[]): BlockType[] {
  const first = candidates.map((c) => firstPass(c));
  const bodyAt = first.map((type, i) => type === 'paragraph' && isBody(candidates[i]!.plain));
  const lastBody = bodyAt.lastIndexOf(true);
  return first.map((type, i) => {
    const c = candidates[i]!;
    if (type !== 'paragraph' || c.source === 'item' || isBody(c.plain)) return type;
    // A short unpunctuated <p>: tag links once the body has ended, a bold pseudo-heading inside it.
    if (i > lastBody) return 'related';
    return isWhollyBold(c.pieces) ? 'subheading' : 'paragraph';
  });
}

function firstPass(c: Candidate): BlockType {
  if (c.source === 'h1' || c.source === 'heading') return 'subheading';
  if (c.source === 'caption' || c.hints.has('caption') || isCaptionText(c.plain)) return 'caption';
  if (c.source === 'quote') return 'quote';
  if (isCreditText(c.plain) || (c.hints.has('credit') && isShort(c.plain))) return 'credit';
  if (c.hints.has('related')) return 'related';
  return 'paragraph';
}

/** <p><strong>Heading</strong></p>: the whole block inside one b or strong. */
function isWhollyBold(pieces: Piece[]): boolean {
  const first = pieces[0];
  const last = pieces.at(-1);
  if (first?.kind !== 'open' || last?.kind !== 'close' || first.ref !== last.ref) return false;
  return first.tag.tag === 'b' || first.tag.tag === 'strong';
}
