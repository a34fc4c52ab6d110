/**
 * Turns a pasted article (plain text, blocks separated by blank lines) into headline, dateline and typed
 * blocks. Classification uses general layout rules – position, length, terminal punctuation and per-language
 * caption/credit prefixes – because pasted pages differ in every detail except those.
 * Never throws: an empty or furniture-only paste gives headline '' and the caller validates.
 */
import { parseDateline } from './dateline.js';
import { noteDropped, type DroppedText } from './dropped.js';

export type BlockType = 'paragraph' | 'subheading' | 'quote' | 'caption' | 'credit' | 'related';

export interface ImportedArticle {
  headline: string;
  dateline?: string;
  blocks: Array<{ type: BlockType; text: string }>;
}

/** Language switcher entries ("En Ar", "Рус | English"): page furniture, never content. */
const LANGUAGE_NAMES = new Set([
  'en', 'eng', 'english', 'ar', 'arabic', 'عربي', 'العربية', 'عربى', 'ru', 'rus', 'рус', 'русский', 'russian',
  'fr', 'français', 'francais', 'de', 'deutsch', 'es', 'español', 'espanol', 'zh', '中文', 'tr', 'türkçe', 'fa',
  'فارسی', 'uk', 'укр', 'українська', 'pt', 'português', 'it', 'italiano', 'ja', '日本語', 'ko', '한국어',
]);
const SEPARATORS = /^[|/·•,–—-]+$/;

const CAPTION = /^(?:фото|фотография|видео|иллюстрация|инфографика|кадр|photo|photograph|picture|image|video|illustration|graphic|صورة|الصورة|تصوير|فيديو)(?:\s*(?:[:：—–]|by\b)|\s+(?:©|\/))/iu;
const CAPTION_SYMBOL = /^(?:©|\(c\)\s)/iu;
const CREDIT = /^(?:по материалам|по данным|источник\s*:|при участии|подготовил[аи]?\b|source\s*:|sources\s*:|according to\b|with reporting by\b|reporting by\b|additional reporting\b|compiled by\b|based on reports? (?:by|from)\b|المصدر\s*:|المصادر\s*:|نقلا عن|نقلاً عن|بحسب|وفقا ل|وفقاً ل|إعداد\s*:)/iu;

const TERMINAL_END = /[.!?…؟۔。！？]["'»”’)\]]*$/u;
const QUOTED_WHOLE = /^["«„“'‘][^]*["»“”'’][.!?…؟]?$/u;
/** Headings and page furniture are short; a real paragraph is longer or ends in punctuation. */
const SHORT_CHARS = 120;
const SHORT_WORDS = 14;

/** `dropped`, when given, collects what was left out as page furniture. */
export function importPlainText(text: string, lang: string, dropped?: DroppedText[]): ImportedArticle {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim());
  const blocks = groupBlocks(lines, dropped).filter((block) => block.length > 0);
  const headline = blocks.length > 0 ? (blocks[0]!.shift() ?? '') : '';
  if (blocks[0]?.length === 0) blocks.shift();

  let dateline: string | undefined;
  const candidate = blocks[0]?.[0];
  if (candidate !== undefined && parseDateline(candidate, lang) !== null) {
    dateline = candidate;
    blocks[0]!.shift();
    if (blocks[0]!.length === 0) blocks.shift();
  }

  const texts = blocks.map((block) => block.join(' '));
  const types = classify(texts);
  const article: ImportedArticle = { headline, blocks: texts.map((t, i) => ({ type: types[i]!, text: t })) };
  if (dateline !== undefined) article.dateline = dateline;
  return article;
}

/** Lines between blank lines form a block; furniture lines are dropped wherever they are. */
function groupBlocks(lines: string[], dropped: DroppedText[] | undefined): string[][] {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line === '') {
      if (blocks[blocks.length - 1]!.length > 0) blocks.push([]);
    } else if (isFurniture(line)) {
      noteDropped(dropped, 'language_switcher', line);
    } else {
      blocks[blocks.length - 1]!.push(line);
    }
  }
  return blocks;
}

export function isFurniture(line: string): boolean {
  const tokens = line.split(/\s+/).filter((token) => !SEPARATORS.test(token));
  return tokens.length > 0 && tokens.length <= 8 && tokens.every((token) => LANGUAGE_NAMES.has(token.toLowerCase()));
}

function isShort(text: string): boolean {
  return text.length <= SHORT_CHARS && text.split(/\s+/).length <= SHORT_WORDS;
}

/** Body text: ends like a sentence, or is too long to be a heading. */
function isBody(text: string): boolean {
  return TERMINAL_END.test(text) || !isShort(text);
}

/**
 * Captions and credits are recognised by their prefix anywhere; other short unpunctuated lines are
 * subheadings while body text still follows them, and "related" links once the body has ended.
 */
function classify(texts: string[]): BlockType[] {
  let lastBody = -1;
  texts.forEach((text, i) => {
    if (isBody(text) && !isCaption(text) && !isCredit(text)) lastBody = i;
  });
  return texts.map((text, i) => {
    if (isCaption(text)) return 'caption';
    if (isCredit(text)) return 'credit';
    if (QUOTED_WHOLE.test(text) && !/["»”'’][,.]?\s*[-–—]/u.test(text)) return 'quote';
    if (isBody(text)) return 'paragraph';
    return i < lastBody ? 'subheading' : 'related';
  });
}

function isCaption(text: string): boolean {
  return isShortish(text) && (CAPTION.test(text) || CAPTION_SYMBOL.test(text));
}

/** A credit line is short; "По данным МЧС, пожар потушен." is a sentence that happens to share the prefix. */
function isCredit(text: string): boolean {
  return isShort(text) && CREDIT.test(text) && (!TERMINAL_END.test(text) || !text.includes(','));
}

function isShortish(text: string): boolean {
  return text.length <= 2 * SHORT_CHARS;
}
