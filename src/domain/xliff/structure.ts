/**
 * The validating half of reading an upload: every element and text node is checked against the schema
 * tables (models.ts) as it is read: where it may stand, in what order and how many, its attributes and
 * their values, where text may be; 1.2's identity constraints are kept by identity12.ts. The reader
 * (read.ts) takes the content; a violation is reported through `fail`, naming the problem.
 *
 * Wildcards follow XML Schema: an element a `lax` wildcard admits is checked against its declaration when
 * the schema set has one (so a translation candidate in a unit is checked as the matches module says) and
 * otherwise taken unchecked, its own children again checked against any declaration they have.
 */
import type { SaxesAttributeNS, SaxesTagNS } from 'saxes';
import { Identity12 } from './identity12.js';
import type { XliffVersion } from './inline.js';
import { modulePrefixes, models12, models20, xmlAttributes, type ElementDecl, type Models, type Particle } from './models.js';
import type { Fail } from './reasons.js';
import { anyString, collapse, type ValueType } from './values.js';
import { xliffNamespaces } from './write.js';

export interface Frame {
  /** The name as written (with its prefix). */
  name: string;
  local: string;
  /** In the document's own XLIFF namespace. */
  own: boolean;
  /** Extension content: admitted by a wildcard, or inside such an element; none of it is the document's content. */
  ext: boolean;
  /** null: admitted by a lax wildcard and declared by no schema of the set, taken unchecked. */
  decl: ElementDecl | null;
  /** Its unqualified attributes by name, and those of the XML namespace as xml:lang, xml:space… */
  attrs: Record<string, string>;
  slot: number;
  count: number;
}

const maxDepth = 200;
const xmlNs = 'http://www.w3.org/XML/1998/namespace';
const xmlnsNs = 'http://www.w3.org/2000/xmlns/';

export class Structure {
  readonly stack: Frame[] = [];
  private models: Models = models20;
  private ns = '';
  private identity: Identity12 | null = null;
  private readonly xmlIds = new Set<string>();
  version: XliffVersion | null = null;

  constructor(
    private readonly fail: Fail,
    private readonly line: () => number,
  ) {}

