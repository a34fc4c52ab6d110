/**
 * The schemas an upload is checked against, as tables: XLIFF 2.0 core with the translation candidates
 * (mtc:), glossary (gls:) and metadata (mda:) modules, and XLIFF 1.2 strict. For every element: which
 * children it holds, in what order and how many (particles), whether text may stand in it, its attributes
 * with their value types (values.ts), which are required, and whether attributes of other namespaces are
 * allowed. Taken from the OASIS schemas (tests/fixtures/schemas) and checked against xmllint by
 * tests/unit/xliff/validity-property.test.ts. Identity constraints of 1.2 (unique ids, tool and phase
 * references) are in identity12.ts.
 *
 * Element keys: a local name in the document's own XLIFF namespace; `mtc:`, `gls:`, `mda:` before the
 * local name for the 2.0 modules, whatever prefix the file binds them to.
 */
import { xliffNamespaces } from './write.js';
import {
  anyString,
  anyUri,
  dateTime,
  decimal,
  hexBinary,
  integer,
  language,
  listOf,
  ncname,
  nmtoken,
  nmtokens,
  oneOf,
  pattern,
  tokenOf,
  union,
  xmlLang,
  type ValueType,
} from './values.js';

export type Particle =
  /** Elements of these keys, min..max times (a choice when there are several). */
  | { names: readonly string[]; min: number; max: number; any?: undefined }
  /**
   * A wildcard: `other` takes elements of any namespace but the element's own (and not unqualified ones),
   * `any` takes every element. `lax`: an element some schema of the set declares is checked against that
   * declaration, one none declares is taken unchecked; `strict`: it must be declared.
   */
  | { any: 'other' | 'any'; process: 'lax' | 'strict'; min: number; max: number; names?: undefined };

export type Content =
  /** Child elements only (whitespace between them is allowed). */
  | { kind: 'elements'; particles: readonly Particle[] }
  /** Text and child elements. */
  | { kind: 'mixed'; particles: readonly Particle[] }
  /** Text only. */
  | { kind: 'text' }
  /** Nothing at all, not even whitespace. */
  | { kind: 'empty' };

export interface ElementDecl {
  /** The element's namespace (what `other` wildcards and attribute wildcards are measured against). */
  ns: string;
  content: Content;
  /** Unqualified attributes by name, and xml:lang / xml:space where the schema names them. */
  attributes: Readonly<Record<string, ValueType>>;
  required: readonly string[];
  /** Attributes of other namespaces: allowed and checked when declared (lax), allowed only when declared (strict), or not at all. */
  otherAttributes: 'lax' | 'strict' | null;
  /** Declared at the top level of its schema, so a wildcard may admit it (1.2's skl, glossary, reference are not). */
  global: boolean;
}

export type Models = Readonly<Record<string, ElementDecl>>;

const many = Number.POSITIVE_INFINITY;
const one = (names: string | readonly string[], min = 1, max = 1): Particle => ({ names: typeof names === 'string' ? [names] : names, min, max });
const opt = (names: string | readonly string[]): Particle => one(names, 0, 1);
const star = (names: string | readonly string[]): Particle => one(names, 0, many);
const plus = (names: string | readonly string[]): Particle => one(names, 1, many);
const other = (process: 'lax' | 'strict'): Particle => ({ any: 'other', process, min: 0, max: many });

const elements = (...particles: Particle[]): Content => ({ kind: 'elements', particles });
const mixed = (...particles: Particle[]): Content => ({ kind: 'mixed', particles });
const text: Content = { kind: 'text' };
const empty: Content = { kind: 'empty' };

