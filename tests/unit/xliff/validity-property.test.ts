/**
 * Property: the upload reader refuses every file the official schemas refuse. Exports as Dragoman writes
 * them (both versions, with memory and machine matches, glossary terms, notes, inline codes, targets in every
 * state) are damaged at random but reproducibly (a seeded generator; XLIFF_DAMAGE_SEED=<n> replays another
 * run): elements dropped, duplicated, renamed, moved into other parents or swapped; attributes dropped,
 * added or given bad values; module elements (2.0's mtc:, gls:, mda:; 1.2's alt-trans) injected with wrong
 * content; text put where none may be. Each damaged file goes to xmllint with the schemas the export tests
 * use and to the reader:
 * - whenever xmllint refuses, the reader must refuse;
 * - the reader may refuse what xmllint accepts only for the deliberate extra rules listed in `extraRules`.
 */
import { SaxesParser, type SaxesTag } from 'saxes';
import { describe, expect, it } from 'vitest';
import { sourceFingerprint, type XliffDocument, type XliffUnit } from '../../../src/domain/xliff/document.js';
import type { XliffVersion } from '../../../src/domain/xliff/inline.js';
import { models12, models20 } from '../../../src/domain/xliff/models.js';
import { XliffError, XliffReader, type XliffReason } from '../../../src/domain/xliff/read.js';
import { writeXliff } from '../../../src/domain/xliff/write.js';
import { xmllintMany } from '../../helpers/xmllint.js';

/**
 * What the reader refuses beyond the schema, on purpose (docs/xliff.md, "Uploads"): 2.0 file and unit ids
 * must be unique (XLIFF 2.0 requires it, its XSD cannot say it), and the version attribute must be the
 * namespace's version.
 */
const extraRules: Record<XliffVersion, readonly XliffReason[]> = {
  '2.0': ['duplicateUnit', 'duplicateFile', 'versionMismatch'],
  '1.2': ['versionMismatch'],
};

const casesPerVersion = Number(process.env.XLIFF_DAMAGE_CASES ?? 600);
const seed = Number(process.env.XLIFF_DAMAGE_SEED ?? 20261202);

// ---- the exports damaged ----

function unit(n: number, source: string, target: string | null, state: XliffUnit['state'], extra: Partial<XliffUnit> = {}): XliffUnit {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    source,
    target,
    state,
    fingerprint: sourceFingerprint(source),
    notes: [{ category: 'context-before', text: 'Предыдущее предложение.' }],
    matches: [],
    glossary: [],
    ...extra,
  };
}

const exported: XliffDocument = {
  sourceLang: 'ru',
  targetLocale: 'en',
  files: [
    {
      articleId: '11111111-2222-4333-8444-555555555555',
      revision: 3,
      notes: [{ category: 'headline', text: 'Алиев & <b>партнёры</b>' }],
      markup: { '1': { tag: 'b', attrs: {} }, '2': { tag: 'a', attrs: { href: 'https://x.test/?a=1&b=2' } }, '3': { tag: 'br', attrs: {} } },
      groups: [
        {
          blockIndex: 0,
          blockType: 'headline',
          notes: [{ category: 'block-type', text: 'headline' }],
          units: [unit(1, 'Президент ⟦1⟧Алиев⟦/1⟧ извинился', 'President ⟦1⟧Aliyev⟦/1⟧ apologised', 'translated')],
        },
        {
          blockIndex: 1,
          blockType: 'paragraph',
          notes: [{ category: 'block-type', text: 'paragraph' }],
          units: [
            unit(2, 'Он сказал ⟦2⟧об этом⟦/2⟧⟦3/⟧ вчера.', null, 'initial', {
              matches: [
                { source: 'Он сказал ⟦2⟧об этом⟦/2⟧ вчера.', target: 'He said ⟦2⟧so⟦/2⟧ yesterday.', score: 87, kind: 'fuzzy' },
                { source: 'Он сказал об этом вчера.', target: 'He said so yesterday.', score: 100, kind: 'exact' },
                { source: 'Он сказал об этом вчера.', target: 'He told about it yesterday.', score: null, kind: 'machine', provider: 'apertium' },
              ],
              glossary: [
                { term: 'Алиев', translation: 'Aliyev', notes: 'president of Azerbaijan' },
                { term: 'вчера', translation: 'yesterday', notes: null },
              ],
            }),
            unit(3, 'Половина ⟦1⟧пары без конца', 'Half ⟦1⟧a pair', 'final', {
              matches: [{ source: 'Половина пары', target: 'Half a pair', score: 100, kind: 'in_context' }],
              notes: [{ category: 'review-comment', text: 'Проверьте "кавычки"' }],
            }),
          ],
        },
      ],
    },
  ],
};

