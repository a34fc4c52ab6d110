/**
 * The structure of XLIFF 2.0 core and XLIFF 1.2 strict, as far as an upload is read: which elements may
 * hold which, in what order and how many, which attributes they must have, and whether text may stand
 * between them. Taken from the OASIS schemas (tests/fixtures/schemas); parts Dragoman does not read
 * (alternative translations, counts, phases, skeletons, binary units) are checked only for being XML.
 */

export interface Slot {
  names: readonly string[];
  min: number;
  max: number;
}

export type ContentModel =
  /** Children in this order; `other`: elements of other namespaces may stand among them. */
  | { kind: 'sequence'; slots: readonly Slot[]; other: boolean; required?: readonly string[] }
  /** Text and inline codes in any order. */
  | { kind: 'inline'; names: readonly string[]; required?: readonly string[] }
  /** Text only, no child elements. */
  | { kind: 'text'; required?: readonly string[] }
  /** Nothing inside. */
  | { kind: 'empty'; required?: readonly string[] }
  /** Read as XML only: Dragoman takes nothing from it. */
  | { kind: 'opaque' };

const many = Number.POSITIVE_INFINITY;
const slot = (names: string | readonly string[], min = 0, max = 1): Slot => ({ names: typeof names === 'string' ? [names] : names, min, max });

const inline20 = ['cp', 'ph', 'pc', 'sc', 'ec', 'mrk', 'sm', 'em'] as const;

export const models20: Record<string, ContentModel> = {
  xliff: { kind: 'sequence', slots: [slot('file', 1, many)], other: false, required: ['version', 'srcLang'] },
  file: {
    kind: 'sequence',
    slots: [slot('skeleton'), slot('notes'), slot(['unit', 'group'], 1, many)],
    other: true,
    required: ['id'],
  },
  skeleton: { kind: 'opaque' },
  group: { kind: 'sequence', slots: [slot('notes'), slot(['unit', 'group'], 0, many)], other: true, required: ['id'] },
  unit: {
    kind: 'sequence',
    slots: [slot('notes'), slot('originalData'), slot(['segment', 'ignorable'], 1, many)],
    other: true,
    required: ['id'],
  },
  notes: { kind: 'sequence', slots: [slot('note', 1, many)], other: false },
  note: { kind: 'text' },
  originalData: { kind: 'sequence', slots: [slot('data', 1, many)], other: false },
  data: { kind: 'inline', names: ['cp'], required: ['id'] },
  segment: { kind: 'sequence', slots: [slot('source', 1), slot('target')], other: false },
  ignorable: { kind: 'sequence', slots: [slot('source', 1), slot('target')], other: false },
  source: { kind: 'inline', names: inline20 },
  target: { kind: 'inline', names: inline20 },
  cp: { kind: 'empty', required: ['hex'] },
  ph: { kind: 'empty', required: ['id'] },
  pc: { kind: 'inline', names: inline20, required: ['id'] },
  sc: { kind: 'empty', required: ['id'] },
  ec: { kind: 'empty' },
  mrk: { kind: 'inline', names: inline20, required: ['id'] },
  sm: { kind: 'empty', required: ['id'] },
  em: { kind: 'empty', required: ['startRef'] },
};

const inline12 = ['g', 'bpt', 'ept', 'ph', 'it', 'mrk', 'x', 'bx', 'ex'] as const;

export const models12: Record<string, ContentModel> = {
  xliff: { kind: 'sequence', slots: [slot('file', 1, many)], other: true, required: ['version'] },
  file: {
    kind: 'sequence',
    slots: [slot('header'), slot('body', 1)],
    other: false,
    required: ['original', 'source-language', 'datatype'],
  },
  header: {
    kind: 'sequence',
    slots: [slot('skl'), slot('phase-group'), slot(['glossary', 'reference', 'count-group', 'note', 'tool'], 0, many)],
    other: true,
  },
  skl: { kind: 'opaque' },
  'phase-group': { kind: 'opaque' },
  glossary: { kind: 'opaque' },
  reference: { kind: 'opaque' },
  'count-group': { kind: 'opaque' },
  'context-group': { kind: 'opaque' },
  tool: { kind: 'opaque' },
  note: { kind: 'text' },
  body: { kind: 'sequence', slots: [slot(['group', 'trans-unit', 'bin-unit'], 0, many)], other: false },
  group: {
    kind: 'sequence',
    slots: [slot('context-group', 0, many), slot('count-group', 0, many), slot('note', 0, many), slot(['group', 'trans-unit', 'bin-unit'], 1, many)],
    other: true,
  },
  'bin-unit': { kind: 'opaque' },
  'trans-unit': {
    kind: 'sequence',
    slots: [slot('source', 1), slot('seg-source'), slot('target'), slot(['context-group', 'count-group', 'note', 'alt-trans'], 0, many)],
    other: true,
    required: ['id'],
  },
  'seg-source': { kind: 'opaque' },
  'alt-trans': { kind: 'opaque' },
  source: { kind: 'inline', names: inline12 },
  target: { kind: 'inline', names: inline12 },
  g: { kind: 'inline', names: inline12, required: ['id'] },
  x: { kind: 'empty', required: ['id'] },
  bx: { kind: 'empty', required: ['id'] },
  ex: { kind: 'empty', required: ['id'] },
  mrk: { kind: 'inline', names: inline12, required: ['mtype'] },
  // Native codes: their content is the original markup, not text of the sentence.
  ph: { kind: 'opaque' },
  bpt: { kind: 'opaque' },
  ept: { kind: 'opaque' },
  it: { kind: 'opaque' },
};

/** Attributes of native-code elements are checked before their content is skipped. */
export const opaqueRequired12: Record<string, readonly string[]> = {
  ph: ['id'],
  bpt: ['id'],
  ept: ['id'],
  it: ['id', 'pos'],
  tool: ['tool-id', 'tool-name'],
};
