/**
 * XLIFF with machine translation (real Apertium, English to Spanish): machine suggestions are exported as
 * machine matches (2.0 mtc:match type="mt", 1.2 alt-trans naming the engine as a tool) with no score, and
 * both versions stay valid against the official schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { submitWithMachineSuggestions } from '../helpers/xliff.js';
import { xmllint } from '../helpers/xmllint.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness({ workers: true, env: { DRAGOMAN_MT: 'en-es=apertium' } });
  editor = await h.user(['editor']);
}, 60_000);
afterAll(async () => h?.close());

const page =
  '<h1>Storm closes the port</h1><p>A strong storm closed the <b>main port</b> on Monday. Ships waited outside the harbour.</p>' +
  '<p>The mayor thanked the workers.</p>';

describe('XLIFF export with machine suggestions', () => {
  it('marks machine matches as machine translation, without a score, valid in both versions', async () => {
    const article = await submitWithMachineSuggestions(h, editor, 'es', page);
    const v20 = await h.call('GET', `/api/v1/articles/${article.id}/locales/es/xliff`, { token: editor });
    expect(v20.status).toBe(200);
    expect(xmllint('xliff20', v20.text)).toBe('');
    const matches20 = [...v20.text.matchAll(/<mtc:match [^>]*>/g)].map((m) => m[0]);
    expect(matches20).toHaveLength(article.segments);
    for (const match of matches20) {
      expect(match).toContain('type="mt"');
      expect(match).toContain('origin="dragoman:mt:apertium"');
      expect(match).not.toMatch(/matchQuality|similarity|="null"|=""/);
    }

    const v12 = await h.call('GET', `/api/v1/articles/${article.id}/locales/es/xliff?version=1.2`, { token: editor });
    expect(v12.status).toBe(200);
    expect(xmllint('xliff12', v12.text)).toBe('');
    expect(v12.text).toContain('<tool tool-id="dragoman-mt-apertium" tool-name="apertium"/>');
    const matches12 = [...v12.text.matchAll(/<alt-trans [^>]*>/g)].map((m) => m[0]);
    expect(matches12).toHaveLength(article.segments);
    for (const match of matches12) {
      expect(match).toContain('origin="dragoman:mt:apertium"');
      expect(match).toContain('tool-id="dragoman-mt-apertium"');
      expect(match).not.toMatch(/match-quality|="null"|=""/);
    }
  }, 60_000);
});
