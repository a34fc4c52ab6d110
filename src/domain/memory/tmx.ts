/**
 * TMX 1.4 mapping of memory entries (pure): a writer that produces the document piece by piece, and a
 * streaming reader (saxes) that hands back complete translation units as the bytes arrive.
 *
 * Context travels as <prop type="x-context-pre"> / <prop type="x-context-post"> (the convention of
 * memoQ and others); the origin as x-dragoman-article, x-dragoman-revision and x-dragoman-translator props;
 * timestamps as the creationdate/changedate attributes of <tu>.
 */
import { SaxesParser } from 'saxes';
import { escapeXmlAttribute, escapeXmlText } from './xml.js';
import { isUuid } from '../ids.js';

/** What a memory entry says, wherever it comes from or goes to (database row, TMX unit, new approval). */
export interface MemoryFields {
  source: string;
  target: string;
  prevSource: string | null;
  nextSource: string | null;
  articleId: string | null;
  revision: number | null;
  translatorId: string | null;
}

export interface TmxEntry extends MemoryFields {
  id: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export const tmxProps = {
  contextPre: 'x-context-pre',
  contextPost: 'x-context-post',
  article: 'x-dragoman-article',
  revision: 'x-dragoman-revision',
  translator: 'x-dragoman-translator',
} as const;

/** TMX dates are ISO 8601 basic format in UTC: YYYYMMDDThhmmssZ. */
export function tmxDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseTmxDate(value: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function tmxHead(pair: { sourceLang: string; targetLocale: string }, now = new Date()): string {
  const attrs = [
    ['creationtool', 'Dragoman'],
    ['creationtoolversion', '0.1.0'],
    ['segtype', 'sentence'],
    ['o-tmf', 'dragoman'],
    ['adminlang', 'en'],
    ['srclang', pair.sourceLang],
    ['datatype', 'plaintext'],
    ['creationdate', tmxDate(now)],
  ]
    .map(([k, v]) => `${k}="${escapeXmlAttribute(v!)}"`)
    .join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header ${attrs}/>\n  <body>\n`;
}

export const tmxTail = '  </body>\n</tmx>\n';

export function tmxUnit(entry: TmxEntry, pair: { sourceLang: string; targetLocale: string }): string {
  const attrs: string[] = [];
  if (entry.id) attrs.push(`tuid="${escapeXmlAttribute(entry.id)}"`);
  if (entry.createdAt) attrs.push(`creationdate="${tmxDate(entry.createdAt)}"`);
  if (entry.updatedAt) attrs.push(`changedate="${tmxDate(entry.updatedAt)}"`);
  const props: Array<[string, string | number | null]> = [
    [tmxProps.contextPre, entry.prevSource],
    [tmxProps.contextPost, entry.nextSource],
    [tmxProps.article, entry.articleId],
    [tmxProps.revision, entry.revision],
    [tmxProps.translator, entry.translatorId],
  ];
  let xml = `    <tu${attrs.length ? ' ' + attrs.join(' ') : ''}>\n`;
  for (const [type, value] of props) {
    if (value !== null && value !== '') xml += `      <prop type="${type}">${escapeXmlText(String(value))}</prop>\n`;
  }
  xml += `      <tuv xml:lang="${escapeXmlAttribute(pair.sourceLang)}"><seg>${escapeXmlText(entry.source)}</seg></tuv>\n`;
  xml += `      <tuv xml:lang="${escapeXmlAttribute(pair.targetLocale)}"><seg>${escapeXmlText(entry.target)}</seg></tuv>\n`;
  xml += '    </tu>\n';
  return xml;
}

export class TmxError extends Error {
  override name = 'TmxError';
}

/** A segment longer than any sentence a translator writes: refused rather than served by every search. */
export class TmxSegmentTooLong extends Error {
  override name = 'TmxSegmentTooLong';
  constructor(
    readonly line: number,
    readonly max: number,
  ) {
    super(`segment near line ${line} is longer than ${max} characters`);
  }
}

/** The same limit as one block of an article: a memory entry is a sentence, never more than a block. */
export const tmxMaxSegmentChars = 10_000;

export interface TmxUnit {
  tuid: string | null;
  creationDate: string | undefined;
  changeDate: string | undefined;
  props: Map<string, string>;
  variants: Array<{ lang: string; text: string }>;
}

/** Inline elements whose content is native markup, not text of the segment. */
const codeElements = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/**
 * Incremental TMX reader. write() takes the next piece of text and returns the units completed by it;
 * end() checks the document is complete. Malformed XML and documents that are not TMX raise TmxError.
 */
export class TmxReader {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly stack: string[] = [];
  private done: TmxUnit[] = [];
  private unit: TmxUnit | null = null;
  private tuvLang: string | null = null;
  private seg: string | null = null;
  private segCount = 0;
  private prop: { type: string; value: string } | null = null;
  private codeDepth = 0;
  private sawBody = false;

  constructor(private readonly maxSegmentChars = tmxMaxSegmentChars) {
    const p = this.parser;
    p.on('error', (error) => {
      throw new TmxError(`malformed XML: ${error.message}`);
    });
    p.on('opentag', (tag) => this.open(tag.name, tag.attributes as Record<string, string>));
    p.on('closetag', (tag) => this.close(tag.name));
    p.on('text', (text) => this.text(text));
    p.on('cdata', (text) => this.text(text));
  }

  write(chunk: string): TmxUnit[] {
    this.parser.write(chunk);
    return this.take();
  }

  end(): TmxUnit[] {
    this.parser.close();
    if (this.stack.length > 0 || !this.sawRoot) throw new TmxError('the document ends early');
    if (!this.sawBody) throw new TmxError('no <body> element');
    return this.take();
  }

  private sawRoot = false;

  private take(): TmxUnit[] {
    const units = this.done;
    this.done = [];
    return units;
  }

  private fail(reason: string): never {
    throw new TmxError(`${reason} (line ${this.parser.line})`);
  }

  private open(name: string, attributes: Record<string, string>): void {
    const parent = this.stack[this.stack.length - 1];
    this.stack.push(name);
    if (this.stack.length === 1) {
      if (name !== 'tmx') this.fail(`the root element is <${name}>, not <tmx>`);
      this.sawRoot = true;
      return;
    }
    if (name === 'body' && parent === 'tmx') {
      this.sawBody = true;
    } else if (name === 'tu') {
      if (parent !== 'body') this.fail('<tu> outside <body>');
      this.unit = {
        tuid: attributes.tuid ?? null,
        creationDate: attributes.creationdate,
        changeDate: attributes.changedate,
        props: new Map(),
        variants: [],
      };
    } else if (name === 'prop' && parent === 'tu') {
      this.prop = { type: attributes.type ?? '', value: '' };
    } else if (name === 'tuv') {
      if (parent !== 'tu') this.fail('<tuv> outside <tu>');
      const lang = attributes['xml:lang'] ?? attributes.lang;
      if (!lang) this.fail('<tuv> without xml:lang');
      this.tuvLang = lang;
      this.segCount = 0;
    } else if (name === 'seg') {
      if (parent !== 'tuv') this.fail('<seg> outside <tuv>');
      this.seg = '';
      this.segCount++;
    } else if (this.seg !== null && codeElements.has(name)) {
      this.codeDepth++;
    }
  }

  private close(name: string): void {
    this.stack.pop();
    if (name === 'tu' && this.unit) {
      if (this.unit.variants.length === 0) this.fail('<tu> without <tuv>');
      this.done.push(this.unit);
      this.unit = null;
    } else if (name === 'prop' && this.prop && this.unit) {
      this.unit.props.set(this.prop.type, this.prop.value);
      this.prop = null;
    } else if (name === 'tuv' && this.unit) {
      if (this.segCount !== 1) this.fail('<tuv> must hold exactly one <seg>');
      this.tuvLang = null;
    } else if (name === 'seg' && this.unit && this.tuvLang !== null && this.seg !== null) {
      this.unit.variants.push({ lang: this.tuvLang, text: this.seg });
      this.seg = null;
    } else if (this.seg !== null && codeElements.has(name)) {
      this.codeDepth--;
    }
  }

  private text(text: string): void {
    if (this.prop) {
      this.prop.value += text;
      if (this.prop.value.length > this.maxSegmentChars) throw new TmxSegmentTooLong(this.parser.line, this.maxSegmentChars);
    } else if (this.seg !== null && this.codeDepth === 0) {
      this.seg += text;
      if (this.seg.length > this.maxSegmentChars) throw new TmxSegmentTooLong(this.parser.line, this.maxSegmentChars);
    }
  }
}

/** Picks the variant of a language: an exact tag first, then the same primary language. */
export function variantFor(unit: TmxUnit, locale: string): string | null {
  const wanted = locale.toLowerCase();
  const exact = unit.variants.find((v) => v.lang.toLowerCase() === wanted);
  if (exact) return exact.text;
  const primary = wanted.split('-')[0];
  const loose = unit.variants.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === primary);
  return loose ? loose.text : null;
}


/** A unit as an entry of the pair, or null when it lacks one of the two languages (or a text). */
export function unitToEntry(unit: TmxUnit, pair: { sourceLang: string; targetLocale: string }): Omit<TmxEntry, 'id'> | null {
  const source = variantFor(unit, pair.sourceLang);
  const target = variantFor(unit, pair.targetLocale);
  if (source === null || target === null || source.trim() === '' || target.trim() === '') return null;
  const prop = (type: string) => {
    const value = unit.props.get(type)?.trim();
    return value ? value : null;
  };
  const revision = Number(prop(tmxProps.revision));
  const uuidOrNull = (value: string | null) => (isUuid(value) ? value.toLowerCase() : null);
  return {
    source,
    target,
    prevSource: unit.props.get(tmxProps.contextPre) ?? null,
    nextSource: unit.props.get(tmxProps.contextPost) ?? null,
    articleId: uuidOrNull(prop(tmxProps.article)),
    revision: Number.isInteger(revision) && revision > 0 && revision < 2 ** 31 ? revision : null,
    translatorId: uuidOrNull(prop(tmxProps.translator)),
    createdAt: parseTmxDate(unit.creationDate),
    updatedAt: parseTmxDate(unit.changeDate),
  };
}