/** `!name` marks a required attribute. */
function decl(
  ns: string,
  content: Content,
  attributes: Record<string, ValueType> = {},
  otherAttributes: 'lax' | 'strict' | null = null,
  global = true,
): ElementDecl {
  // No prototype: an attribute called toString or __proto__ is simply not declared.
  const plain: Record<string, ValueType> = Object.create(null) as Record<string, ValueType>;
  const required: string[] = [];
  for (const [key, type] of Object.entries(attributes)) {
    const name = key.startsWith('!') ? key.slice(1) : key;
    if (name !== key) required.push(name);
    plain[name] = type;
  }
  return { ns, content, attributes: plain, required, otherAttributes, global };
}

/** The attributes of the XML namespace (xml.xsd), as attribute wildcards check them. */
export const xmlAttributes: Readonly<Record<string, ValueType>> = {
  'xml:lang': xmlLang,
  'xml:space': tokenOf('default', 'preserve'),
  'xml:base': anyUri,
  'xml:id': ncname,
};

// ---- XLIFF 2.0 core and modules ----

const ns20 = xliffNamespaces['2.0'];
const mtc = xliffNamespaces.matches;
const gls = xliffNamespaces.glossary;
const mda = xliffNamespaces.metadata;

const yesNo = oneOf('yes', 'no');
const yesNoFirstNo = oneOf('yes', 'firstNo', 'no');
const dir = oneOf('ltr', 'rtl', 'auto');
const userDefined = pattern(/^[^\t\n\r :]+:[^\t\n\r :]+$/, 'prefix:value');
const codeType = oneOf('fmt', 'ui', 'quote', 'link', 'image', 'other');
const mrkType = union(tokenOf('generic', 'comment', 'term'), userDefined);
const similarity = decimal(0, 100);
/** segment state: the reader's own reason names the XLIFF 2.0 states. */
export const state20: ValueType = { test: (v) => v === 'initial' || v === 'translated' || v === 'reviewed' || v === 'final', reason: 'state20' };
const space = { 'xml:space': xmlAttributes['xml:space']! };
const inline20 = ['cp', 'ph', 'pc', 'sc', 'ec', 'mrk', 'sm', 'em'] as const;
const structural = { canResegment: yesNo, translate: yesNo, srcDir: dir, trgDir: dir, ...space };
const codeCommon = { canCopy: yesNo, canDelete: yesNo, canReorder: yesNoFirstNo, copyOf: nmtoken, subType: userDefined, type: codeType };
const marker = { translate: yesNo, type: mrkType, ref: anyUri, value: anyString };

/** A table without a prototype, so that an element called constructor or toString is not declared. */
const table = (entries: Record<string, ElementDecl>): Models => Object.assign(Object.create(null) as Record<string, ElementDecl>, entries);

