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
import { stateFrom12, stateFrom20 } from './states.js';
import { Structure } from './structure.js';
import { UnitText } from './unit-text.js';
import { xliffNamespaces } from './write.js';
import type { XliffReason } from './reasons.js';

export { xliffMismatchReasons, xliffReasons, type Fail, type XliffReason } from './reasons.js';

export class XliffError extends Error {
  override name = 'XliffError';
  constructor(
    readonly reason: XliffReason,
    readonly line: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${reason} ${JSON.stringify(params)} (line ${line})`);
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

const language = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
/** More than any article has (a 200,000-character article is about 2,000 sentences). */
export const maxUnits = 5_000;
const states: XliffState[] = ['initial', 'translated', 'reviewed', 'final'];

type OpenUnit = ReadUnit & { states: XliffState[]; parts: Array<{ source: string; target: string | null }> };

export class XliffReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly structure = new Structure((reason, params) => this.fail(reason, params));
  private rootAttrs: Record<string, string> = {};
  private readonly files: ReadFile[] = [];
  private readonly fileIds = new Set<string>();
  private unitIds = new Set<string>();
  private unitCount = 0;
  private unit: OpenUnit | null = null;
  private text: UnitText | null = null;
  private fingerprintText: string | null = null;

  constructor() {
    const p = this.parser;
    p.on('error', (error) => this.fail('malformed', { detail: error.message.replace(/^.*?:\d+:\d+: /, '') }));
    p.on('doctype', () => this.fail('doctype'));
    p.on('xmldecl', (decl) => {
      if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) this.fail('encoding', { encoding: decl.encoding });
    });
    p.on('opentag', (tag) => this.open(tag as SaxesTagNS));
    p.on('closetag', (tag) => this.close(tag as SaxesTagNS));
    p.on('text', (text) => this.characters(text, false));
    p.on('cdata', (text) => this.characters(text, true));
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): ReadDocument {
    this.parser.close();
    if (!this.structure.version) this.fail('empty');
    return { version: this.structure.version, files: this.files };
  }

  private get version(): XliffVersion {
    return this.structure.version!;
  }

  private fail(reason: XliffReason, params: Record<string, string | number> = {}): never {
    throw new XliffError(reason, this.parser.line, params);
  }

  private open(tag: SaxesTagNS): void {
    const attrs = attributesOf(tag);
    const parent = this.structure.current;
    const frame = this.structure.enter(tag, attrs);
    if (!parent) return this.openRoot(attrs);
    if (!frame.own || (frame.model === null && !this.text)) {
      // The source fingerprint travels in the metadata module (2.0): <mda:meta type="source-fingerprint">.
      if (this.unit && tag.uri === xliffNamespaces.metadata && tag.local === 'meta' && attrs.type === 'source-fingerprint') {
        this.fingerprintText = '';
      }
      return;
    }
    const local = tag.local;
    if (local === 'file') this.openFile(attrs);
    else if (local === 'unit' || local === 'trans-unit') this.openUnit(attrs);
    else if (local === 'segment') {
      const state = attrs.state === undefined ? 'initial' : stateFrom20(attrs.state);
      if (!state) this.fail('state20', { value: attrs.state! });
      this.unit!.states.push(state);
    } else if ((local === 'source' || local === 'target') && this.unit && isSegmentPart(parent.local)) {
      if (local === 'target' && this.version === '1.2' && attrs.state !== undefined) {
        const state = stateFrom12(attrs.state);
        if (!state) this.fail('state12', { value: attrs.state });
        this.unit.states.push(state);
      }
      this.text = new UnitText(this.version, (reason, params) => this.fail(reason, params));
    } else if (this.text) {
      this.text.open(local, attrs);
    }
  }

  private openRoot(attrs: Record<string, string>): void {
    if (this.version === '2.0') {
      if (!language.test(attrs.srcLang!)) this.fail('languageTag', { attribute: 'srcLang', value: attrs.srcLang! });
      if (attrs.trgLang !== undefined && !language.test(attrs.trgLang)) this.fail('languageTag', { attribute: 'trgLang', value: attrs.trgLang });
    }
    this.rootAttrs = attrs;
  }

  private openFile(attrs: Record<string, string>): void {
    if (this.version === '2.0') {
      if (this.fileIds.has(attrs.id!)) this.fail('duplicateFile', { id: attrs.id! });
      this.fileIds.add(attrs.id!);
    } else {
      if (!language.test(attrs['source-language']!)) this.fail('languageTag', { attribute: 'source-language', value: attrs['source-language']! });
      const target = attrs['target-language'];
      if (target !== undefined && !language.test(target)) this.fail('languageTag', { attribute: 'target-language', value: target });
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
    if (++this.unitCount > maxUnits) this.fail('tooManyUnits', { max: maxUnits });
    if (this.unitIds.has(id)) this.fail('duplicateUnit', { id });
    this.unitIds.add(id);
    // XLIFF 1.2 carries the fingerprint in the tool data attribute of the unit.
    const extradata = /^fp:([0-9a-f]{32})$/.exec(attrs.extradata ?? '');
    this.unit = { id, line: this.parser.line, source: '', target: null, state: null, fingerprint: extradata ? extradata[1]! : null, states: [], parts: [] };
  }

  private close(tag: SaxesTagNS): void {
    const frame = this.structure.leave();
    if (this.fingerprintText !== null && tag.local === 'meta') {
      const value = this.fingerprintText.trim();
      if (this.unit && /^[0-9a-f]{32}$/.test(value)) this.unit.fingerprint = value;
      this.fingerprintText = null;
      return;
    }
    if (!frame.own || (frame.model === null && !this.text)) return;
    const parent = this.structure.current?.local ?? '';
    if ((tag.local === 'source' || tag.local === 'target') && this.text && isSegmentPart(parent)) {
      const content = this.text.finish();
      this.text = null;
      const parts = this.unit!.parts;
      if (tag.local === 'source') parts.push({ source: content, target: null });
      else parts[parts.length - 1]!.target = content;
    } else if (this.text) {
      if (frame.model !== null) this.text.close(tag.local);
    } else if (tag.local === 'unit' || tag.local === 'trans-unit') {
      this.finishUnit();
    }
  }

  private finishUnit(): void {
    const unit = this.unit!;
    const hasTarget = unit.parts.some((p) => p.target !== null);
    this.files[this.files.length - 1]!.units.push({
      id: unit.id,
      line: unit.line,
      fingerprint: unit.fingerprint,
      source: unit.parts.map((p) => p.source).join(''),
      target: hasTarget ? unit.parts.map((p) => p.target ?? '').join('') : null,
      // A unit is as far along as its least finished segment.
      state: unit.states.length === 0 ? null : states[Math.min(...unit.states.map((s) => states.indexOf(s)))]!,
    });
    this.unit = null;
  }

  private characters(text: string, cdata: boolean): void {
    if (this.fingerprintText !== null) this.fingerprintText += text;
    else if (this.structure.text(text, cdata) && this.text) this.text.characters(text);
  }
}

/** Where a unit's own <source> and <target> stand (not those of a match or an alternative translation). */
function isSegmentPart(parent: string): boolean {
  return parent === 'segment' || parent === 'ignorable' || parent === 'trans-unit';
}

function attributesOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attribute of Object.values(tag.attributes) as SaxesAttributeNS[]) {
    // Unprefixed attributes have no namespace; xml:lang and friends keep their prefix in the key.
    if (attribute.uri === '' || attribute.prefix === 'xml') out[attribute.prefix === 'xml' ? `xml:${attribute.local}` : attribute.local] = attribute.value;
  }
  return out;
}
