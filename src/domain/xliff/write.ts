/**
 * Writes an XliffDocument as XLIFF 2.0 (core, with the matches, glossary and metadata modules) or XLIFF
 * 1.2 (strict schema: alt-trans for matches, notes for glossary terms, extradata for the fingerprint).
 * Exports are validated against the OASIS schemas in the tests; the choices that matter:
 * - canResegment="no" (2.0): a tool that split a unit would hand back parts of a sentence.
 * - one <segment> (2.0) per unit, id "s", which the matches' ref attribute points to.
 * - the file's original attribute names the article, which an upload is checked against.
 * - machine translation suggestions are matches of type "mt" (2.0) / alt-trans whose tool is the provider
 *   (1.2), and carry no score: a score attribute is written only when there is one.
 */
import { directionOf } from '../article.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../memory/xml.js';
import { articleOriginal, type XliffDocument, type XliffFile, type XliffMatch, type XliffNote, type XliffUnit } from './document.js';
import { inlineXml, type XliffVersion } from './inline.js';
import { state12Of } from './states.js';

export const xliffNamespaces = {
  '2.0': 'urn:oasis:names:tc:xliff:document:2.0',
  '1.2': 'urn:oasis:names:tc:xliff:document:1.2',
  matches: 'urn:oasis:names:tc:xliff:matches:2.0',
  glossary: 'urn:oasis:names:tc:xliff:glossary:2.0',
  metadata: 'urn:oasis:names:tc:xliff:metadata:2.0',
} as const;

const matchType = { in_context: 'icm', exact: 'tm', fuzzy: 'tm', machine: 'mt' } as const;

/** Where a match came from: memory, or the machine translation provider that made it. */
function matchOrigin(m: XliffMatch, separator: string): string {
  return m.kind === 'machine' ? `dragoman:mt:${m.provider ?? 'unknown'}` : `dragoman:memory${separator}`;
}

/** XLIFF 1.2's tool id for a machine translation provider, declared in the file header. */
function machineToolId(provider: string | undefined): string {
  return `dragoman-mt-${provider ?? 'unknown'}`;
}

export function writeXliff(doc: XliffDocument, version: XliffVersion): string {
  return version === '2.0' ? write20(doc) : write12(doc);
}

function write20(doc: XliffDocument): string {
  const ns = xliffNamespaces;
  let xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${ns['2.0']}" xmlns:mtc="${ns.matches}" xmlns:gls="${ns.glossary}" ` +
    `xmlns:mda="${ns.metadata}" version="2.0" srcLang="${attr(doc.sourceLang)}" trgLang="${attr(doc.targetLocale)}">\n`;
  doc.files.forEach((file, i) => {
    xml += `  <file id="f${i + 1}" original="${attr(articleOriginal(file.articleId))}" canResegment="no" srcDir="${directionOf(doc.sourceLang)}" trgDir="${directionOf(doc.targetLocale)}">\n`;
    xml += metadata20('    ', [['article', file.articleId], ['revision', String(file.revision)]]);
    xml += notes20('    ', file.notes);
    for (const group of file.groups) {
      xml += `    <group id="b${group.blockIndex}" type="dragoman:${group.blockType}">\n`;
      xml += notes20('      ', group.notes);
      for (const unit of group.units) xml += unit20(unit, file);
      xml += '    </group>\n';
    }
    xml += '  </file>\n';
  });
  return xml + '</xliff>\n';
}

function metadata20(indent: string, entries: Array<[string, string]>): string {
  const metas = entries.map(([type, value]) => `${indent}    <mda:meta type="${type}">${text(value)}</mda:meta>\n`).join('');
  return `${indent}<mda:metadata>\n${indent}  <mda:metaGroup category="dragoman">\n${metas}${indent}  </mda:metaGroup>\n${indent}</mda:metadata>\n`;
}