// ---- a small tree to damage ----

interface El {
  name: string;
  attrs: Array<[string, string]>;
  children: Node[];
}
/** Text, or markup written as it is (CDATA sections, comments). */
type Node = El | string | { raw: string };

function parse(xml: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (tag: SaxesTag) => {
    const el: El = { name: tag.name, attrs: Object.entries(tag.attributes as Record<string, string>), children: [] };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.children.push(text);
  });
  parser.write(xml).close();
  return root!;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

function serialize(el: El): string {
  const attrs = el.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (el.children.length === 0) return `<${el.name}${attrs}/>`;
  const content = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : 'raw' in c ? c.raw : serialize(c)));
  return `<${el.name}${attrs}>${content.join('')}</${el.name}>`;
}

function clone(el: El): El {
  return { name: el.name, attrs: el.attrs.map(([k, v]) => [k, v]), children: el.children.map((c) => (typeof c === 'string' || 'raw' in c ? c : clone(c))) };
}

/** Every element with its parent (the root has none). */
function elementsOf(root: El): Array<{ el: El; parent: El | null }> {
  const out: Array<{ el: El; parent: El | null }> = [];
  const walk = (el: El, parent: El | null) => {
    out.push({ el, parent });
    for (const c of el.children) if (isElement(c)) walk(c, el);
  };
  walk(root, null);
  return out;
}

const isElement = (node: Node): node is El => typeof node !== 'string' && !('raw' in node);
const contains = (outer: El, inner: El): boolean => outer === inner || outer.children.some((c) => isElement(c) && contains(c, inner));

