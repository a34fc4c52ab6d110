/**
 * Builds the placeholder text of one <source> or <target> from its text and inline codes (the reverse of
 * inline.ts). Codes whose id Dragoman never wrote carry no placeholder: their text stays, the code goes,
 * and the QA placeholder check then reports the tag as missing, as it would for a submit through the API.
 */
import { closeToken, openToken, placeholderNumber, voidToken, type XliffVersion } from './inline.js';
import type { Fail } from './reasons.js';

/** What XML 1.0 cannot carry and PostgreSQL cannot store: a <cp> may name them, they are dropped. */
function storable(codePoint: number): boolean {
  if (codePoint === 0 || codePoint > 0x10ffff) return false;
  return !(codePoint >= 0xd800 && codePoint <= 0xdfff);
}

export class UnitText {
  private out = '';
  /** Open paired codes (<pc>, <g>) and the placeholder number each closes with, or null. */
  private readonly pairs: Array<string | null> = [];

  constructor(
    private readonly version: XliffVersion,
    private readonly fail: Fail,
  ) {}

  characters(text: string): void {
    this.out += text;
  }

  open(local: string, attrs: Record<string, string>): void {
    const n = placeholderNumber(attrs.id);
    if (this.version === '2.0') {
      if (local === 'pc') {
        this.pairs.push(n);
        if (n) this.out += openToken(n);
      } else if (local === 'ph' && n) this.out += voidToken(n);
      else if (local === 'sc' && n) this.out += openToken(n);
      else if (local === 'ec') {
        const m = placeholderNumber(attrs.startRef ?? attrs.id);
        if (m) this.out += closeToken(m);
      } else if (local === 'cp') this.codePoint(attrs.hex!);
      // <mrk> is an annotation: its text is part of the sentence. <sm>/<em> mark a span and carry nothing.
      return;
    }
    if (local === 'g') {
      this.pairs.push(n);
      if (n) this.out += openToken(n);
    } else if ((local === 'x' || local === 'ph') && n) this.out += voidToken(n);
    else if ((local === 'bx' || local === 'bpt') && n) this.out += openToken(n);
    else if ((local === 'ex' || local === 'ept') && n) this.out += closeToken(n);
    else if (local === 'it' && n) this.out += attrs.pos === 'close' ? closeToken(n) : openToken(n);
  }

  close(local: string): void {
    if (local !== 'pc' && local !== 'g') return;
    const n = this.pairs.pop();
    if (n) this.out += closeToken(n);
  }

  finish(): string {
    return this.out;
  }

  /** The schema tables checked hex as xs:hexBinary (pairs of hex digits, surrounding whitespace allowed, possibly none). */
  private codePoint(hex: string): void {
    const digits = hex.trim();
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(digits)) this.fail('cpHex', { value: hex });
    const value = digits === '' ? 0 : parseInt(digits, 16);
    if (storable(value)) this.out += String.fromCodePoint(value);
  }
}