function notes20(indent: string, notes: XliffNote[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((n) => `${indent}  <note category="${attr(n.category)}">${text(n.text)}</note>\n`).join('');
  return `${indent}<notes>\n${items}${indent}</notes>\n`;
}

function unit20(unit: XliffUnit, file: XliffFile): string {
  const i = '      ';
  let xml = `${i}<unit id="${attr(unit.id)}">\n`;
  xml += metadata20(`${i}  `, [['source-fingerprint', unit.fingerprint]]);
  if (unit.matches.length > 0) {
    xml += `${i}  <mtc:matches>\n`;
    for (const m of unit.matches) {
      const scores = m.score === null ? '' : ` matchQuality="${m.score}" similarity="${m.score}"`;
      xml +=
        `${i}    <mtc:match ref="#s" type="${matchType[m.kind]}" subType="dragoman:${m.kind}"${scores} origin="${attr(matchOrigin(m, ''))}">\n` +
        `${i}      <source>${inlineXml(m.source, '2.0')}</source>\n${i}      <target>${inlineXml(m.target, '2.0')}</target>\n` +
        `${i}    </mtc:match>\n`;
    }
    xml += `${i}  </mtc:matches>\n`;
  }
  if (unit.glossary.length > 0) {
    xml += `${i}  <gls:glossary>\n`;
    for (const g of unit.glossary) {
      xml +=
        `${i}    <gls:glossEntry>\n${i}      <gls:term source="dragoman:glossary">${text(g.term)}</gls:term>\n` +
        `${i}      <gls:translation>${text(g.translation)}</gls:translation>\n` +
        (g.notes ? `${i}      <gls:definition>${text(g.notes)}</gls:definition>\n` : '') +
        `${i}    </gls:glossEntry>\n`;
    }
    xml += `${i}  </gls:glossary>\n`;
  }
  xml += notes20(`${i}  `, unit.notes);
  xml += `${i}  <segment id="s" state="${unit.state}">\n`;
  xml += `${i}    <source>${inlineXml(unit.source, '2.0', file.markup)}</source>\n`;
  if (unit.target !== null) xml += `${i}    <target>${inlineXml(unit.target, '2.0', file.markup)}</target>\n`;
  xml += `${i}  </segment>\n${i}</unit>\n`;
  return xml;
}

function write12(doc: XliffDocument): string {
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${xliffNamespaces['1.2']}" version="1.2">\n`;
  for (const file of doc.files) {
    xml +=
      `  <file original="${attr(articleOriginal(file.articleId))}" source-language="${attr(doc.sourceLang)}" ` +
      `target-language="${attr(doc.targetLocale)}" datatype="plaintext" tool-id="dragoman" product-version="${file.revision}">\n`;
    const providers = [...new Set(file.groups.flatMap((g) => g.units.flatMap((u) => u.matches.filter((m) => m.kind === 'machine').map((m) => m.provider))))];
    const tools = providers.map((p) => `      <tool tool-id="${attr(machineToolId(p))}" tool-name="${attr(p ?? 'unknown')}"/>\n`).join('');
    xml += `    <header>\n      <tool tool-id="dragoman" tool-name="Dragoman"/>\n${tools}${notes12('      ', file.notes)}    </header>\n`;
    xml += '    <body>\n';
    for (const group of file.groups) {
      xml += `      <group id="b${group.blockIndex}" restype="x-dragoman-${group.blockType}">\n`;
      xml += notes12('        ', group.notes);
      for (const unit of group.units) xml += unit12(unit, file, doc);
      xml += '      </group>\n';
    }
    xml += '    </body>\n  </file>\n';
  }
  return xml + '</xliff>\n';
}

function notes12(indent: string, notes: XliffNote[]): string {
  return notes.map((n) => `${indent}<note from="dragoman:${attr(n.category)}">${text(n.text)}</note>\n`).join('');
}

function unit12(unit: XliffUnit, file: XliffFile, doc: XliffDocument): string {
  const i = '        ';
  const approved = unit.state === 'final' ? ' approved="yes"' : '';
  let xml = `${i}<trans-unit id="${attr(unit.id)}" extradata="fp:${unit.fingerprint}"${approved}>\n`;
  xml += `${i}  <source>${inlineXml(unit.source, '1.2', file.markup)}</source>\n`;
  if (unit.target !== null) {
    xml += `${i}  <target state="${state12Of(unit.state)}">${inlineXml(unit.target, '1.2', file.markup)}</target>\n`;
  }
  xml += notes12(`${i}  `, unit.notes);
  xml += notes12(
    `${i}  `,
    unit.glossary.map((g) => ({ category: 'glossary', text: `${g.term} → ${g.translation}${g.notes ? ` (${g.notes})` : ''}` })),
  );
  for (const m of unit.matches) {
    const quality = m.score === null ? '' : ` match-quality="${m.score}"`;
    const tool = m.kind === 'machine' ? ` tool-id="${attr(machineToolId(m.provider))}"` : '';
    xml +=
      `${i}  <alt-trans${quality}${tool} origin="${attr(matchOrigin(m, `:${m.kind}`))}">\n` +
      `${i}    <source xml:lang="${attr(doc.sourceLang)}">${inlineXml(m.source, '1.2')}</source>\n` +
      `${i}    <target xml:lang="${attr(doc.targetLocale)}">${inlineXml(m.target, '1.2')}</target>\n` +
      `${i}  </alt-trans>\n`;
  }
  return xml + `${i}</trans-unit>\n`;
}
