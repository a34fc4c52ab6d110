import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceFingerprint, type XliffDocument } from '../../../src/domain/xliff/document.js';
import type { XliffVersion } from '../../../src/domain/xliff/inline.js';
import { XliffReader } from '../../../src/domain/xliff/read.js';
import { writeXliff } from '../../../src/domain/xliff/write.js';
import { xmllint } from '../../helpers/xmllint.js';

/** Placeholder text as translators leave it: words, paired and void tokens, sometimes repeated or unbalanced. */
const pieces = fc.oneof(
  fc.constantFrom('Президент', ' ', 'said', '&', '<b>', '"', "'", 'é', '😀', '  ', '\n', '\r\n', ']]>', 'ا', '⟦'),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff\r]/g, '')),
  fc.integer({ min: 1, max: 4 }).map((n) => `⟦${n}⟧`),
  fc.integer({ min: 1, max: 4 }).map((n) => `⟦/${n}⟧`),
  fc.integer({ min: 1, max: 4 }).map((n) => `⟦${n}/⟧`),
);
const placeholderText = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(''));

function documentOf(units: Array<{ source: string; target: string | null }>): XliffDocument {
  return {
    sourceLang: 'ru',
    targetLocale: 'en',
    files: [
      {
        articleId: '11111111-2222-4333-8444-555555555555',
        revision: 1,
        notes: [{ category: 'headline', text: 'Заголовок & <b>' }],
        markup: { '1': { tag: 'b', attrs: {} }, '2': { tag: 'a', attrs: { href: 'http://x.test/?a=1&b="2"' } }, '3': { tag: 'br', attrs: {} } },
        groups: [
          {
            blockIndex: 1,
            blockType: 'paragraph',
            notes: [],
            units: units.map((u, i) => ({
              id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
              source: u.source,
              target: u.target,
              state: u.target === null ? 'initial' : 'translated',
              fingerprint: sourceFingerprint(u.source),
              notes: [{ category: 'context-before', text: u.source }],
              matches: [{ source: u.source, target: u.target ?? 'x', score: 87, kind: 'fuzzy' }],
              glossary: [{ term: 'Алиев', translation: 'Aliyev', notes: null }],
            })),
          },
        ],
      },
    ],
  };
}

function read(xml: string, chunk = 7) {
  const reader = new XliffReader();
  for (let i = 0; i < xml.length; i += chunk) reader.write(xml.slice(i, i + chunk));
  return reader.end();
}

const units = fc.array(fc.record({ source: placeholderText, target: fc.option(placeholderText, { nil: null }) }), { minLength: 1, maxLength: 4 });

describe('XLIFF inline codes', () => {
  for (const version of ['2.0', '1.2'] as XliffVersion[]) {
    it(`carry every placeholder through a write and a read, exactly (${version})`, () => {
      fc.assert(
        fc.property(units, fc.integer({ min: 1, max: 64 }), (input, chunk) => {
          const doc = read(writeXliff(documentOf(input), version), chunk);
          expect(doc.version).toBe(version);
          const back = doc.files[0]!.units;
          expect(back.map((u) => ({ source: u.source, target: u.target }))).toEqual(input);
          for (const [i, unit] of back.entries()) expect(unit.fingerprint).toBe(sourceFingerprint(input[i]!.source));
        }),
        { numRuns: 300 },
      );
    });

    it(`produce documents the official schema accepts (${version})`, () => {
      fc.assert(
        fc.property(units, (input) => {
          expect(xmllint(version === '2.0' ? 'xliff20' : 'xliff12', writeXliff(documentOf(input), version))).toBe('');
        }),
        { numRuns: 25 },
      );
    });
  }

  it('reads codes written by other tools: sc/ec with startRef, mrk, cp; bpt/ept and it in 1.2', () => {
    const v2 = read(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en"><file id="f">
      <unit id="u"><segment state="reviewed"><source>a<sc id="1"/>b<ec startRef="1"/><mrk id="m" type="term">c</mrk><cp hex="0000"/><cp hex="2603"/></source>
      <target><pc id="7"><ph id="3_2"/>x</pc><sm id="s1"/>y<em startRef="s1"/><pc id="zz">z</pc></target></segment></unit></file></xliff>`);
    expect(v2.files[0]!.units[0]).toMatchObject({ source: 'a⟦1⟧b⟦/1⟧c☃', target: '⟦7⟧⟦3/⟧x⟦/7⟧yz', state: 'reviewed' });
    const v12 = read(`<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="o" source-language="ru" datatype="plaintext" target-language="en"><body>
      <trans-unit id="u"><source>a<bpt id="1">&lt;b&gt;</bpt>b<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br/&gt;</ph></source>
      <target state="needs-review-translation"><it id="4" pos="open">&lt;i&gt;</it>x<mrk mtype="seg">y</mrk></target></trans-unit></body></file></xliff>`);
    expect(v12.files[0]!.units[0]).toMatchObject({ source: 'a⟦1⟧b⟦/1⟧⟦2/⟧', target: '⟦4⟧xy', state: 'translated' });
  });
});
