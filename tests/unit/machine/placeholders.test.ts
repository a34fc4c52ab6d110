import { describe, expect, it } from 'vitest';
import { checkDraftPlaceholders, protectPlaceholders, restorePlaceholders } from '../../../src/domain/machine/placeholders.js';

describe('protecting placeholders for providers', () => {
  const source = 'The ⟦1⟧mayor⟦/1⟧ said "yes" & left.⟦2/⟧';

  it('turns tokens into XML or HTML elements and escapes the text', () => {
    expect(protectPlaceholders(source, 'xml')).toBe('The <x id="1">mayor</x> said &quot;yes&quot; &amp; left.<x id="2"/>');
    expect(protectPlaceholders(source, 'html')).toBe('The <x id="1">mayor</x> said &quot;yes&quot; &amp; left.<x id="2"></x>');
    expect(protectPlaceholders(source, 'tokens')).toBe(source);
  });

  it('restores tokens and entities from what providers send back', () => {
    expect(restorePlaceholders('Der <x id="1">Bürgermeister</x> sagte &quot;ja&quot; &amp; ging.<x id="2"/>', 'xml', source)).toBe(
      'Der ⟦1⟧Bürgermeister⟦/1⟧ sagte "ja" & ging.⟦2/⟧',
    );
    expect(restorePlaceholders("<x id='1'>Alcalde</x> dijo<x id=\"2\"></x> &#233;l", 'html', source)).toBe('⟦1⟧Alcalde⟦/1⟧ dijo⟦2/⟧ él');
    // Stray tags an engine adds are dropped; a spaced-out token from a model is put back together.
    expect(restorePlaceholders('<b>Hola</b> <x id="1">mundo</x>', 'html', source)).toBe('Hola ⟦1⟧mundo⟦/1⟧');
    expect(restorePlaceholders('El ⟦ 1 ⟧alcalde⟦/ 1⟧ dijo.⟦2 /⟧', 'tokens', source)).toBe('El ⟦1⟧alcalde⟦/1⟧ dijo.⟦2/⟧');
  });
});

describe('checking a draft against its source', () => {
  it('keeps a draft with every placeholder once and well nested', () => {
    expect(checkDraftPlaceholders('A ⟦1⟧b ⟦2⟧c⟦/2⟧⟦/1⟧.', 'X ⟦1⟧y ⟦2⟧z⟦/2⟧⟦/1⟧.')).toEqual({ ok: true, text: 'X ⟦1⟧y ⟦2⟧z⟦/2⟧⟦/1⟧.', repaired: false });
  });

  it('repairs invented and duplicated tokens by removing them', () => {
    expect(checkDraftPlaceholders('A ⟦1⟧b⟦/1⟧.', 'X ⟦1⟧y⟦/1⟧ ⟦1⟧z⟦/1⟧ ⟦7/⟧w.')).toEqual({ ok: true, text: 'X ⟦1⟧y⟦/1⟧ z w.', repaired: true });
  });

  it('repairs a lost pair that wrapped the whole sentence, and a lost token at an edge', () => {
    expect(checkDraftPlaceholders('⟦1⟧Breaking news⟦/1⟧', 'Noticias de última hora')).toEqual({
      ok: true,
      text: '⟦1⟧Noticias de última hora⟦/1⟧',
      repaired: true,
    });
    expect(checkDraftPlaceholders('He left.⟦3/⟧', 'Se fue.')).toEqual({ ok: true, text: 'Se fue.⟦3/⟧', repaired: true });
  });

  it('drops a draft that lost a placeholder in the middle, or whose pairs cross', () => {
    expect(checkDraftPlaceholders('The ⟦1⟧mayor⟦/1⟧ spoke.', 'El alcalde habló.')).toEqual({ ok: false, reason: 'placeholders_lost' });
    expect(checkDraftPlaceholders('A ⟦1⟧b ⟦2⟧c⟦/2⟧ d⟦/1⟧ e.', 'X ⟦1⟧y ⟦2⟧z⟦/1⟧ w⟦/2⟧ v.')).toEqual({ ok: false, reason: 'placeholders_lost' });
    expect(checkDraftPlaceholders('A ⟦1⟧b⟦/1⟧ c.', 'X ⟦/1⟧y⟦1⟧ z.')).toEqual({ ok: false, reason: 'placeholders_lost' });
    expect(checkDraftPlaceholders('A b.', '   ')).toEqual({ ok: false, reason: 'empty' });
  });
});
