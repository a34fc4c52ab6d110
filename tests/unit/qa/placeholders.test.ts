import { describe, expect, it } from 'vitest';
import { only, qa, spanText } from './sample.js';

const source =
  'Об этом сообщает ⟦1⟧пресс-служба ⟦2⟧Кремля⟦/2⟧⟦/1⟧⟦3/⟧.';
const placeholders = (target: string, src = source) =>
  only(qa(src, target), 'placeholder_missing', 'placeholder_extra', 'placeholder_duplicated', 'placeholder_misnested');

describe('placeholders', () => {
  it('accepts every tag once, properly nested, in any order of pairs', () => {
    expect(placeholders('This was reported by the ⟦1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦/1⟧⟦3/⟧.')).toEqual([]);
    expect(qa('⟦1⟧Путин⟦/1⟧ и ⟦2⟧Алиев⟦/2⟧ говорили.', '⟦2⟧Aliyev⟦/2⟧ and ⟦1⟧Putin⟦/1⟧ spoke.')).toEqual([]);
    expect(placeholders('⟦3/⟧ This was reported by the ⟦1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦/1⟧.')).toEqual([]);
  });

  it('reports a missing tag', () => {
    expect(placeholders('This was reported by the ⟦1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦/1⟧.')).toEqual([
      { code: 'placeholder_missing', severity: 'error', params: { placeholder: '⟦3/⟧' } },
    ]);
  });

  it('reports an invented tag with its span', () => {
    const target = 'This was reported by the ⟦1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦/1⟧⟦3/⟧⟦4/⟧.';
    const found = placeholders(target);
    expect(found.map((i) => [i.code, i.severity, i.params.placeholder])).toEqual([['placeholder_extra', 'error', '⟦4/⟧']]);
    expect(spanText(target, found[0]!)).toBe('⟦4/⟧');
  });

  it('reports a duplicated tag once, at its second occurrence', () => {
    const target = 'This was reported by the ⟦1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦/1⟧⟦3/⟧ ⟦3/⟧ ⟦3/⟧.';
    const found = placeholders(target);
    expect(found.map((i) => [i.code, i.params.count])).toEqual([['placeholder_duplicated', 3]]);
    expect(found[0]!.span!.start).toBe(target.indexOf('⟦3/⟧') + 5);
  });

  it('reports a close before its open', () => {
    const target = 'This was reported by the ⟦/1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦1⟧⟦3/⟧.';
    const found = placeholders(target);
    expect(found.map((i) => [i.code, i.params.placeholder])).toEqual([['placeholder_misnested', '⟦/1⟧']]);
    expect(spanText(target, found[0]!)).toBe('⟦/1⟧');
  });

  it('reports crossed pairs once', () => {
    const target = 'This was reported by the ⟦1⟧⟦2⟧Kremlin press service⟦/1⟧⟦/2⟧⟦3/⟧.';
    expect(placeholders(target).map((i) => [i.code, i.params.placeholder])).toEqual([['placeholder_misnested', '⟦/1⟧']]);
  });

  it('reports a tag mangled by the translator as missing and the mangled form as extra', () => {
    const found = placeholders('This was reported by the ⟦1⟧⟦2⟧Kremlin⟦/2⟧ press service⟦/1⟧⟦3⟧.');
    expect(found.map((i) => [i.code, i.params.placeholder])).toEqual([
      ['placeholder_extra', '⟦3⟧'],
      ['placeholder_missing', '⟦3/⟧'],
    ]);
  });

  it('ignores ordinary double square brackets and texts without tags', () => {
    expect(placeholders('Putin said.', 'Путин заявил.')).toEqual([]);
    expect(placeholders('[[1]] note', '[[1]] примечание')).toEqual([]);
  });

  it('keeps tags out of the number check', () => {
    expect(qa('⟦12/⟧ Сообщение', '⟦12/⟧ Statement')).toEqual([]);
  });
});
