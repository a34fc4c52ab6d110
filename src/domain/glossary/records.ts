/**
 * Glossary import files as term records (pure): CSV (term,translation,notes,caseSensitive,forbidden, the
 * forbidden variants separated by '|') and basic TBX (termEntry / langSet[xml:lang] / tig|ntig / term).
 * Problems raise ImportFileError with a reason naming the line; nothing is partially accepted.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';

export interface TermRecord {
  term: string;
  translation: string;
  notes: string | null;
  caseSensitive: boolean;
  forbidden: string[];
}

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

export const termLimits = { term: 500, translation: 2000, notes: 5000, forbidden: 50 } as const;

export const csvColumns = ['term', 'translation', 'notes', 'caseSensitive', 'forbidden'] as const;

function parseBoolean(value: string, line: number): boolean {
  const v = value.trim().toLowerCase();
  if (['', '0', 'false', 'no', 'n', 'нет'].includes(v)) return false;
  if (['1', 'true', 'yes', 'y', 'да'].includes(v)) return true;
  throw new ImportFileError(`line ${line}: caseSensitive must be true or false, not "${value}"`);
}

export function checkRecord(record: TermRecord, where: string): TermRecord {
  if (record.term === '') throw new ImportFileError(`${where}: the term is empty`);
  if (record.translation === '') throw new ImportFileError(`${where}: the translation is empty`);
  if (record.term.length > termLimits.term) throw new ImportFileError(`${where}: the term is longer than ${termLimits.term} characters`);
  if (record.translation.length > termLimits.translation) {
    throw new ImportFileError(`${where}: the translation is longer than ${termLimits.translation} characters`);
  }
  if ((record.notes?.length ?? 0) > termLimits.notes) throw new ImportFileError(`${where}: the notes are longer than ${termLimits.notes} characters`);
  if (record.forbidden.length > termLimits.forbidden) throw new ImportFileError(`${where}: more than ${termLimits.forbidden} forbidden variants`);
  return record;
}

/**
 * CSV with or without a header row. With a header, columns are found by name (case-insensitive) and
 * term and translation are required; without, they are taken in the documented order. ',' or ';'.
 */