  get current(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Checks an opening tag against its parent and its declaration and pushes it; returns the new frame. */
  enter(tag: SaxesTagNS): Frame {
    const parent = this.current;
    if (this.stack.length >= maxDepth) this.fail('tooDeep', { max: maxDepth });
    if (!parent) return this.push(this.root(tag));
    const key = this.keyOf(tag);
    let decl: ElementDecl | null;
    let ext = parent.ext;
    if (parent.decl === null) {
      // Inside an element no schema declares: a child is checked only if some schema declares it.
      decl = this.globalDecl(key);
      ext = true;
    } else {
      const particle = this.place(parent, tag, key);
      if (particle.any) {
        ext = true;
        decl = this.globalDecl(key);
        if (!decl && particle.process === 'strict') this.fail('undeclaredElement', { element: tag.name, parent: parent.name });
      } else {
        decl = this.models[key!]!;
      }
    }
    const attrs = this.attributes(tag, decl);
    const frame = this.push({ name: tag.name, local: tag.local, own: tag.uri === this.ns, ext, decl, attrs, slot: 0, count: 0 });
    if (this.identity && decl && frame.own) this.identity.enter(tag.local, attrs, this.stack, this.line());
    return frame;
  }

  /** Pops the element, checking that it got every child it must have. */
  leave(): Frame {
    const frame = this.stack.pop()!;
    const content = frame.decl?.content;
    if (content && (content.kind === 'elements' || content.kind === 'mixed')) {
      const particles = content.particles;
      for (let i = frame.slot; i < particles.length; i++) {
        const filled = i === frame.slot ? frame.count : 0;
        if (filled < particles[i]!.min) this.fail('missingChild', { element: frame.name, children: namesOf(particles[i]!) });
      }
    }
    if (this.identity && frame.decl && frame.own) this.identity.leave(frame.local, this.stack);
    return frame;
  }

  /** True when text may stand here; refuses text where none may be (whitespace between elements is fine). */
  text(text: string, cdata: boolean): boolean {
    const frame = this.current;
    if (!frame) return false;
    const kind = frame.decl?.content.kind;
    if (kind === 'elements') {
      if (cdata || !/^[\t\n\r ]*$/.test(text)) this.fail('textNotAllowed', { element: frame.name });
      return false;
    }
    if (kind === 'empty') this.fail('textNotAllowed', { element: frame.name });
    return true;
  }

  private push(frame: Frame): Frame {
    this.stack.push(frame);
    return frame;
  }

  /** The declaration a schema of the set gives an element at top level (what a wildcard may check it against). */
  private globalDecl(key: string | null): ElementDecl | null {
    const found = key === null ? undefined : this.models[key];
    return found?.global ? found : null;
  }

  /** The element's key in the tables: its local name in the document's namespace, mtc:/gls:/mda: in a module's; null otherwise. */
  private keyOf(tag: SaxesTagNS): string | null {
    if (tag.uri === this.ns) return tag.local;
    return this.version === '2.0' && Object.hasOwn(modulePrefixes, tag.uri) ? modulePrefixes[tag.uri]! + tag.local : null;
  }

  private root(tag: SaxesTagNS): Frame {
    const version = tag.uri === xliffNamespaces['2.0'] ? '2.0' : tag.uri === xliffNamespaces['1.2'] ? '1.2' : null;
    if (tag.local !== 'xliff' || !version) {
      this.fail('wrongRoot', { element: tag.name, namespace: tag.uri || '-' });
    }
    this.version = version;
    this.ns = tag.uri;
    this.models = version === '2.0' ? models20 : models12;
    this.identity = version === '1.2' ? new Identity12(this.fail) : null;
    const decl = this.models.xliff!;
    const given = (tag.attributes.version as SaxesAttributeNS | undefined)?.value;
    if (given === undefined) this.fail('missingAttribute', { element: 'xliff', attribute: 'version' });
    if (given !== version) this.fail('versionMismatch', { version, value: given });
    const attrs = this.attributes(tag, decl);
    return { name: tag.name, local: tag.local, own: true, ext: false, decl, attrs, slot: 0, count: 0 };
  }

  /**
   * Checks every attribute against the declaration (its name, its namespace, its value) and the required
   * ones; returns the unqualified ones by name and those of the XML namespace as xml:lang, xml:space…
   */
  private attributes(tag: SaxesTagNS, decl: ElementDecl | null): Record<string, string> {
    const element = tag.name;
    const out = Object.create(null) as Record<string, string>;
    const all = tag.attributes as Record<string, SaxesAttributeNS>;
    for (const qname in all) {
      const a = all[qname]!;
      if (a.uri === '') {
        out[a.local] = a.value;
        if (!decl) continue;
        const type = decl.attributes[a.local];
        if (!type) this.fail('attributeNotAllowed', { element, attribute: a.name });
        if (type !== anyString) this.value(type, element, a);
      } else if (a.uri === xmlNs) {
        const key = `xml:${a.local}`;
        out[key] = a.value;
        if (key === 'xml:id') this.xmlId(a.value, element);
        const declared = decl?.attributes[key];
        if (declared) this.value(declared, element, a);
        else if (decl && decl.otherAttributes === null) this.fail('attributeNotAllowed', { element, attribute: a.name });
        else if (Object.hasOwn(xmlAttributes, key)) this.value(xmlAttributes[key]!, element, a);
        else if (decl?.otherAttributes === 'strict') this.fail('attributeNotAllowed', { element, attribute: a.name });
      } else if (a.uri !== xmlnsNs && decl && (decl.otherAttributes !== 'lax' || a.uri === decl.ns)) {
        // Attributes of other namespaces: a lax wildcard takes them (no schema of the set declares any); a
        // strict one (1.2) finds no declaration for them.
        this.fail('attributeNotAllowed', { element, attribute: a.name });
      }
    }
    if (decl) {
      for (const name of decl.required) {
        if (out[name] === undefined) this.fail('missingAttribute', { element, attribute: name });
      }
    }
    return out;
  }

  private value(type: ValueType, element: string, a: SaxesAttributeNS): void {
    if (!type.test(a.value)) this.fail(type.reason, { ...type.params, element, attribute: a.name, value: a.value });
  }

  /** xml:id is an ID wherever it stands: a name, once per document. */
  private xmlId(value: string, element: string): void {
    const id = collapse(value);
    if (this.xmlIds.has(id)) this.fail('duplicateValue', { element, attribute: 'xml:id', value: id });
    this.xmlIds.add(id);
  }

  /**
   * Moves the parent's position in its content model to the particle this child fills; refuses what does
   * not fit. The schemas are deterministic, so the first particle (from the current one on) that takes the
   * child is the one.
   */
  private place(parent: Frame, tag: SaxesTagNS, key: string | null): Particle {
    const content = parent.decl!.content;
    const child = tag.name;
    if (content.kind === 'text' || content.kind === 'empty') this.fail('notAllowedIn', { child, parent: parent.name });
    const particles = content.particles;
    let full = false;
    while (parent.slot < particles.length) {
      const p = particles[parent.slot]!;
      const fits = p.any ? p.any === 'any' || (tag.uri !== parent.decl!.ns && tag.uri !== '') : key !== null && p.names.includes(key);
      if (fits && parent.count < p.max) {
        parent.count++;
        return p;
      }
      full ||= fits;
      if (parent.count < p.min) this.fail('missingBefore', { parent: parent.name, children: namesOf(p), child });
      parent.slot++;
      parent.count = 0;
    }
    if (full) this.fail('onlyOne', { parent: parent.name, child });
    // (An undeclared element of the document's namespace is fine where a wildcard of a module takes it.)
    if (tag.uri === this.ns && !this.models[key!]) this.fail('unknownElement', { element: tag.local, version: this.version! });
    const elsewhere = particles.some((p) => (p.any ? false : key !== null && p.names.includes(key)));
    this.fail(elsewhere ? 'notAllowedHere' : 'notAllowedIn', { child, parent: parent.name });
  }
}

function namesOf(p: Particle): string {
  return p.any ? '*' : p.names.join('> | <');
}
