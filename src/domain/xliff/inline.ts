/**
 * Placeholder text (⟦n⟧…⟦/n⟧ pairs, ⟦n/⟧ void tokens, see ../markup/placeholders.ts) as XLIFF inline codes,
 * and the inline codes of an uploaded file back as placeholder text.
 *
 * The code's id carries the placeholder number, so the round trip is exact whatever a CAT tool does with
 * the attributes: "3" for the first code of number 3 in a text, "3_2", "3_3"… for later ones (a translator
 * may have repeated a tag; ids must stay unique within a text). Matched pairs become <pc> (2.0) or <g>
 * (1.2); halves without their partner become isolated <sc>/<ec> (2.0) or <bx>/<ex> (1.2); void tokens
 * become <ph> (2.0) or <x> (1.2).
 */
import type { MarkupTag } from '../markup/tags.js';
import { escapeXmlAttribute, escapeXmlText } from '../memory/xml.js';
import { pairTokens, scanPlaceholders } from '../markup/tokens.js';
import { closeTag, openTag } from '../markup/tags.js';

export type XliffVersion = '2.0' | '1.2';

/** Standard hints for CAT tools (display and type); never read back, the id alone matters. */
function hints20(tag: MarkupTag | undefined, kind: 'pair' | 'void'): string {
  if (!tag) return '';
  const type =
    tag.tag === 'b' || tag.tag === 'strong'
      ? ' type="fmt" subType="xlf:b"'
      : tag.tag === 'i' || tag.tag === 'em'
        ? ' type="fmt" subType="xlf:i"'
        : tag.tag === 'br'
          ? ' type="fmt" subType="xlf:lb"'
          : tag.tag === 'a'
            ? ' type="link"'
            : tag.tag === 'span'
              ? ' type="other"'
              : ' type="fmt"';
  if (kind === 'void') return `${type} disp="${escapeXmlAttribute(openTag(tag))}"`;
  return `${type} dispStart="${escapeXmlAttribute(openTag(tag))}" dispEnd="${escapeXmlAttribute(closeTag(tag))}"`;
}

const ctypes: Partial<Record<MarkupTag['tag'], string>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  a: 'link',
  span: 'x-html-span',
  sub: 'x-html-sub',
  sup: 'x-html-sup',
};

function hints12(tag: MarkupTag | undefined, kind: 'pair' | 'void'): string {
  if (!tag) return '';
  if (kind === 'void') return tag.tag === 'br' ? ' ctype="lb"' : '';
  const ctype = ctypes[tag.tag];
  return ctype ? ` ctype="${ctype}"` : '';
}

/** Placeholder text as the escaped content of a <source> or <target>, with inline codes. */
export function inlineXml(text: string, version: XliffVersion, markup: Record<string, MarkupTag> = {}): string {
  const tokens = scanPlaceholders(text);
  if (tokens.length === 0) return escapeXmlText(text);
  const partner = new Map<number, number>();
  for (const [open, close] of pairTokens(tokens)) {
    partner.set(open, close);
    partner.set(close, open);
  }
  const used = new Map<string, number>();
  const idOf = (n: string): string => {
    const count = (used.get(n) ?? 0) + 1;
    used.set(n, count);
    return count === 1 ? n : `${n}_${count}`;
  };
  const tagOf = (n: string): MarkupTag | undefined => (Object.hasOwn(markup, n) ? markup[n] : undefined);
  let xml = '';
  let from = 0;
  tokens.forEach((token, index) => {
    xml += escapeXmlText(text.slice(from, token.start));
    from = token.end;
    const tag = tagOf(token.id);
    const paired = partner.has(index);
    if (token.kind === 'void') {
      const id = idOf(token.id);
      xml += version === '2.0' ? `<ph id="${id}"${hints20(tag, 'void')}/>` : `<x id="${id}"${hints12(tag, 'void')}/>`;
    } else if (token.kind === 'open') {
      const id = idOf(token.id);
      if (paired) xml += version === '2.0' ? `<pc id="${id}"${hints20(tag, 'pair')}>` : `<g id="${id}"${hints12(tag, 'pair')}>`;
      else xml += version === '2.0' ? `<sc id="${id}" isolated="yes"/>` : `<bx id="${id}"/>`;
    } else if (paired) {
      xml += version === '2.0' ? '</pc>' : '</g>';
    } else {
      const id = idOf(token.id);
      xml += version === '2.0' ? `<ec id="${id}" isolated="yes"/>` : `<ex id="${id}"/>`;
    }
  });
  return xml + escapeXmlText(text.slice(from));
}

/** The placeholder number an inline code's id stands for, or null for an id Dragoman never wrote. */
export function placeholderNumber(id: string | undefined): string | null {
  const match = /^([1-9]\d{0,8})(?:_[1-9]\d{0,8})?$/.exec(id ?? '');
  return match ? match[1]! : null;
}

export const openToken = (n: string): string => `⟦${n}⟧`;
export const closeToken = (n: string): string => `⟦/${n}⟧`;
export const voidToken = (n: string): string => `⟦${n}/⟧`;
