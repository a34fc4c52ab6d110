import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { xmlEscape } from '../../src/http/presenters/xml-escape.js';
import { parseXml } from '../helpers/published-output.js';

/** Random strings weighted towards what breaks XML: markup, quotes, controls, surrogates, non-characters. */
function nasty(random: () => number): string {
  const pool = ['&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\u007f', '\ud800', '\udfff', '\ufffe', '\uffff', ']]>', '&amp;', '<!--', '</a>', 'ж', 'ع', '😀', ' ', 'x'];
  let text = '';
  const length = Math.floor(random() * 30);
  for (let i = 0; i < length; i++) text += pool[Math.floor(random() * pool.length)];
  return text;
}

/** What a conforming parser must give back: the string without the characters XML cannot carry. */
const representable = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

describe('xmlEscape', () => {
  it('makes any string a text node and an attribute value that parse back to the same characters', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const samples = Array.from({ length: 500 }, () => nasty(random));
    const doc = `<r>${samples.map((s) => `<v a="${xmlEscape(s)}">${xmlEscape(s)}</v>`).join('')}</r>`;
    const parsed = parseXml(doc);
    expect(parsed.children).toHaveLength(samples.length);
    parsed.children.forEach((v, i) => {
      expect(v.attributes.a).toBe(representable(samples[i]!));
      expect(v.text).toBe(representable(samples[i]!));
    });
    execFileSync('xmllint', ['--noout', '-'], { input: doc });
  });
});