export const models20: Models = table({
  xliff: decl(ns20, elements(plus('file')), { '!version': anyString, '!srcLang': language, trgLang: language, ...space }, 'lax'),
  file: decl(
    ns20,
    elements(opt('skeleton'), other('lax'), opt('notes'), plus(['unit', 'group'])),
    { '!id': nmtoken, original: anyString, ...structural },
    'lax',
  ),
  skeleton: decl(ns20, mixed(other('lax')), { href: anyString }),
  group: decl(ns20, elements(other('lax'), opt('notes'), star(['unit', 'group'])), { '!id': nmtoken, name: anyString, type: userDefined, ...structural }, 'lax'),
  unit: decl(
    ns20,
    elements(other('lax'), opt('notes'), opt('originalData'), plus(['segment', 'ignorable'])),
    { '!id': nmtoken, name: anyString, type: userDefined, ...structural },
    'lax',
  ),
  segment: decl(ns20, elements(one('source'), opt('target')), { id: nmtoken, canResegment: yesNo, state: state20, subState: anyString }),
  ignorable: decl(ns20, elements(one('source'), opt('target')), { id: nmtoken }),
  notes: decl(ns20, elements(plus('note'))),
  note: decl(ns20, text, { id: nmtoken, appliesTo: oneOf('source', 'target'), category: anyString, priority: integer(1, 10) }, 'lax'),
  originalData: decl(ns20, elements(plus('data'))),
  data: decl(ns20, mixed(star('cp')), { '!id': nmtoken, dir, 'xml:space': tokenOf('preserve') }),
  source: decl(ns20, mixed(star(inline20)), { 'xml:lang': xmlLang, ...space }),
  target: decl(ns20, mixed(star(inline20)), { 'xml:lang': xmlLang, ...space, order: integer(1) }),
  cp: decl(ns20, empty, { '!hex': hexBinary }),
  ph: decl(ns20, empty, { ...codeCommon, '!id': nmtoken, disp: anyString, equiv: anyString, dataRef: nmtoken, subFlows: nmtokens }, 'lax'),
  pc: decl(
    ns20,
    mixed(star(inline20)),
    {
      ...codeCommon,
      '!id': nmtoken,
      canOverlap: yesNo,
      dispEnd: anyString,
      dispStart: anyString,
      equivEnd: anyString,
      equivStart: anyString,
      dataRefEnd: nmtoken,
      dataRefStart: nmtoken,
      subFlowsEnd: nmtokens,
      subFlowsStart: nmtokens,
      dir,
    },
    'lax',
  ),
  sc: decl(
    ns20,
    empty,
    { ...codeCommon, '!id': nmtoken, canOverlap: yesNo, dataRef: nmtoken, dir, disp: anyString, equiv: anyString, isolated: yesNo, subFlows: nmtokens },
    'lax',
  ),
  ec: decl(
    ns20,
    empty,
    { ...codeCommon, id: nmtoken, canOverlap: yesNo, dataRef: nmtoken, dir, disp: anyString, equiv: anyString, isolated: yesNo, startRef: nmtoken, subFlows: nmtokens },
    'lax',
  ),
  mrk: decl(ns20, mixed(star(inline20)), { '!id': nmtoken, ...marker }, 'lax'),
  sm: decl(ns20, empty, { '!id': nmtoken, ...marker }, 'lax'),
  em: decl(ns20, empty, { '!startRef': nmtoken }),

  'mtc:matches': decl(mtc, elements(plus('mtc:match'))),
  'mtc:match': decl(
    mtc,
    elements(opt('mda:metadata'), opt('originalData'), one('source'), one('target'), other('lax')),
    {
      id: nmtoken,
      matchQuality: similarity,
      matchSuitability: similarity,
      origin: anyString,
      '!ref': anyUri,
      reference: yesNo,
      similarity,
      subType: userDefined,
      type: oneOf('am', 'mt', 'icm', 'idm', 'tb', 'tm', 'other'),
    },
    'lax',
  ),

  'gls:glossary': decl(gls, elements(plus('gls:glossEntry'))),
  'gls:glossEntry': decl(gls, elements(one('gls:term'), star('gls:translation'), opt('gls:definition'), other('lax')), { id: nmtoken, ref: anyUri }, 'lax'),
  'gls:term': decl(gls, text, { source: anyString }, 'lax'),
  'gls:translation': decl(gls, text, { id: nmtoken, ref: anyUri, source: anyString }, 'lax'),
  'gls:definition': decl(gls, text, { source: anyString }, 'lax'),

  'mda:metadata': decl(mda, elements(plus('mda:metaGroup')), { id: nmtoken }),
  'mda:metaGroup': decl(mda, elements(plus(['mda:metaGroup', 'mda:meta'])), { id: nmtoken, category: anyString, appliesTo: oneOf('source', 'target', 'ignorable') }),
  'mda:meta': decl(mda, text, { '!type': anyString }),
});

/** The prefix a 2.0 module's elements have in the tables, by namespace. */
export const modulePrefixes: Readonly<Record<string, string>> = { [mtc]: 'mtc:', [gls]: 'gls:', [mda]: 'mda:' };

// ---- XLIFF 1.2 strict ----