export function parseGlossaryCsv(text: string): TermRecord[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new ImportFileError(`CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0) return [];
  let columns: number[] = csvColumns.map((_, i) => i);
  let firstRow = 0;
  const header = rows[0]!.map((cell) => cell.toLowerCase());
  if (header[0] === 'term' || header.includes('translation')) {
    columns = csvColumns.map((name) => header.indexOf(name.toLowerCase()));
    if (columns[0]! < 0 || columns[1]! < 0) throw new ImportFileError('line 1: the header needs the columns term and translation');
    firstRow = 1;
  }
  const records: TermRecord[] = [];
  for (let r = firstRow; r < rows.length; r++) {
    const row = rows[r]!;
    const cell = (i: number) => (columns[i]! >= 0 ? (row[columns[i]!] ?? '') : '');
    const line = r + 1;
    records.push(
      checkRecord(
        {
          term: cell(0),
          translation: cell(1),
          notes: cell(2) || null,
          caseSensitive: parseBoolean(cell(3), line),
          forbidden: splitForbidden(cell(4)),
        },
        `line ${line}`,
      ),
    );
  }
  return records;
}

export function splitForbidden(value: string): string[] {
  return [...new Set(value.split('|').map((v) => v.trim()).filter(Boolean))];
}

interface TbxTerm {
  text: string;
  status: string | null;
}

const forbiddenStatuses = new Set(['deprecatedterm-admn', 'supersededterm-admn', 'deprecatedterm', 'supersededterm', 'forbidden', 'notrecommended']);

/**
 * Basic TBX (TBX-Basic / TBX-Min shapes): per termEntry, the first non-deprecated term of the source
 * language is the term, the first non-deprecated term of the target locale the translation, deprecated or
 * superseded target terms (termNote administrativeStatus) the forbidden variants, definitions and notes the
 * notes. Entries without both languages are skipped (counted by the caller).
 */
export function parseGlossaryTbx(xml: string, pair: { sourceLang: string; targetLocale: string }): { records: TermRecord[]; skipped: number } {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const records: TermRecord[] = [];
  let skipped = 0;
  const stack: string[] = [];
  let entry: { langs: Map<string, TbxTerm[]>; notes: string[]; line: number } | null = null;
  let lang: string | null = null;
  let term: TbxTerm | null = null;
  let capture: { kind: 'term' | 'note' | 'status'; text: string } | null = null;
  let sawEntry = false;
  const fail = (reason: string): never => {
    throw new ImportFileError(`TBX line ${parser.line}: ${reason}`);
  };
  parser.on('error', (error) => {
    throw new ImportFileError(`TBX: malformed XML: ${error.message}`);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const attrs = tag.attributes as Record<string, string>;
    stack.push(name);
    if (stack.length === 1 && !['martif', 'tbx', 'TBX'].includes(name)) fail(`the root element is <${name}>, not <martif> or <tbx>`);
    if (name === 'termEntry' || name === 'conceptEntry') {
      entry = { langs: new Map(), notes: [], line: parser.line };
      sawEntry = true;
    } else if (name === 'langSet' || name === 'langSec') {
      if (!entry) fail(`<${name}> outside <termEntry>`);
      lang = attrs['xml:lang'] ?? attrs.lang ?? null;
      if (!lang) fail(`<${name}> without xml:lang`);
    } else if (name === 'tig' || name === 'ntig' || name === 'termSec') {
      if (lang === null) fail(`<${name}> outside <langSet>`);
      term = { text: '', status: null };
    } else if (name === 'term' && term) {
      capture = { kind: 'term', text: '' };
    } else if (name === 'termNote' && term && /administrativeStatus|status/i.test(attrs.type ?? '')) {
      capture = { kind: 'status', text: '' };
    } else if (entry && (name === 'note' || (name === 'descrip' && /definition|note|context/i.test(attrs.type ?? '')))) {
      if (!term) capture = { kind: 'note', text: '' };
    }
  });
  parser.on('text', (text) => {
    if (capture) capture.text += text;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const current = entry as { langs: Map<string, TbxTerm[]>; notes: string[]; line: number } | null;
    if (name === 'term' && capture?.kind === 'term' && term) {
      term.text = capture.text.replace(/\s+/g, ' ').trim();
      capture = null;
    } else if (name === 'termNote' && capture?.kind === 'status' && term) {
      term.status = capture.text.trim().toLowerCase();
      capture = null;
    } else if ((name === 'note' || name === 'descrip') && capture?.kind === 'note' && current) {
      const note = capture.text.replace(/\s+/g, ' ').trim();
      if (note) current.notes.push(note);
      capture = null;
    } else if ((name === 'tig' || name === 'ntig' || name === 'termSec') && term && lang && current) {
      if (term.text) current.langs.set(lang, [...(current.langs.get(lang) ?? []), term]);
      term = null;
    } else if (name === 'langSet' || name === 'langSec') {
      lang = null;
    } else if ((name === 'termEntry' || name === 'conceptEntry') && current) {
      const record = entryToRecord(current, pair);
      if (record) records.push(checkRecord(record, `TBX entry at line ${current.line}`));
      else skipped++;
      entry = null;
    }
  });
  parser.write(xml.replace(/^\uFEFF/, '')).close();
  if (!sawEntry) throw new ImportFileError('TBX: no <termEntry> found');
  return { records, skipped };
}

function termsFor(langs: Map<string, TbxTerm[]>, locale: string): TbxTerm[] {
  const wanted = locale.toLowerCase();
  for (const [lang, terms] of langs) if (lang.toLowerCase() === wanted) return terms;
  const primary = wanted.split('-')[0];
  for (const [lang, terms] of langs) if (lang.toLowerCase().split(/[-_]/)[0] === primary) return terms;
  return [];
}

function entryToRecord(
  entry: { langs: Map<string, TbxTerm[]>; notes: string[] },
  pair: { sourceLang: string; targetLocale: string },
): TermRecord | null {
  const allowed = (t: TbxTerm) => !t.status || !forbiddenStatuses.has(t.status);
  const source = termsFor(entry.langs, pair.sourceLang).find(allowed);
  const targets = termsFor(entry.langs, pair.targetLocale);
  const translation = targets.find(allowed);
  if (!source || !translation) return null;
  return {
    term: source.text,
    translation: translation.text,
    notes: entry.notes.length ? entry.notes.join('\n') : null,
    caseSensitive: false,
    forbidden: [...new Set(targets.filter((t) => !allowed(t)).map((t) => t.text))],
  };
}
