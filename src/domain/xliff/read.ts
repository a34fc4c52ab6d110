/**
 * Incremental reader of an uploaded XLIFF 2.0 or 1.2 document. write() takes the next piece of text, end()
 * returns what the document says; the first problem raises XliffError with its line, so an upload is
 * refused whole. What it refuses besides malformed XML: a DOCTYPE (no DTD, no entities: no billion laughs,
 * no external entities), another root or namespace, elements out of place (models.ts), missing required
 * attributes, unknown states, duplicate file or unit ids, and nesting deeper than any real file has.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import type { XliffState } from './document.js';
import type { XliffVersion } from './inline.js';
import { models12, models20, opaqueRequired12, type ContentModel } from './models.js';
import { stateFrom12, stateFrom20 } from './states.js';
import { xliffNamespaces } from './write.js';
import { UnitText } from './unit-text.js';

export class XliffError extends Error {
  override name = 'XliffError';
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(`${reason} (line ${line})`);
  }
}

export interface ReadUnit {
  id: string;
  line: number;
  source: string;
  target: string | null;
  state: XliffState | null;
  fingerprint: string | null;
}

export interface ReadFile {
  line: number;
  original: string | undefined;
  sourceLang: string;
  targetLocale: string | null;
  units: ReadUnit[];
}

export interface ReadDocument {
  version: XliffVersion;
  files: ReadFile[];
}

const maxDepth = 200;
const language = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

interface Frame {
  local: string;
  /** null: inside an element read as XML only (another namespace, or an opaque one). */
  model: ContentModel | null;
  slot: number;
  count: number;
}

