/**
 * Reads an HTML page into raw blocks in reading order, each with its inline pieces and what the page says
 * about it (element, class hints, a <time> inside). Mirrors how a browser lays the page out: block elements
 * start new blocks, and inline content loose in a container forms a block of its own (an anonymous block
 * box), so text in a bare <div> is not lost. Page furniture and anything a reader cannot see is skipped.
 */
import { ElementType, parseDocument } from 'htmlparser2';
import { noteDropped, type DroppedText } from '../import/dropped.js';
import type { Piece } from './inline-text.js';
import { sanitizeTag } from './tags.js';

// domhandler's node types, reached through htmlparser2 so only the declared dependency is imported.
type Doc = ReturnType<typeof parseDocument>;
type ChildNode = Doc['children'][number];
type Element = Extract<ChildNode, { attribs: Record<string, string> }>;
type TextNode = Extract<ChildNode, { data: string }>;

function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && 'attribs' in node && 'name' in node;
}

function isText(node: ChildNode): node is TextNode {
  return node.type === ElementType.Text;
}

export type BlockSource = 'h1' | 'heading' | 'paragraph' | 'item' | 'quote' | 'caption' | 'text';
export type Hint = 'caption' | 'credit' | 'related' | 'date';

export interface RawBlock {
  source: BlockSource;
  pieces: Piece[];
  hints: ReadonlySet<Hint>;
  /** The datetime attribute of a <time> in the block, and the text that <time> showed. */
  datetime?: string;
  timeText?: string;
}

interface Context {
  source: BlockSource;
  hints: ReadonlySet<Hint>;
}

/** Never content: scripts and styles, embedded and interactive things, and site navigation. */
const DROPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'button', 'input', 'select', 'textarea', 'nav', 'aside', 'footer', 'svg', 'math', 'canvas', 'video',
  'audio', 'map', 'dialog', 'menu', 'link', 'meta', 'base', 'img', 'picture', 'wbr',
]);
const FURNITURE_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'toolbar',
]);
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li',
  'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const HINT_WORDS = new Map<string, Hint>(Object.entries({
  caption: 'caption', figcaption: 'caption', подпись: 'caption',
  credit: 'credit', credits: 'credit', byline: 'credit', copyright: 'credit',
  related: 'related', tags: 'related', tag: 'related', also: 'related',
  date: 'date', dateline: 'date', published: 'date', timestamp: 'date',
} satisfies Record<string, Hint>));
/** Browsers stop nesting at 512 levels; deeper content is dropped rather than risking the call stack. */
const MAX_DEPTH = 512;

/** `dropped`, when given, collects the visible-looking text of skipped chrome and hidden elements. */
export function parseBlocks(html: string, dropped?: DroppedText[]): { title: string; blocks: RawBlock[] } {
  const doc = parseDocument(html, { decodeEntities: true });
  const walker = new Walker(dropped);
  walker.block(doc, { source: 'text', hints: new Set() }, 0);
  return { title: findTitle(doc.children, 0), blocks: walker.blocks };
}

/** DomUtils' own search and text helpers recurse without limit, so these two respect MAX_DEPTH. */
function findTitle(nodes: ChildNode[], depth: number): string {
  for (const node of nodes) {
    // An <svg> carries a <title> of its own, which is not the page's.
    if (!isElement(node) || depth >= MAX_DEPTH || node.name === 'svg' || node.name === 'math') continue;
    if (node.name === 'title') return textOf(node, depth);
    const found = findTitle(node.children, depth + 1);
    if (found !== '') return found;
  }
  return '';
}

function textOf(el: Element, depth: number): string {
  return el.children
    .map((c) => (isText(c) ? c.data : isElement(c) && depth < MAX_DEPTH ? textOf(c, depth + 1) : ''))
    .join('');
}

class Run {
  pieces: Piece[] = [];
  datetime?: string;
  timeText?: string;
}

class Walker {
  readonly blocks: RawBlock[] = [];
  private ref = 0;
  private readonly blockish = new WeakMap<Element, boolean>();

  constructor(private readonly dropped: DroppedText[] | undefined) {}

  /** Whether to skip an element; skipped chrome and hidden text are noted for the editor's preview. */
  private skip(el: Element, depth: number): boolean {
    if (!isHidden(el)) return false;
    const reason = dropReason(el);
    if (reason && this.dropped) noteDropped(this.dropped, reason, textOf(el, depth));
    return true;
  }

