/**
 * The structural half of reading an upload: which elements may stand where (models.ts), in what order and
 * how many, with which attributes, and where text may stand. The reader (read.ts) asks it about every
 * element and text node and takes the content; a violation is reported through `fail`, naming the problem.
 */
import type { SaxesTagNS } from 'saxes';
import type { XliffVersion } from './inline.js';
import { models12, models20, opaqueRequired12, type ContentModel } from './models.js';
import type { Fail } from './reasons.js';
import { xliffNamespaces } from './write.js';

export interface Frame {
  local: string;
  /** In Dragoman's XLIFF namespace (not a module or another vocabulary). */
  own: boolean;
  /** null: read as XML only (another namespace, or an element whose content Dragoman does not take). */
  model: ContentModel | null;
  slot: number;
  count: number;
}

const maxDepth = 200;

export class Structure {
  readonly stack: Frame[] = [];
  private models: Record<string, ContentModel> = models20;
  version: XliffVersion | null = null;

  constructor(private readonly fail: Fail) {}

  get current(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Checks an opening tag against its parent and pushes it; returns the new frame. */
  enter(tag: SaxesTagNS, attrs: Record<string, string>): Frame {
    const parent = this.current;
    if (this.stack.length >= maxDepth) this.fail('tooDeep', { max: maxDepth });
    if (!parent) return this.push({ local: tag.local, own: true, model: this.root(tag, attrs), slot: 0, count: 0 });
    const own = tag.uri === xliffNamespaces[this.version!];
    if (parent.model === null) return this.push({ local: tag.local, own, model: null, slot: 0, count: 0 });
    if (!own) {
      if (parent.model.kind !== 'sequence' || !parent.model.other) this.fail('notAllowedIn', { child: tag.name, parent: parent.local });
      return this.push({ local: tag.local, own, model: null, slot: 0, count: 0 });
    }
    const model = this.models[tag.local];
    if (!model) this.fail('unknownElement', { element: tag.local, version: this.version! });
    this.place(parent, tag.local);
    const required = model.kind === 'opaque' ? (this.version === '1.2' ? opaqueRequired12[tag.local] : undefined) : model.required;
    for (const name of required ?? []) {
      if (attrs[name] === undefined) this.fail('missingAttribute', { element: tag.local, attribute: name });
    }
    return this.push({ local: tag.local, own, model: model.kind === 'opaque' ? null : model, slot: 0, count: 0 });
  }

  /** Pops the element, checking that its sequence got every child it must have. */
  leave(): Frame {
    const frame = this.stack.pop()!;
    const model = frame.model;
    if (model?.kind === 'sequence') {
      for (let i = frame.slot; i < model.slots.length; i++) {
        const filled = i === frame.slot ? frame.count : 0;
        if (filled < model.slots[i]!.min) this.fail('missingChild', { element: frame.local, children: model.slots[i]!.names.join('> | <') });
      }
    }
    return frame;
  }

  /** True when the text is content (inside a <source>, <target> or inline code); refuses text where none may be. */
  text(text: string, cdata: boolean): boolean {
    const frame = this.current;
    if (!frame || frame.model === null) return false;
    if (frame.model.kind === 'inline') return true;
    if ((frame.model.kind === 'sequence' || frame.model.kind === 'empty') && (cdata || text.trim() !== '')) {
      this.fail('textNotAllowed', { element: frame.local });
    }
    return false;
  }

  private push(frame: Frame): Frame {
    this.stack.push(frame);
    return frame;
  }

  private root(tag: SaxesTagNS, attrs: Record<string, string>): ContentModel {
    const version = tag.uri === xliffNamespaces['2.0'] ? '2.0' : tag.uri === xliffNamespaces['1.2'] ? '1.2' : null;
    if (tag.local !== 'xliff' || !version) {
      this.fail('wrongRoot', { element: tag.name, namespace: tag.uri || '-' });
    }
    this.version = version;
    this.models = version === '2.0' ? models20 : models12;
    const model = this.models.xliff!;
    for (const name of model.kind === 'sequence' ? model.required ?? [] : []) {
      if (attrs[name] === undefined) this.fail('missingAttribute', { element: 'xliff', attribute: name });
    }
    if (attrs.version !== version) this.fail('versionMismatch', { version, value: attrs.version ?? '' });
    return model;
  }

  /** Moves the parent's position in its sequence to the slot this child fills; refuses what does not fit. */
  private place(parent: Frame, child: string): void {
    const model = parent.model!;
    if (model.kind === 'text' || model.kind === 'empty') this.fail('notAllowedIn', { child, parent: parent.local });
    if (model.kind === 'inline') {
      if (!model.names.includes(child)) this.fail('notAllowedIn', { child, parent: parent.local });
      return;
    }
    if (model.kind !== 'sequence') return;
    const slots = model.slots;
    while (parent.slot < slots.length && !slots[parent.slot]!.names.includes(child)) {
      if (parent.count < slots[parent.slot]!.min) this.fail('missingBefore', { parent: parent.local, children: slots[parent.slot]!.names.join('> | <'), child });
      parent.slot++;
      parent.count = 0;
    }
    if (parent.slot === slots.length) this.fail('notAllowedHere', { child, parent: parent.local });
    parent.count++;
    if (parent.count > slots[parent.slot]!.max) this.fail('onlyOne', { parent: parent.local, child });
  }
}
