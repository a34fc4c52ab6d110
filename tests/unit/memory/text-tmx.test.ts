import { describe, expect, it } from 'vitest';
import { matchScore, normalizeSegment, wordDiff } from '../../../src/domain/memory/text.js';
import { TmxError, TmxReader, tmxHead, tmxTail, tmxUnit, unitToEntry } from '../../../src/domain/memory/tmx.js';
import { escapeXmlAttribute, escapeXmlText } from '../../../src/domain/memory/xml.js';

const pair = { sourceLang: 'ru', targetLocale: 'en' };

describe('match score and diff', () => {
  it('scores by words a translator must change', () => {
    const a = 'Путин и Алиев отметили важность реализации договоренностей о прекращении боевых действий в Карабахе.';
    expect(matchScore(a, a)).toBe(100);
    expect(matchScore(a, a.replace('  ', ' ') + ' ')).toBe(100);
    expect(matchScore(a, a.replace('Путин', 'путин'))).toBe(99);
    const oneWord = a.replace('Алиев', 'Пашинян');
    expect(matchScore(a, oneWord)).toBe(93); // 1 of 15 tokens (words and the full stop)
    const three = a.replace('Алиев', 'Пашинян').replace('боевых', 'военных').replace('Карабахе', 'регионе');
    expect(matchScore(a, three)).toBeGreaterThanOrEqual(75);
    expect(matchScore(a, three)).toBeLessThan(85);
    expect(matchScore(a, 'Совсем другое предложение.')).toBeLessThan(30);
  });

  it('marks the changed words', () => {
    const diff = wordDiff('Об этом сообщает пресс-служба Кремля.', 'Об этом сообщает пресс-служба правительства.');
    expect(diff).toEqual([
      { op: 'equal', text: 'Об этом сообщает пресс-служба ' },
      { op: 'delete', text: 'Кремля' },
      { op: 'insert', text: 'правительства' },
      { op: 'equal', text: '.' },
    ]);
    expect(diff.filter((d) => d.op !== 'delete').map((d) => d.text).join('')).toBe('Об этом сообщает пресс-служба правительства.');
  });

  it('normalises whitespace', () => {
    expect(normalizeSegment('  a \n b\u00A0c ')).toBe('a b c');
  });
});

describe('XML escaping', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXmlText('a < b & "c" > d\u0001')).toBe('a &lt; b &amp; "c" &gt; d');
    expect(escapeXmlAttribute('"x"\n')).toBe('&quot;x&quot;&#10;');
  });
});

describe('TMX', () => {
  const entry = {
    id: '5f0c1b9e-0000-4000-8000-000000000001',
    source: 'Об этом сообщает <пресс-служба> "Кремля" & Co.',
    target: 'The Kremlin press service reported this.',
    prevSource: 'Алиев принес извинения.',
    nextSource: null,
    articleId: '5f0c1b9e-0000-4000-8000-000000000002',
    revision: 2,
    translatorId: '5f0c1b9e-0000-4000-8000-000000000003',
    createdAt: new Date('2023-09-21T10:00:00Z'),
    updatedAt: new Date('2023-09-21T11:30:00Z'),
  };

  it('round-trips an entry through the writer and the streaming reader, in small pieces', () => {
    const xml = tmxHead(pair) + tmxUnit(entry, pair) + tmxTail;
    expect(xml).toContain('<prop type="x-context-pre">Алиев принес извинения.</prop>');
    expect(xml).toContain('changedate="20230921T113000Z"');
    const reader = new TmxReader();
    const units = [];
    for (let i = 0; i < xml.length; i += 7) units.push(...reader.write(xml.slice(i, i + 7)));
    units.push(...reader.end());
    expect(units).toHaveLength(1);
    const { id: _id, ...rest } = entry;
    expect(unitToEntry(units[0]!, pair)).toEqual(rest);
  });

  it('reads foreign TMX: region subtags, inline codes, missing languages', () => {
    const reader = new TmxReader();
    const units = reader.write(`<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd">
      <tmx version="1.4"><header srclang="ru-RU" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>
      <body>
        <tu><tuv xml:lang="ru-RU"><seg>Текст <bpt i="1">&lt;b&gt;</bpt>жирный<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en-GB"><seg>Bold text</seg></tuv></tu>
        <tu><tuv xml:lang="ru"><seg>Только русский</seg></tuv><tuv xml:lang="de"><seg>Nur Russisch</seg></tuv></tu>
      </body></tmx>`);
    units.push(...reader.end());
    expect(units.map((u) => unitToEntry(u, pair)?.source ?? null)).toEqual(['Текст жирный', null]);
  });

  it('reports what is wrong with a broken document', () => {
    const read = (xml: string) => {
      const reader = new TmxReader();
      reader.write(xml);
      reader.end();
    };
    expect(() => read('<tmx version="1.4"><body><tu><tuv xml:lang="ru"><seg>x</seg></tuv>')).toThrow(TmxError);
    expect(() => read('<html><body/></html>')).toThrow(/root element is <html>/);
    expect(() => read('<tmx version="1.4"><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>')).toThrow(/without xml:lang/);
    expect(() => read('<tmx version="1.4"><header/></tmx>')).toThrow(/no <body>/);
    expect(() => read('<tmx><body><tu><tuv xml:lang="ru"><seg>a &nbsp; b</seg></tuv></tu></body></tmx>')).toThrow(/malformed XML/);
  });
});