export class XliffReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: Frame[] = [];
  private version: XliffVersion | null = null;
  private models: Record<string, ContentModel> = models20;
  private rootAttrs: Record<string, string> = {};
  private readonly files: ReadFile[] = [];
  private readonly fileIds = new Set<string>();
  private unitIds = new Set<string>();
  private unit: (ReadUnit & { states: XliffState[]; parts: Array<{ source: string; target: string | null }> }) | null = null;
  private text: UnitText | null = null;
  private fingerprintText: string | null = null;

  constructor() {
    const p = this.parser;
    p.on('error', (error) => this.fail(`malformed XML: ${error.message.replace(/^.*?:\d+:\d+: /, '')}`));
    p.on('doctype', () => this.fail('a DOCTYPE is not allowed (no DTDs or entities)'));
    p.on('xmldecl', (decl) => {
      if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) this.fail(`the encoding must be UTF-8, not ${decl.encoding}`);
    });
    p.on('opentag', (tag) => this.open(tag as SaxesTagNS));
    p.on('closetag', (tag) => this.close(tag as SaxesTagNS));
    p.on('text', (text) => this.characters(text));
    p.on('cdata', (text) => this.characters(text, true));
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): ReadDocument {
    this.parser.close();
    if (!this.version) this.fail('the document is empty');
    return { version: this.version, files: this.files };
  }

  private fail(reason: string): never {
    throw new XliffError(reason, this.parser.line);
  }

  private open(tag: SaxesTagNS): void {
    const attrs = attributesOf(tag);
    const parent = this.stack[this.stack.length - 1];
    if (this.stack.length >= maxDepth) this.fail(`elements nested deeper than ${maxDepth} levels`);
    if (!parent) return this.openRoot(tag, attrs);
    if (parent.model === null) {
      this.stack.push({ local: tag.local, model: null, slot: 0, count: 0 });
      this.watchFingerprint(tag, attrs);
      return;
    }
    const own = tag.uri === xliffNamespaces[this.version!];
    if (!own) {
      if (parent.model.kind !== 'sequence' || !parent.model.other) this.fail(`<${tag.name}> is not allowed in <${parent.local}>`);
      this.stack.push({ local: tag.local, model: null, slot: 0, count: 0 });
      this.watchFingerprint(tag, attrs);
      return;
    }
    const model = this.models[tag.local];
    if (!model) this.fail(`<${tag.local}> is not an XLIFF ${this.version} element`);
    this.place(parent, tag.local);
    const required = model.kind === 'opaque' ? (this.version === '1.2' ? opaqueRequired12[tag.local] : undefined) : model.required;
    for (const name of required ?? []) {
      if (attrs[name] === undefined) this.fail(`<${tag.local}> needs a ${name} attribute`);
    }
    this.stack.push({ local: tag.local, model: model.kind === 'opaque' ? null : model, slot: 0, count: 0 });
    this.enter(tag.local, attrs, parent.local);
  }

  private openRoot(tag: SaxesTagNS, attrs: Record<string, string>): void {
    const version = tag.uri === xliffNamespaces['2.0'] ? '2.0' : tag.uri === xliffNamespaces['1.2'] ? '1.2' : null;
    if (tag.local !== 'xliff' || !version) {
      this.fail(`the root element must be <xliff> in the XLIFF 2.0 or 1.2 namespace, not <${tag.name}>${tag.uri ? ` in ${tag.uri}` : ''}`);
    }
    this.version = version;
    this.models = version === '2.0' ? models20 : models12;
    const model = this.models.xliff!;
    for (const name of model.kind === 'sequence' ? model.required ?? [] : []) {
      if (attrs[name] === undefined) this.fail(`<xliff> needs a ${name} attribute`);
    }
    if (attrs.version !== version) this.fail(`the namespace is XLIFF ${version} but version="${attrs.version}"`);
    if (version === '2.0') {
      if (!language.test(attrs.srcLang!)) this.fail(`srcLang="${attrs.srcLang}" is not a language tag`);
      if (attrs.trgLang !== undefined && !language.test(attrs.trgLang)) this.fail(`trgLang="${attrs.trgLang}" is not a language tag`);
    }
    this.rootAttrs = attrs;
    this.stack.push({ local: 'xliff', model, slot: 0, count: 0 });
  }

  /** Moves the parent's position in its sequence to the slot this child fills; refuses what does not fit. */
  private place(parent: Frame, child: string): void {
    const model = parent.model!;
    if (model.kind === 'text' || model.kind === 'empty') this.fail(`<${child}> is not allowed in <${parent.local}>`);
    if (model.kind === 'inline') {
      if (!model.names.includes(child)) this.fail(`<${child}> is not allowed in <${parent.local}>`);
      return;
    }
    if (model.kind !== 'sequence') return;
    const slots = model.slots;
    while (parent.slot < slots.length && !slots[parent.slot]!.names.includes(child)) {
      if (parent.count < slots[parent.slot]!.min) this.fail(`<${parent.local}> needs <${slots[parent.slot]!.names.join('> or <')}> before <${child}>`);
      parent.slot++;
      parent.count = 0;
    }
    if (parent.slot === slots.length) this.fail(`<${child}> is not allowed in <${parent.local}> here`);
    parent.count++;
    if (parent.count > slots[parent.slot]!.max) this.fail(`<${parent.local}> may hold only one <${child}>`);
  }

  private enter(local: string, attrs: Record<string, string>, parent: string): void {
    if (local === 'file') this.openFile(attrs);
    else if (local === 'unit' || local === 'trans-unit') this.openUnit(attrs);
    else if (local === 'segment') {
      const state = attrs.state === undefined ? 'initial' : stateFrom20(attrs.state);
      if (!state) this.fail(`state="${attrs.state}" is not an XLIFF 2.0 state`);
      this.unit!.states.push(state);
    } else if ((local === 'source' || local === 'target') && this.unit && (parent === 'segment' || parent === 'ignorable' || parent === 'trans-unit')) {
      if (local === 'target' && this.version === '1.2' && attrs.state !== undefined) {
        const state = stateFrom12(attrs.state);
        if (!state) this.fail(`state="${attrs.state}" is not an XLIFF 1.2 state`);
        this.unit.states.push(state);
      }
      this.text = new UnitText(this.version!, (reason) => this.fail(reason));
    } else if (this.text) {
      this.text.open(local, attrs);
    }
  }

  private openFile(attrs: Record<string, string>): void {
    if (this.version === '2.0') {
      if (this.fileIds.has(attrs.id!)) this.fail(`a second <file> with id "${attrs.id}"`);
      this.fileIds.add(attrs.id!);
    } else {
      if (!language.test(attrs['source-language']!)) this.fail(`source-language="${attrs['source-language']}" is not a language tag`);
      const target = attrs['target-language'];
      if (target !== undefined && !language.test(target)) this.fail(`target-language="${target}" is not a language tag`);
    }
    this.unitIds = new Set();
    this.files.push({
      line: this.parser.line,
      original: attrs.original,
      sourceLang: this.version === '2.0' ? this.rootAttrs.srcLang! : attrs['source-language']!,
      targetLocale: (this.version === '2.0' ? this.rootAttrs.trgLang : attrs['target-language']) ?? null,
      units: [],
    });
  }

  private openUnit(attrs: Record<string, string>): void {
    const id = attrs.id!;
    if (this.unitIds.has(id)) this.fail(`a second unit with id "${id}" in the same file`);
    this.unitIds.add(id);
    const extradata = /^fp:([0-9a-f]{32})$/.exec(attrs.extradata ?? '');
    this.unit = { id, line: this.parser.line, source: '', target: null, state: null, fingerprint: extradata ? extradata[1]! : null, states: [], parts: [] };
  }

  /** The source fingerprint travels in the metadata module (2.0): <mda:meta type="source-fingerprint">. */
  private watchFingerprint(tag: SaxesTagNS, attrs: Record<string, string>): void {
    if (this.unit && tag.uri === xliffNamespaces.metadata && tag.local === 'meta' && attrs.type === 'source-fingerprint') {
      this.fingerprintText = '';
    }
  }

  private close(tag: SaxesTagNS): void {
    const frame = this.stack.pop()!;
    const model = frame.model;
    if (model?.kind === 'sequence') {
      for (let i = frame.slot; i < model.slots.length; i++) {
        const filled = i === frame.slot ? frame.count : 0;
        if (filled < model.slots[i]!.min) this.fail(`<${frame.local}> needs <${model.slots[i]!.names.join('> or <')}>`);
      }
    }
    if (this.fingerprintText !== null && frame.model === null && tag.local === 'meta') {
      const value = this.fingerprintText.trim();
      if (this.unit && /^[0-9a-f]{32}$/.test(value)) this.unit.fingerprint = value;
      this.fingerprintText = null;
      return;
    }
    if (frame.model === null || tag.uri !== xliffNamespaces[this.version!]) return;
    const parent = this.stack[this.stack.length - 1]?.local;
    if ((tag.local === 'source' || tag.local === 'target') && this.text && (parent === 'segment' || parent === 'ignorable' || parent === 'trans-unit')) {
      const content = this.text.finish();
      this.text = null;
      const parts = this.unit!.parts;
      if (tag.local === 'source') parts.push({ source: content, target: null });
      else parts[parts.length - 1]!.target = content;
    } else if (this.text) {
      this.text.close(tag.local);
    } else if (tag.local === 'unit' || tag.local === 'trans-unit') {
      this.finishUnit();
    }
  }

  private finishUnit(): void {
    const unit = this.unit!;
    const hasTarget = unit.parts.some((p) => p.target !== null);
    const ranks: XliffState[] = ['initial', 'translated', 'reviewed', 'final'];
    this.files[this.files.length - 1]!.units.push({
      id: unit.id,
      line: unit.line,
      fingerprint: unit.fingerprint,
      source: unit.parts.map((p) => p.source).join(''),
      target: hasTarget ? unit.parts.map((p) => p.target ?? '').join('') : null,
      // A unit is as far along as its least finished segment.
      state: unit.states.length === 0 ? null : ranks[Math.min(...unit.states.map((s) => ranks.indexOf(s)))]!,
    });
    this.unit = null;
  }

  private characters(text: string, cdata = false): void {
    if (this.fingerprintText !== null) {
      this.fingerprintText += text;
      return;
    }
    const frame = this.stack[this.stack.length - 1];
    if (!frame || frame.model === null) return;
    if (this.text && (frame.model.kind === 'inline')) {
      this.text.characters(text);
      return;
    }
    if (frame.model.kind === 'sequence' || frame.model.kind === 'empty') {
      if (cdata || text.trim() !== '') this.fail(`text is not allowed in <${frame.local}>`);
    }
  }
}

function attributesOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes) as SaxesAttributeNS[]) {
    // Unprefixed attributes have no namespace; xml:lang and friends keep their prefix in the key.
    if (attribute.uri === '' || attribute.prefix === 'xml') out[attribute.prefix === 'xml' ? `xml:${attribute.local}` : attribute.local] = attribute.value;
  }
  return out;
}
