/** Inputs of a QA run, and the prepared view of them that every check receives. */
import type { QaCode, QaLevel } from './codes.js';

/** A glossary entry whose term was found in the source; the caller does that lookup. */
export interface GlossaryHit {
  term: string;
  translation: string;
  forbidden: string[];
  caseSensitive: boolean;
}

export interface QaInput {
  source: string;
  target: string;
  sourceLang: string;
  targetLocale: string;
  glossary?: GlossaryHit[];
  disabled?: QaCode[];
  /** Per-locale severities; a code set to 'off' is not checked, like one in `disabled`. */
  severities?: Partial<Record<QaCode, QaLevel>>;
}

/** What every check gets: the raw texts plus prepared copies, computed once per run. */
export interface QaContext {
  source: string;
  target: string;
  /** Primary language subtags: "ru", "en", "ar". */
  sourceLang: string;
  targetLang: string;
  /** Placeholders masked out and Arabic-Indic digits turned Latin; same length as the raw text. */
  sourceText: string;
  targetText: string;
  glossary: GlossaryHit[];
}
