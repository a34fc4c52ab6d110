import { describe, expect, it } from 'vitest';
import { ImportFileError, parseGlossaryCsv, parseGlossaryTbx } from '../../../src/domain/glossary/records.js';

const pair = { sourceLang: 'ru', targetLocale: 'en' };

describe('CSV glossary', () => {
  it('reads the documented columns with a header, forbidden variants split by |', () => {
    const records = parseGlossaryCsv(
      'term,translation,notes,caseSensitive,forbidden\n' +
        'Ильхам Алиев,Ilham Aliyev,President of Azerbaijan,false,Ilham Aliev|Ilkham Aliyev\n' +
        '"РМК","Russian peacekeeping contingent","quoted, with comma",true,\n',
    );
    expect(records).toEqual([
      { term: 'Ильхам Алиев', translation: 'Ilham Aliyev', notes: 'President of Azerbaijan', caseSensitive: false, forbidden: ['Ilham Aliev', 'Ilkham Aliyev'] },
      { term: 'РМК', translation: 'Russian peacekeeping contingent', notes: 'quoted, with comma', caseSensitive: true, forbidden: [] },
    ]);
  });

  it('accepts semicolons and no header; rejects bad rows naming the line', () => {
    expect(parseGlossaryCsv('ЕАЭС;EAEU\n')).toEqual([{ term: 'ЕАЭС', translation: 'EAEU', notes: null, caseSensitive: false, forbidden: [] }]);
    expect(() => parseGlossaryCsv('term,translation\nКремль,\n')).toThrow(/line 2: the translation is empty/);
    expect(() => parseGlossaryCsv('term,translation,notes,caseSensitive\nКремль,Kremlin,,maybe\n')).toThrow(ImportFileError);
    expect(() => parseGlossaryCsv('term,translation\n"Кремль,Kremlin\n')).toThrow(/CSV/);
  });
});

describe('TBX glossary', () => {
  const tbx = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="t1">
    <descrip type="definition">Head of state</descrip>
    <langSet xml:lang="ru"><tig><term>Ильхам Алиев</term></tig></langSet>
    <langSet xml:lang="en-US">
      <tig><term>Ilham Aliyev</term><termNote type="administrativeStatus">preferredTerm-admn</termNote></tig>
      <tig><term>Ilham Aliev</term><termNote type="administrativeStatus">deprecatedTerm-admn</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="t2">
    <langSet xml:lang="ru"><ntig><termGrp><term>ЕАЭС</term></termGrp></ntig></langSet>
    <langSet xml:lang="en"><ntig><termGrp><term>EAEU</term></termGrp></ntig></langSet>
  </termEntry>
  <termEntry id="t3"><langSet xml:lang="ru"><tig><term>Только русский</term></tig></langSet></termEntry>
</body></text></martif>`;

  it('maps entries to terms, deprecated target terms to forbidden variants', () => {
    const { records, skipped } = parseGlossaryTbx(tbx, pair);
    expect(skipped).toBe(1);
    expect(records).toEqual([
      { term: 'Ильхам Алиев', translation: 'Ilham Aliyev', notes: 'Head of state', caseSensitive: false, forbidden: ['Ilham Aliev'] },
      { term: 'ЕАЭС', translation: 'EAEU', notes: null, caseSensitive: false, forbidden: [] },
    ]);
  });

  it('rejects malformed XML and other documents', () => {
    expect(() => parseGlossaryTbx('<martif><termEntry>', pair)).toThrow(ImportFileError);
    expect(() => parseGlossaryTbx('<tmx version="1.4"/>', pair)).toThrow(/root element/);
    expect(() => parseGlossaryTbx('<martif><text><body/></text></martif>', pair)).toThrow(/no <termEntry>/);
  });
});