// ---- seeded damage ----

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(s: number) {
  let a = s >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const attributeNames = (models: typeof models20) => [...new Set(Object.values(models).flatMap((d) => Object.keys(d.attributes)))];

const pools = {
  '2.0': {
    elements: [...Object.keys(models20), 'f:x', 'remarks', 'mtc:matchez', 'gls:entry', 'mda:meta2', 'constructor', 'mtc:toString'],
    attributes: [...attributeNames(models20), 'f:a', 'xml:lang', 'xml:space', 'xml:id', 'mtc:quality', 'bogus', 'toString', '__proto__'],
    snippets: [
      '<mtc:matches/>',
      '<mtc:matches><mtc:match ref="#s"><target>x</target></mtc:match></mtc:matches>',
      '<mtc:matches><mtc:match><source>a</source><target>b</target></mtc:match></mtc:matches>',
      '<mtc:matches><mtc:match ref="#s" similarity="120"><source>a</source><target>b</target></mtc:match></mtc:matches>',
      '<mtc:matches><mtc:match ref="#s" type="memory"><source>a</source><target>b</target></mtc:match></mtc:matches>',
      '<mtc:match ref="#s"><source>a</source><target>b</target><notes/></mtc:match>',
      '<mtc:match ref="#s"><source>a</source><target>b</target><f:x/></mtc:match>',
      '<mtc:matches><mtc:match ref="#s"><source>a</source><target>b</target><source>c</source></mtc:match></mtc:matches>',
      '<gls:glossary/>',
      '<gls:glossary><gls:glossEntry><gls:translation>t</gls:translation></gls:glossEntry></gls:glossary>',
      '<gls:glossary><gls:glossEntry><gls:term>a<b>c</b></gls:term></gls:glossEntry></gls:glossary>',
      '<gls:glossary><gls:glossEntry id="1 2"><gls:term>a</gls:term></gls:glossEntry></gls:glossary>',
      '<gls:glossary><gls:glossEntry><gls:term>a</gls:term><gls:definition>d</gls:definition><gls:definition>e</gls:definition></gls:glossEntry></gls:glossary>',
      '<gls:glossEntry><gls:term>a</gls:term></gls:glossEntry>',
      '<mda:metadata/>',
      '<mda:metadata><mda:meta type="x">v</mda:meta></mda:metadata>',
      '<mda:metadata><mda:metaGroup><mda:meta>v</mda:meta></mda:metaGroup></mda:metadata>',
      '<mda:metadata><mda:metaGroup appliesTo="both"><mda:meta type="x">v</mda:meta></mda:metaGroup></mda:metadata>',
      '<mda:metadata><mda:metaGroup><mda:meta type="x"><mda:meta type="y"/></mda:meta></mda:metaGroup></mda:metadata>',
      '<mda:meta type="x">v</mda:meta>',
      '<f:x><notes/></f:x>',
      '<f:x f:a="1">text<mda:metadata><mda:metaGroup><mda:meta type="a">b</mda:meta></mda:metaGroup></mda:metadata></f:x>',
      '<notes><note priority="11">n</note></notes>',
      '<ph id="9" type="format"/>',
      '<pc id="9" canCopy="maybe">x</pc>',
      '<cp hex="7"/>',
      '<sc id="9" isolated="yes" dir="up"/>',
      '<mrk id="m" type="term" translate="no">t</mrk>',
      '<mrk id="m" ref="a b%zz">t</mrk>',
    ],
  },
  '1.2': {
    elements: [...Object.keys(models12), 'f:x', 'remarks', 'alt-trans2', 'constructor'],
    attributes: [...attributeNames(models12), 'f:a', 'xml:lang', 'xml:space', 'xml:id', 'bogus', 'toString', '__proto__'],
    snippets: [
      '<alt-trans/>',
      '<alt-trans><source>a</source></alt-trans>',
      '<alt-trans match-quality="90"><source>a</source><target>b</target></alt-trans>',
      '<alt-trans tool-id="nobody"><target>b</target></alt-trans>',
      '<alt-trans alttranstype="guess"><target>b</target></alt-trans>',
      '<alt-trans><target>b</target><source>a</source></alt-trans>',
      '<alt-trans><target>b</target><note>n</note><context-group><context context-type="record">r</context></context-group></alt-trans>',
      '<alt-trans><target>b</target><target>c</target></alt-trans>',
      '<alt-trans mid="m1"><target>b</target></alt-trans>',
      '<alt-trans><source><bx id="1" rid="r"/><bx id="2" rid="r"/></source><target>b</target></alt-trans>',
      '<alt-trans><target><ex id="1" rid="nothing"/></target></alt-trans>',
      '<alt-trans><target state="maybe">b</target></alt-trans>',
      '<note priority="0">n</note>',
      '<note annotates="everything">n</note>',
      '<context-group><context context-type="record">r</context></context-group>',
      '<context-group name="c"><context context-type="color">r</context></context-group>',
      '<count-group name="g"><count count-type="x-words" unit="word">3</count></count-group>',
      '<tool tool-id="dragoman" tool-name="again"/>',
      '<tool tool-id="other" tool-name="Other"><note>n</note></tool>',
      '<group id="b1"><trans-unit id="u1"><source>s</source></trans-unit></group>',
      '<x id="9" ctype="bold"/>',
      '<g id="9" ctype="lb">x</g>',
      '<it id="9" pos="middle">x</it>',
      '<mrk mtype="thing">x</mrk>',
      '<ph id="9">code<sub>text</sub></ph>',
      '<f:x/>',
    ],
  },
};

const badValues = [
  '', ' ', 'yes', 'no', ' no', 'No', 'x', 'a b', 'a:b', ' a:b', 'a:b:c', 'x-foo', 'x-', 'x- y', '0', '1', '10', '11', '100', '100.5', '-1', '+5', ' 7 ',
  '5.', '.5', '1e2', '#s', 's', '%', '%zz', '%41', '[x]', 'http://a/b c', 'urn:x', 'ltr', 'sideways', 'fmt', 'format', 'link', 'tm', 'mt', 'memory',
  'initial', 'translated', 'reviewed', 'final', 'done', 'needs-translation', 'signed-off', ' final', 'x-custom', 'ru', 'en-GB', 'e n', 'english-language',
  '2026-12-02T14:00:00Z', '2026-12-02', '2026-13-01T00:00:00', 'plaintext', 'text', 'bold', 'lb', 'open', 'middle', 'preserve', 'keep', 'source',
  'target', 'general', 'ignorable', '1;2;#;4', '1;2;3', 'term', 'generic', 'seg', 'proposal', 'guess', 'text/plain', 'word', 'dragoman', '😀', 'a⁰', '1a',
  'f1', 'b1', '00000000-0000-4000-8000-000000000002', '7',
];

interface Damage {
  xml: string;
  what: string[];
}

/** Where damage matters most: module content (2.0) and alternative translations, tools and inline codes (1.2). */
const focus: Record<XliffVersion, RegExp> = {
  '2.0': /^(mtc|gls|mda):|^(source|target|pc|ph|sc|ec|note)$/,
  '1.2': /^(alt-trans|tool|target|note|g|x|bx|ex|trans-unit)$/,
};

const operations = [
  ['value', 25],
  ['add', 12],
  ['drop attribute', 10],
  ['drop', 10],
  ['duplicate', 7],
  ['rename', 8],
  ['move', 8],
  ['inject', 12],
  ['swap or text', 8],
] as const;
const totalWeight = operations.reduce((sum, [, w]) => sum + w, 0);

function operation(random: Random): (typeof operations)[number][0] {
  let r = random.int(totalWeight);
  for (const [name, weight] of operations) {
    if (r < weight) return name;
    r -= weight;
  }
  return 'value';
}

/**
 * Attributes whose values the schemas restrict (read off the XSDs, not off the reader's tables, so that a
 * rule missing from the tables does not also vanish from the damage).
 */
const typedNames = new Set(
  (
    'canResegment translate srcDir trgDir type subType state priority appliesTo canCopy canDelete canReorder canOverlap isolated dir id ' +
    'startRef dataRef copyOf subFlows order hex similarity matchQuality matchSuitability reference ref srcLang trgLang xml:lang xml:space ' +
    'approved merged-trans clone state-qualifier datatype restype ctype mtype pos annotates size-unit reformat coord help-id style crc mid ' +
    'rid source-language target-language date alttranstype context-type match-mandatory count-type unit purpose mime-type equiv-trans'
  ).split(' '),
);

/** The attributes an element may have whose values can be wrong. */
function typedAttributes(models: typeof models20, name: string): string[] {
  return Object.keys(models[name]?.attributes ?? {}).filter((attribute) => typedNames.has(attribute));
}

function damage(base: El, version: XliffVersion, random: Random): Damage {
  const root = clone(base);
  const pool = pools[version];
  const models = version === '2.0' ? models20 : models12;
  const what: string[] = [];
  const ops = random.next() < 0.7 ? 1 : 2;
  for (let i = 0; i < ops; i++) {
    const all = elementsOf(root);
    const inner = all.filter((e) => e.parent !== null);
    if (inner.length === 0) break;
    const focused = inner.filter((e) => focus[version].test(e.el.name));
    const { el, parent } = random.pick(focused.length > 0 && random.next() < 0.6 ? focused : inner);
    const at = (p: El) => random.int(p.children.length + 1);
    switch (operation(random)) {
      case 'drop':
        parent!.children.splice(parent!.children.indexOf(el), 1);
        what.push(`drop <${el.name}>`);
        break;
      case 'duplicate':
        parent!.children.splice(parent!.children.indexOf(el) + 1, 0, clone(el));
        what.push(`duplicate <${el.name}>`);
        break;
      case 'rename': {
        const name = random.pick(pool.elements);
        what.push(`rename <${el.name}> to <${name}>`);
        el.name = name;
        break;
      }
      case 'drop attribute': {
        // Half the time a required one.
        const required = el.attrs.filter(([k]) => models[el.name]?.required.includes(k));
        const from = required.length > 0 && random.next() < 0.5 ? required : el.attrs;
        if (from.length === 0) break;
        const attr = random.pick(from);
        el.attrs.splice(el.attrs.indexOf(attr), 1);
        what.push(`drop ${attr[0]} of <${el.name}>`);
        break;
      }
      case 'add': {
        // Half the time an attribute the element may have, of a type that can be wrong.
        const declared = typedAttributes(models, el.name);
        const name = declared.length > 0 && random.next() < 0.5 ? random.pick(declared) : random.pick(pool.attributes);
        const value = random.pick(badValues);
        el.attrs = el.attrs.filter(([k]) => k !== name);
        el.attrs.push([name, value]);
        what.push(`add ${name}="${value}" to <${el.name}>`);
        break;
      }
      case 'value': {
        const own = el.attrs.filter(([k]) => !k.startsWith('xmlns'));
        const typed = own.filter(([k]) => typedAttributes(models, el.name).includes(k));
        if (own.length === 0) break;
        const attr = random.pick(typed.length > 0 && random.next() < 0.7 ? typed : own);
        attr[1] = random.pick(badValues);
        what.push(`${attr[0]}="${attr[1]}" on <${el.name}>`);
        break;
      }
      case 'move': {
        const targets = all.filter((e) => !contains(el, e.el));
        const target = random.pick(targets).el;
        parent!.children.splice(parent!.children.indexOf(el), 1);
        target.children.splice(at(target), 0, el);
        what.push(`move <${el.name}> into <${target.name}>`);
        break;
      }
      case 'inject': {
        const snippet = random.pick(pool.snippets);
        const target = random.next() < 0.5 ? (parent ?? el) : random.pick(all).el;
        target.children.splice(at(target), 0, parse(snippet));
        what.push(`inject ${snippet} into <${target.name}>`);
        break;
      }
      case 'swap or text': {
        const i = parent!.children.indexOf(el);
        const next = parent!.children.findIndex((c, j) => j > i && isElement(c));
        if (random.next() < 0.5 && next > i) {
          [parent!.children[i], parent!.children[next]] = [parent!.children[next]!, parent!.children[i]!];
          what.push(`swap <${el.name}> with the next element`);
        } else if (random.next() < 0.15) {
          // Bind a namespace prefix to another namespace (its elements become another vocabulary's).
          const binding = random.pick(root.attrs.filter(([k]) => k.startsWith('xmlns')));
          binding[1] = random.pick(['urn:foo', 'urn:oasis:names:tc:xliff:matches:2.0', 'urn:oasis:names:tc:xliff:glossary:2.0', 'urn:oasis:names:tc:xliff:metadata:2.0']);
          what.push(`${binding[0]}="${binding[1]}"`);
        } else {
          const text = random.pick(['x', ' ', '\n  ', '<![CDATA[ ]]>', '<![CDATA[x]]>', '<!-- note -->']);
          el.children.splice(at(el), 0, { raw: text });
          what.push(`text ${JSON.stringify(text)} in <${el.name}>`);
        }
      }
    }
  }
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`, what };
}

function readerVerdict(xml: string): XliffReason | null {
  try {
    const reader = new XliffReader();
    reader.write(xml);
    reader.end();
    return null;
  } catch (error) {
    if (error instanceof XliffError) return error.reason;
    throw error;
  }
}

describe('the upload reader against xmllint, on damaged exports', () => {
  for (const version of ['2.0', '1.2'] as XliffVersion[]) {
    it(`refuses every file the XLIFF ${version} schema refuses (seed ${seed}, ${casesPerVersion} cases)`, () => {
      const base = parse(writeXliff(exported, version));
      // A foreign namespace the damage may use (f:x elements, f:a attributes).
      base.attrs.push(['xmlns:f', 'urn:foo']);
      const random = prng(seed + (version === '2.0' ? 0 : 1));
      const cases = Array.from({ length: casesPerVersion }, () => damage(base, version, random));
      const lint = xmllintMany(version === '2.0' ? 'xliff20' : 'xliff12', cases.map((c) => c.xml));
      const missed: string[] = [];
      const extra: string[] = [];
      let refusedByBoth = 0;
      cases.forEach((c, i) => {
        const ours = readerVerdict(c.xml);
        if (lint[i] !== '' && ours === null) missed.push(`case ${i}: ${c.what.join('; ')}\n  xmllint: ${lint[i]!.split('\n')[0]}`);
        else if (lint[i] === '' && ours !== null && !extraRules[version].includes(ours)) extra.push(`case ${i}: ${c.what.join('; ')}\n  reader: ${ours}`);
        else if (ours !== null && lint[i] !== '') refusedByBoth++;
      });
      if (process.env.XLIFF_DAMAGE_REPORT) {
        const reasons = new Map<string, number>();
        cases.forEach((c, i) => {
          const ours = readerVerdict(c.xml) ?? (lint[i] === '' ? 'valid' : 'MISSED');
          reasons.set(ours, (reasons.get(ours) ?? 0) + 1);
        });
        console.log(version, JSON.stringify(Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1]))));
      }
      expect(missed, 'xmllint refused, the reader accepted').toEqual([]);
      expect(extra, 'the reader refused what xmllint accepts, outside the deliberate rules').toEqual([]);
      // The damage must make a real test: a good share of the damaged files are invalid.
      expect(refusedByBoth).toBeGreaterThan(casesPerVersion / 3);
    });
  }

  it('starts from exports both validators accept', () => {
    for (const version of ['2.0', '1.2'] as XliffVersion[]) {
      const xml = writeXliff(exported, version);
      expect(xmllintMany(version === '2.0' ? 'xliff20' : 'xliff12', [xml])).toEqual(['']);
      expect(readerVerdict(xml)).toBeNull();
    }
  });
});
