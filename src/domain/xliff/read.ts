/**
 * Incremental reader of an uploaded XLIFF 2.0 or 1.2 document. write() takes the next piece of text, end()
 * returns what the document says; the first problem raises XliffError with its line, so an upload is
 * refused whole. What it refuses besides malformed XML: a DOCTYPE (no DTD, no entities: no billion laughs,
 * no external entities), another root or namespace, anything the schema refuses (structure.ts against the
 * tables of models.ts: elements out of place, attributes missing, unknown or with values of the wrong type,
 * module content, 1.2's identity constraints), duplicate file or unit ids, more units or deeper nesting than
 * any real file has.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { XliffState } from './document.js';
import type { XliffVersion } from './inline.js';
import { stateFrom12, stateFrom20 } from './states.js';
import { Structure } from './structure.js';
import { collapse } from './values.js';
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

/** More than any article has (a 200,000-character article is about 2,000 sentences). */
export const maxUnits = 5_000;
const states: XliffState[] = ['initial', 'translated', 'reviewed', 'final'];

type OpenUnit = ReadUnit & { states: XliffState[]; parts: Array<{ source: string; target: string | null }> };

export class XliffReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly structure = new Structure(
    (reason, params, line) => this.fail(reason, params, line),
    () => this.parser.line,
  );
  private rootAttrs: Record<string, string> = {};
  private readonly files: ReadFile[] = [];
  private readonly fileIds = new Set<string>();
  private unitIds = new Set<string>();
  private unitCount = 0;
  private unit: OpenUnit | null = null;
  private text: UnitText | null = null;
  private fingerprintText: string | null = null;
  /** Depth inside a 1.2 native code (ph, bpt, ept, it): its content is original markup, not text of the sentence. */
  private nativeDepth = 0;

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

  private fail(reason: XliffReason, params: Record<string, string | number> = {}, line = this.parser.line): never {
    throw new XliffError(reason, line, params);
  }

  private open(tag: SaxesTagNS): void {
    const parent = this.structure.current;
    const frame = this.structure.enter(tag);
    const attrs = frame.attrs;
    if (!parent) return this.openRoot(attrs);
    if (frame.ext) {
      // The source fingerprint travels in the metadata module (2.0): <mda:meta type="source-fingerprint">.
      if (this.unit && tag.uri === xliffNamespaces.metadata && tag.local === 'meta' && attrs.type === 'source-fingerprint') {
        this.fingerprintText = '';
      }
      return;
    }
    if (this.nativeDepth > 0) {
      this.nativeDepth++;
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
        const state = stateFrom12(collapse(attrs.state));
        if (!state) this.fail('state12', { value: attrs.state });
        this.unit.states.push(state);
      }
      this.text = new UnitText(this.version, (reason, params) => this.fail(reason, params));
    } else if (this.text) {
      this.text.open(local, attrs);
      if (this.version === '1.2' && nativeCodes.has(local)) this.nativeDepth = 1;
    }
  }

  private openRoot(attrs: Record<string, string>): void {
    this.rootAttrs = attrs;
  }

  private openFile(attrs: Record<string, string>): void {
    if (this.version === '2.0') {
      const id = collapse(attrs.id!);
      if (this.fileIds.has(id)) this.fail('duplicateFile', { id });
      this.fileIds.add(id);
    }
    this.unitIds = new Set();
    // Language tags are checked by the schema tables; like any xs:language, surrounding whitespace does not count.
    const sourceLang = this.version === '2.0' ? this.rootAttrs.srcLang! : attrs['source-language']!;
    const targetLocale = this.version === '2.0' ? this.rootAttrs.trgLang : attrs['target-language'];
    this.files.push({
      line: this.parser.line,
      original: attrs.original,
      sourceLang: collapse(sourceLang),
      targetLocale: targetLocale === undefined ? null : collapse(targetLocale),
      units: [],
    });
  }

  private openUnit(attrs: Record<string, string>): void {
    // A 2.0 unit id is an NMTOKEN (surrounding whitespace does not count); a 1.2 id is any string.
    const id = this.version === '2.0' ? collapse(attrs.id!) : attrs.id!;
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
    if (frame.ext) return;
    if (this.nativeDepth > 0) {
      this.nativeDepth--;
      return;
    }
    const parent = this.structure.current?.local ?? '';
    if ((tag.local === 'source' || tag.local === 'target') && this.text && isSegmentPart(parent)) {
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
    if (!this.structure.text(text, cdata)) return;
    if (this.fingerprintText !== null) this.fingerprintText += text;
    else if (this.text && this.nativeDepth === 0 && !this.structure.current!.ext) this.text.characters(text);
  }
}

const nativeCodes = new Set(['ph', 'bpt', 'ept', 'it']);

/** Where a unit's own <source> and <target> stand (not those of a match or an alternative translation). */
function isSegmentPart(parent: string): boolean {
  return parent === 'segment' || parent === 'ignorable' || parent === 'trans-unit';
}
