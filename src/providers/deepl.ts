/**
 * DeepL API v2 (`POST /v2/translate`, `Authorization: DeepL-Auth-Key`): up to 50 texts per request, XML tag
 * handling for the placeholders, the article as `context`. Glossary terms go in a DeepL glossary made for
 * the batch (`POST /v2/glossaries`, TSV entries) and deleted afterwards, since v2 glossaries cannot be
 * edited. 456 means the account's characters are used up; 429 and 529 ask us to slow down.
 */
import type { ProviderSettings } from '../machine-config.js';
import { expectStrings, postJson } from './http.js';
import { ProviderError, type GlossaryEntry, type MachineProvider, type TranslateRequest } from './types.js';

/** DeepL wants a regional variant for English and Portuguese targets; other targets by their language. */
export function deeplTarget(locale: string): string {
  const [lang, region] = locale.split('-');
  const upper = lang!.toUpperCase();
  if (region && /^[A-Za-z]{2}$/.test(region)) return `${upper}-${region.toUpperCase()}`;
  if (upper === 'EN') return 'EN-GB';
  if (upper === 'PT') return 'PT-PT';
  return upper;
}

export class DeepLProvider implements MachineProvider {
  readonly name = 'deepl' as const;
  readonly markup = 'xml' as const;
  readonly takesGlossary = true;

  constructor(private readonly settings: ProviderSettings) {}

  private get headers() {
    return { authorization: `DeepL-Auth-Key ${this.settings.key ?? ''}` };
  }

  async translate(request: TranslateRequest): Promise<Array<string | null>> {
    const glossaryId = request.glossary.length ? await this.createGlossary(request) : null;
    try {
      const answer = await postJson({
        url: `${this.settings.url}/v2/translate`,
        headers: this.headers,
        signal: request.signal,
        isQuota: (status) => status === 456,
        body: {
          text: request.texts,
          source_lang: request.sourceLang.split('-')[0]!.toUpperCase(),
          target_lang: deeplTarget(request.targetLocale),
          tag_handling: 'xml',
          split_sentences: 'nonewlines',
          preserve_formatting: true,
          ...(request.context ? { context: request.context } : {}),
          ...(glossaryId ? { glossary_id: glossaryId } : {}),
        },
      });
      const translations = (answer as { translations?: unknown }).translations;
      if (!Array.isArray(translations)) throw new ProviderError('bad_answer', 'deepl: no translations array');
      return expectStrings(translations.map((t) => (t as { text?: unknown })?.text), request.texts.length, 'deepl');
    } finally {
      if (glossaryId) await this.deleteGlossary(glossaryId);
    }
  }

  /** A glossary for this batch's terms; null (translate without) when DeepL refuses the pair or the entries. */
  private async createGlossary(request: TranslateRequest): Promise<string | null> {
    const entries = tsvEntries(request.glossary);
    if (!entries) return null;
    try {
      const answer = await postJson({
        url: `${this.settings.url}/v2/glossaries`,
        headers: this.headers,
        signal: request.signal,
        isQuota: (status) => status === 456,
        body: {
          name: `dragoman ${request.sourceLang}>${request.targetLocale}`,
          source_lang: request.sourceLang.split('-')[0]!.toLowerCase(),
          target_lang: request.targetLocale.split('-')[0]!.toLowerCase(),
          entries,
          entries_format: 'tsv',
        },
      });
      const id = (answer as { glossary_id?: unknown }).glossary_id;
      return typeof id === 'string' && id !== '' ? id : null;
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'rejected') return null;
      throw error;
    }
  }

  private async deleteGlossary(id: string): Promise<void> {
    // Best effort: a glossary left behind costs nothing but a slot of the account's thousand.
    await fetch(`${this.settings.url}/v2/glossaries/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: this.headers,
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
  }
}

/** TSV without tabs or line breaks inside entries and one entry per term (DeepL refuses duplicate keys). */
function tsvEntries(glossary: GlossaryEntry[]): string | null {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();
  const byTerm = new Map<string, string>();
  for (const entry of glossary) {
    const term = clean(entry.term);
    const translation = clean(entry.translation);
    if (term && translation && !byTerm.has(term)) byTerm.set(term, translation);
  }
  return byTerm.size ? [...byTerm].map(([term, translation]) => `${term}\t${translation}`).join('\n') : null;
}
