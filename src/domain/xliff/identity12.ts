/**
 * XLIFF 1.2 strict's identity constraints (xs:unique, xs:key, xs:keyref), which xmllint enforces:
 * - in a file: group ids, unit ids (trans-unit and bin-unit), header tool ids, phase names, count-group
 *   names, context-group names and external-file uids are each unique; the file's, a phase's and an
 *   alt-trans's tool-id name a header tool; phase-name on a trans-unit, count or target names a phase;
 * - in a trans-unit and in an alt-trans: the mid of the seg-source's mrk elements are unique, and the target's
 *   mrk (and the unit's alt-trans) refer to one of them;
 * - in a source, seg-source or target: bpt and bx rid values are unique, ept and ex refer to them.
 * A reference that names nothing is refused at the end of its scope, with the line of the reference.
 */
import type { Fail } from './reasons.js';
import { collapse } from './values.js';

interface Ref {
  value: string;
  element: string;
  attribute: string;
  line: number;
}

/** One scope's keys and the references waiting for them (made only when a scope has any: most have none). */
class Keys {
  private keys: Map<string, Set<string>> | null = null;
  private refs: Array<Ref & { key: string }> | null = null;

  constructor(private readonly fail: Fail) {}

  add(key: string, value: string | undefined, element: string, attribute: string, reason: 'duplicateValue' | 'duplicateUnit' = 'duplicateValue'): void {
    if (value === undefined) return;
    this.keys ??= new Map();
    let set = this.keys.get(key);
    if (!set) this.keys.set(key, (set = new Set()));
    if (set.has(value)) this.fail(reason, reason === 'duplicateUnit' ? { id: value } : { element, attribute, value });
    set.add(value);
  }

  ref(key: string, value: string | undefined, element: string, attribute: string, line: number): void {
    if (value !== undefined) (this.refs ??= []).push({ key, value, element, attribute, line });
  }

  /** Every reference must name a key of its kind. */
  resolve(targets: Record<string, string>): void {
    for (const r of this.refs ?? []) {
      if (!this.keys?.get(r.key)?.has(r.value)) {
        this.fail('unknownReference', { element: r.element, attribute: r.attribute, value: r.value, target: targets[r.key]! }, r.line);
      }
    }
  }
}

interface Frame {
  local: string;
}

const fileTargets = { tool: 'tool', phase: 'phase' };
const midTargets = { mid: 'mrk' };
const ridTargets = { bpt: 'bpt', bx: 'bx' };

export class Identity12 {
  private file: Keys | null = null;
  /** trans-unit and alt-trans scopes (an alt-trans is inside its unit's). */
  private readonly units: Keys[] = [];
  private text: Keys | null = null;

  constructor(private readonly fail: Fail) {}

  /** `stack` ends with the element just opened. */
  enter(local: string, attrs: Record<string, string>, stack: readonly Frame[], line: number): void {
    const parent = stack[stack.length - 2]?.local;
    const grand = stack[stack.length - 3]?.local;
    const file = this.file;
    switch (local) {
      case 'file':
        this.file = new Keys(this.fail);
        this.file.ref('tool', attrs['tool-id'], local, 'tool-id', line);
        return;
      case 'group':
        file?.add('group', attrs.id, local, 'id');
        return;
      case 'trans-unit':
      case 'bin-unit':
        file?.add('unit', attrs.id, local, 'id', 'duplicateUnit');
        if (local === 'trans-unit') {
          file?.ref('phase', attrs['phase-name'], local, 'phase-name', line);
          this.units.push(new Keys(this.fail));
        }
        return;
      case 'tool':
        if (parent === 'header') file?.add('tool', attrs['tool-id'], local, 'tool-id');
        return;
      case 'phase':
        if (parent === 'phase-group') {
          file?.add('phase', attrs['phase-name'], local, 'phase-name');
          file?.ref('tool', attrs['tool-id'], local, 'tool-id', line);
        }
        return;
      case 'count-group':
        file?.add('count-group', attrs.name, local, 'name');
        return;
      case 'count':
        file?.ref('phase', attrs['phase-name'], local, 'phase-name', line);
        return;
      case 'context-group':
        file?.add('context-group', attrs.name, local, 'name');
        return;
      case 'external-file':
        file?.add('uid', collapsed(attrs.uid), local, 'uid');
        return;
      case 'alt-trans':
        if (parent === 'trans-unit') {
          file?.ref('tool', attrs['tool-id'], local, 'tool-id', line);
          this.units[this.units.length - 1]?.ref('mid', collapsed(attrs.mid), local, 'mid', line);
          this.units.push(new Keys(this.fail));
        }
        return;
      case 'source':
      case 'seg-source':
      case 'target':
        if (local === 'target') file?.ref('phase', collapsed(attrs['phase-name']), local, 'phase-name', line);
        this.text = new Keys(this.fail);
        return;
      case 'mrk':
        if (grand === 'trans-unit' || grand === 'alt-trans') {
          const scope = this.units[this.units.length - 1];
          if (parent === 'seg-source') scope?.add('mid', collapsed(attrs.mid), local, 'mid');
          else if (parent === 'target') scope?.ref('mid', collapsed(attrs.mid), local, 'mid', line);
        }
        return;
      case 'bpt':
      case 'bx':
        this.text?.add(local, collapsed(attrs.rid), local, 'rid');
        return;
      case 'ept':
      case 'ex':
        this.text?.ref(local === 'ept' ? 'bpt' : 'bx', collapsed(attrs.rid), local, 'rid', line);
        return;
    }
  }

  leave(local: string, stack: readonly Frame[]): void {
    const parent = stack[stack.length - 1]?.local;
    if (local === 'source' || local === 'seg-source' || local === 'target') {
      this.text?.resolve(ridTargets);
      this.text = null;
    } else if (local === 'trans-unit' || (local === 'alt-trans' && parent === 'trans-unit')) {
      this.units.pop()?.resolve(midTargets);
    } else if (local === 'file') {
      this.file?.resolve(fileTargets);
      this.file = null;
    }
  }
}

/** NMTOKEN values compare after whitespace collapse. */
function collapsed(value: string | undefined): string | undefined {
  return value === undefined ? undefined : collapse(value);
}
