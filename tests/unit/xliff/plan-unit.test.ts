import { describe, expect, it } from 'vitest';
import { sourceFingerprint } from '../../../src/domain/xliff/document.js';
import { planUnit, type StoredUnit, type UploadedUnit } from '../../../src/domain/xliff/plan-unit.js';
import { stateFrom12, state12Of } from '../../../src/domain/xliff/states.js';

const source = 'Президент ⟦1⟧Алиев⟦/1⟧ заявил.';
const stored = (task: Partial<NonNullable<StoredUnit['task']>> = {}, rest: Partial<StoredUnit> = {}): StoredUnit => ({
  text: source,
  current: true,
  task: { status: 'claimed', translation: null, draft: null, assignee: 'me', ...task },
  ...rest,
});
const unit = (target: string | null, rest: Partial<UploadedUnit> = {}): UploadedUnit => ({
  source,
  target,
  state: 'initial',
  fingerprint: sourceFingerprint(source),
  ...rest,
});
const translator = { role: 'translator' as const, userId: 'me' };
const editor = { role: 'editor' as const, userId: 'ed' };

describe('what an uploaded unit asks for', () => {
  it('submits a new translation of a held task, trimmed', () => {
    expect(planUnit(unit(' The president ⟦1⟧Aliyev⟦/1⟧ said. '), stored(), translator)).toEqual({
      action: 'submit',
      text: 'The president ⟦1⟧Aliyev⟦/1⟧ said.',
    });
  });

  it('leaves alone what the export put there, unless a tool marked it translated', () => {
    expect(planUnit(unit(null), stored(), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit('  '), stored(), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit(source), stored(), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit('draft'), stored({ draft: 'draft' }), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit('done'), stored({ translation: 'done' }), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit(source, { state: 'translated' }), stored(), translator)).toEqual({ action: 'submit', text: source });
  });

  it('lets a post-editor accept the machine draft as it is, but never delivers an untouched draft for a waiting task', () => {
    const machine = 'El presidente ⟦1⟧Aliyev⟦/1⟧ dijo.';
    const postEdit = (task: Partial<NonNullable<StoredUnit['task']>> = {}) => stored({ machineDraft: machine, ...task });
    expect(planUnit(unit(` ${machine} `), postEdit(), translator)).toEqual({ action: 'submit', text: machine });
    expect(planUnit(unit(machine), postEdit({ status: 'claimed', assignee: 'ed' }), editor)).toEqual({ action: 'submit', text: machine });
    expect(planUnit(unit(machine), postEdit({ status: 'queued', assignee: null }), editor)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit(machine, { state: 'translated' }), postEdit({ status: 'queued', assignee: null }), editor)).toEqual({ action: 'deliver', text: machine });
    // The source copy and a person's own draft still come back unchanged in post-edit mode.
    expect(planUnit(unit(source), postEdit(), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
    expect(planUnit(unit('mine'), postEdit({ draft: 'mine' }), translator)).toEqual({ action: 'report', outcome: 'unchanged' });
  });

  it('never applies a translation to another sentence', () => {
    expect(planUnit(unit('x'), stored({}, { current: false }), translator)).toEqual({ action: 'report', outcome: 'source_changed' });
    expect(planUnit(unit('x', { fingerprint: sourceFingerprint('Другое.') }), stored(), translator)).toEqual({ action: 'report', outcome: 'source_changed' });
    // Without a fingerprint (a tool dropped it) the source text decides, whitespace aside.
    expect(planUnit(unit('x', { fingerprint: null, source: ` ${source}  ` }), stored(), translator)).toEqual({ action: 'submit', text: 'x' });
    expect(planUnit(unit('x', { fingerprint: null, source: 'Президент заявил.' }), stored(), translator)).toEqual({ action: 'report', outcome: 'source_changed' });
    expect(planUnit(unit('x'), null, translator)).toEqual({ action: 'report', outcome: 'unknown_unit' });
  });

  it('lets an editor deliver for waiting tasks only', () => {
    expect(planUnit(unit('x'), stored({ status: 'queued', assignee: null }), editor)).toEqual({ action: 'deliver', text: 'x' });
    expect(planUnit(unit('x'), stored({ status: 'claimed', assignee: 'ed' }), editor)).toEqual({ action: 'submit', text: 'x' });
    expect(planUnit(unit('x'), stored({ status: 'claimed' }), editor)).toEqual({ action: 'report', outcome: 'in_progress' });
    expect(planUnit(unit('x'), stored({ status: 'reviewing' }), editor)).toEqual({ action: 'report', outcome: 'in_progress' });
    expect(planUnit(unit('x'), stored({ status: 'done', translation: 'y' }), editor)).toEqual({ action: 'report', outcome: 'closed' });
  });
});

describe('XLIFF 1.2 states', () => {
  it('map to 2.0 as the 2.0 specification suggests, and back', () => {
    expect(['new', 'needs-translation', 'needs-l10n', 'x-tool'].map(stateFrom12)).toEqual(['initial', 'initial', 'initial', 'initial']);
    expect(['needs-review-translation', 'translated', 'signed-off', 'final'].map(stateFrom12)).toEqual(['translated', 'translated', 'reviewed', 'final']);
    expect(stateFrom12('done')).toBeUndefined();
    for (const state of ['initial', 'translated', 'reviewed', 'final'] as const) expect(stateFrom12(state12Of(state))).toBe(state);
  });
});