const ns12 = xliffNamespaces['1.2'];
const words = (list: string) => list.split(' ');
const xtend = pattern(/^x-[^\t\n\r ]+$/, 'x-…');
const yes12 = tokenOf('yes', 'no');
const datatypes = words(
  'asp c cdf cfm cpp csharp cstring csv database documentfooter documentheader filedialog form html htmlbody ini interleaf javaclass ' +
    'javapropertyresourcebundle javalistresourcebundle javascript jscript layout lisp margin menufile messagefile mif mimetype mo msglib ' +
    'pagefooter pageheader parameters pascal php plaintext po report resources resx rtf sgml sgmldtd svg vbscript warning winres xhtml xml xmldtd xsl xul',
);
const restypes = words(
  'auto3state autocheckbox autoradiobutton bedit bitmap button caption cell checkbox checkboxmenuitem checkedlistbox colorchooser combobox ' +
    'comboboxexitem comboboxitem component contextmenu ctext cursor datetimepicker defpushbutton dialog dlginit edit file filechooser fn font ' +
    'footer frame grid groupbox header heading hedit hscrollbar icon iedit keywords label linklabel list listbox listitem ltext menu menubar ' +
    'menuitem menuseparator message monthcalendar numericupdown panel popupmenu pushbox pushbutton radio radiobuttonmenuitem rcdata row rtext ' +
    'scrollpane separator shortcut spinner splitter state3 statusbar string tabcontrol table textbox togglebutton toolbar tooltip trackbar ' +
    'tree uri userbutton usercontrol var versioninfo vscrollbar window',
);
const states12 = words('final needs-adaptation needs-l10n needs-review-adaptation needs-review-l10n needs-review-translation needs-translation new signed-off translated');
const qualifiers = words(
  'exact-match fuzzy-match id-match leveraged-glossary leveraged-inherited leveraged-mt leveraged-repository leveraged-tm mt-suggestion ' +
    'rejected-grammar rejected-inaccurate rejected-length rejected-spelling tm-suggestion',
);
const mtypes = words(
  'abbrev abbreviated-form abbreviation acronym appellation collocation common-name datetime equation expanded-form formula head-term ' +
    'initialism international-scientific-term internationalism logical-expression materials-management-unit name near-synonym part-number ' +
    'phrase phraseological-unit protected romanized-form seg set-phrase short-form sku standard-text symbol synonym synonymous-phrase term ' +
    'transcribed-form transliterated-form truncated-term variant',
);
const datatype = union(tokenOf(...datatypes), xtend);
const restype = union(tokenOf(...restypes), xtend);
/** target state: the reader's own reason names the XLIFF 1.2 states. */
export const state12: ValueType = { ...union(tokenOf(...states12), xtend), reason: 'state12', params: {} };
const stateQualifier = union(tokenOf(...qualifiers), xtend);
const delimiters = union(tokenOf('bold', 'italic', 'underlined', 'link'), xtend);
const placeholders = union(tokenOf('image', 'pb', 'lb'), xtend);
const reformat = union(
  oneOf('yes', 'no'),
  listOf(union(tokenOf(...words('coord coord-x coord-y coord-cx coord-cy font font-name font-size font-weight css-style style ex-style')), xtend)),
);
const coordinates = pattern(/^(-?\p{Nd}+|#);(-?\p{Nd}+|#);(-?\p{Nd}+|#);(-?\p{Nd}+|#)$/u, '1;2;#;4');
const mimeType = pattern(/^(text|multipart|message|application|image|audio|video|model)(\/[^\n\r]+)*$/, 'text/plain');
const lang12 = { 'xml:lang': xmlLang };
const space12 = { 'xml:space': xmlAttributes['xml:space']! };
const sizes = {
  'size-unit': union(tokenOf(...words('byte char col cm dlgunit em ex glyph in mm percent pixel point row')), xtend),
  maxwidth: nmtoken,
  minwidth: nmtoken,
  maxheight: nmtoken,
  minheight: nmtoken,
  maxbytes: nmtoken,
  minbytes: nmtoken,
};
const resource = {
  restype,
  resname: anyString,
  extradata: anyString,
  extype: anyString,
  'help-id': nmtoken,
  menu: anyString,
  'menu-option': anyString,
  'menu-name': anyString,
  coord: coordinates,
  font: anyString,
  'css-style': anyString,
  style: nmtoken,
  exstyle: nmtoken,
};
const textContent = ['g', 'bpt', 'ept', 'ph', 'it', 'mrk', 'x', 'bx', 'ex'] as const;
const codeIds = { '!id': anyString, xid: anyString, 'equiv-text': anyString };
const externalReference = elements(one(['internal-file', 'external-file']));
const units12 = ['group', 'trans-unit', 'bin-unit'] as const;

export const models12: Models = table({
  xliff: decl(ns12, elements(other('strict'), plus('file')), { '!version': anyString, ...lang12 }, 'strict'),
  file: decl(
    ns12,
    elements(opt('header'), one('body')),
    {
      '!original': anyString,
      '!source-language': language,
      '!datatype': datatype,
      'tool-id': anyString,
      date: dateTime,
      ...space12,
      category: anyString,
      'target-language': language,
      'product-name': anyString,
      'product-version': anyString,
      'build-num': anyString,
    },
    'strict',
  ),
  header: decl(ns12, elements(opt('skl'), opt('phase-group'), star(['glossary', 'reference', 'count-group', 'note', 'tool']), other('strict'))),
  skl: decl(ns12, externalReference, {}, null, false),
  glossary: decl(ns12, externalReference, {}, null, false),
  reference: decl(ns12, externalReference, {}, null, false),
  'internal-file': decl(ns12, text, { form: anyString, crc: nmtoken }),
  'external-file': decl(ns12, empty, { '!href': anyString, crc: nmtoken, uid: nmtoken }),
  note: decl(ns12, text, { ...lang12, priority: integer(1, 10), from: anyString, annotates: tokenOf('source', 'target', 'general') }),
  'phase-group': decl(ns12, elements(plus('phase'))),
  phase: decl(ns12, elements(star('note')), {
    '!phase-name': anyString,
    '!process-name': anyString,
    'company-name': anyString,
    'tool-id': anyString,
    date: dateTime,
    'job-id': anyString,
    'contact-name': anyString,
    'contact-email': anyString,
    'contact-phone': anyString,
  }),
  'count-group': decl(ns12, elements(star('count')), { '!name': anyString }),
  count: decl(ns12, text, {
    'count-type': union(tokenOf(...restypes, 'num-usages', 'repetition', 'total', ...datatypes, ...states12, ...qualifiers), xtend),
    'phase-name': anyString,
    unit: union(tokenOf(...words('word page trans-unit bin-unit glyph item instance character line sentence paragraph segment placeable')), xtend),
  }),
  'context-group': decl(ns12, elements(plus('context')), {
    name: anyString,
    crc: nmtoken,
    purpose: listOf(union(oneOf('information', 'location', 'match'), xtend)),
  }),
  context: decl(ns12, text, {
    '!context-type': union(oneOf(...words('database element elementtitle linenumber numparams paramnotes record recordtitle sourcefile')), xtend),
    'match-mandatory': yes12,
    crc: nmtoken,
  }),
  tool: decl(ns12, { kind: 'mixed', particles: [{ any: 'any', process: 'strict', min: 0, max: many }] }, { '!tool-id': anyString, '!tool-name': anyString, 'tool-version': anyString, 'tool-company': anyString }, 'strict'),
  body: decl(ns12, elements(star(units12))),
  group: decl(
    ns12,
    // The unit choice repeats alternatives that may each be absent, so a group may hold no unit at all.
    elements(star('context-group'), star('count-group'), star('note'), other('strict'), star(units12)),
    { id: anyString, datatype, ...space12, ...resource, translate: yes12, reformat, ...sizes, charclass: anyString, 'merged-trans': yes12 },
    'strict',
  ),
  'trans-unit': decl(
    ns12,
    elements(one('source'), opt('seg-source'), opt('target'), star(['context-group', 'count-group', 'note', 'alt-trans']), other('strict')),
    {
      '!id': anyString,
      approved: yes12,
      translate: yes12,
      reformat,
      ...space12,
      datatype,
      'phase-name': anyString,
      ...resource,
      ...sizes,
      charclass: anyString,
      'merged-trans': yes12,
    },
    'strict',
  ),
  source: decl(ns12, mixed(star(textContent)), lang12, 'strict'),
  'seg-source': decl(ns12, mixed(star(textContent)), lang12, 'strict'),
  target: decl(
    ns12,
    mixed(star(textContent)),
    {
      state: state12,
      'state-qualifier': stateQualifier,
      'phase-name': nmtoken,
      ...lang12,
      resname: anyString,
      coord: coordinates,
      font: anyString,
      'css-style': anyString,
      style: nmtoken,
      exstyle: nmtoken,
      'equiv-trans': yes12,
    },
    'strict',
  ),
  'alt-trans': decl(
    ns12,
    elements(opt('source'), opt('seg-source'), one('target'), star('context-group'), star('note'), other('strict')),
    {
      'match-quality': anyString,
      'tool-id': anyString,
      crc: nmtoken,
      ...lang12,
      origin: anyString,
      datatype,
      ...space12,
      ...resource,
      mid: nmtoken,
      'phase-name': nmtoken,
      alttranstype: union(oneOf('proposal', 'previous-version', 'rejected', 'reference', 'accepted'), xtend),
    },
    'strict',
  ),
  'bin-unit': decl(
    ns12,
    elements(one('bin-source'), opt('bin-target'), star(['context-group', 'count-group', 'note', 'trans-unit']), other('strict')),
    { '!id': anyString, '!mime-type': mimeType, approved: yes12, translate: yes12, reformat, restype, resname: anyString, 'phase-name': anyString },
    'strict',
  ),
  'bin-source': decl(ns12, externalReference, {}, 'strict'),
  'bin-target': decl(
    ns12,
    externalReference,
    { 'mime-type': mimeType, state: state12, 'state-qualifier': stateQualifier, 'phase-name': nmtoken, restype, resname: anyString },
    'strict',
  ),
  g: decl(ns12, mixed(star(textContent)), { ctype: delimiters, clone: yes12, ...codeIds }, 'strict'),
  x: decl(ns12, empty, { ctype: placeholders, clone: yes12, ...codeIds }, 'strict'),
  bx: decl(ns12, empty, { rid: nmtoken, ctype: delimiters, clone: yes12, ...codeIds }, 'strict'),
  ex: decl(ns12, empty, { rid: nmtoken, ...codeIds }, 'strict'),
  ph: decl(ns12, mixed(star('sub')), { ctype: placeholders, crc: anyString, assoc: tokenOf('preceding', 'following', 'both'), ...codeIds }, 'strict'),
  bpt: decl(ns12, mixed(star('sub')), { rid: nmtoken, ctype: delimiters, crc: anyString, ...codeIds }, 'strict'),
  ept: decl(ns12, mixed(star('sub')), { rid: nmtoken, crc: anyString, ...codeIds }, 'strict'),
  it: decl(ns12, mixed(star('sub')), { '!pos': tokenOf('open', 'close'), rid: nmtoken, ctype: delimiters, crc: anyString, ...codeIds }, 'strict'),
  sub: decl(ns12, mixed(star(textContent)), { datatype, ctype: delimiters, xid: anyString }),
  mrk: decl(ns12, mixed(star(textContent)), { '!mtype': union(tokenOf(...mtypes), xtend), mid: nmtoken, comment: anyString }, 'strict'),
});