  block(parent: Doc | Element, ctx: Context, depth: number): void {
    let run = new Run();
    const flush = (): void => {
      if (run.pieces.some((p) => p.kind === 'text' && p.text.trim() !== '')) {
        const { pieces, datetime, timeText } = run;
        const block: RawBlock = { source: ctx.source, pieces, hints: ctx.hints };
        if (datetime !== undefined) Object.assign(block, { datetime, timeText: timeText ?? '' });
        this.blocks.push(block);
      }
      run = new Run();
    };
    for (const child of parent.children) {
      if (isText(child)) run.pieces.push({ kind: 'text', text: child.data });
      if (!isElement(child) || depth >= MAX_DEPTH || this.skip(child, depth)) continue;
      if (this.isBlock(child, depth)) {
        flush();
        this.block(child, derive(child, ctx), depth + 1);
      } else {
        this.inline(child, run, depth + 1);
      }
    }
    flush();
  }

  private inline(el: Element, run: Run, depth: number): void {
    if (el.name === 'br') {
      run.pieces.push({ kind: 'void', tag: { tag: 'br', attrs: {} } });
      return;
    }
    if (el.name === 'time' && run.datetime === undefined) {
      run.datetime = el.attribs.datetime ?? '';
      run.timeText = textOf(el, depth);
    }
    // Unknown and refused tags are unwrapped: their text stays, the tag goes.
    const tag = sanitizeTag(el.name, el.attribs);
    const ref = tag ? ++this.ref : 0;
    if (tag) run.pieces.push({ kind: 'open', ref, tag });
    for (const child of el.children) {
      if (isText(child)) run.pieces.push({ kind: 'text', text: child.data });
      else if (isElement(child) && depth < MAX_DEPTH && !this.skip(child, depth)) this.inline(child, run, depth + 1);
    }
    if (tag) run.pieces.push({ kind: 'close', ref });
  }

  /** Block elements, and inline ones wrapping a block (<a><h2>…</h2></a>): those are laid out as blocks. */
  private isBlock(el: Element, depth: number): boolean {
    if (BLOCK.has(el.name)) return true;
    let known = this.blockish.get(el);
    if (known === undefined) {
      known = depth < MAX_DEPTH && el.children.some((c) => isElement(c) && !isHidden(c) && this.isBlock(c, depth + 1));
      this.blockish.set(el, known);
    }
    return known;
  }
}

/** Skipped with everything inside: furniture, and what the page itself hides from readers. */
function isHidden(el: Element): boolean {
  if (DROPPED.has(el.name)) return true;
  if (el.name === 'header' && !insideContent(el)) return true;
  const a = el.attribs;
  if ('hidden' in a || a['aria-hidden'] === 'true' || FURNITURE_ROLES.has((a.role ?? '').toLowerCase())) return true;
  return /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(a.style ?? '');
}

/** Elements whose text nobody would call content are not worth listing (scripts, styles, media). */
const CHROME = new Set(['nav', 'aside', 'footer', 'header', 'form', 'button', 'select', 'menu', 'dialog']);

function dropReason(el: Element): 'page_chrome' | 'hidden' | null {
  if (CHROME.has(el.name) || FURNITURE_ROLES.has((el.attribs.role ?? '').toLowerCase())) return 'page_chrome';
  if (DROPPED.has(el.name)) return null;
  return 'hidden';
}

/** A page's <header> is the site banner; one inside an article or section heads that content (h1, date). */
function insideContent(el: Element): boolean {
  for (let node = el.parent; node; node = node.parent) {
    if (isElement(node) && ['article', 'main', 'section'].includes(node.name)) return true;
  }
  return false;
}

function derive(el: Element, ctx: Context): Context {
  const plain = ctx.source === 'text' || ctx.source === 'paragraph' || ctx.source === 'item';
  let source = ctx.source;
  if (el.name === 'figcaption') source = 'caption';
  else if (el.name === 'blockquote' && source !== 'caption') source = 'quote';
  else if (/^h[1-6]$/.test(el.name) && (plain || source === 'h1' || source === 'heading')) {
    source = el.name === 'h1' ? 'h1' : 'heading';
  } else if (el.name === 'p' && plain) source = 'paragraph';
  else if (['li', 'dt', 'dd'].includes(el.name) && plain) source = 'item';
  return { source, hints: hintsOf(el, ctx.hints) };
}

/** Class names and roles are how CMSs label captions, credits, tag lists and dates; hints are inherited. */
function hintsOf(el: Element, inherited: ReadonlySet<Hint>): ReadonlySet<Hint> {
  const words = `${el.attribs.class ?? ''} ${el.attribs.role ?? ''}`.toLowerCase().split(/[\s_-]+/u);
  const found = words.map((w) => HINT_WORDS.get(w)).filter((h): h is Hint => h !== undefined && !inherited.has(h));
  return found.length === 0 ? inherited : new Set([...inherited, ...found]);
}
