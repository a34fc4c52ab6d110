/**
 * Machine translation providers: one small interface in front of every engine. A provider translates a
 * batch of sentences of one language pair in one request (or one process), and says which markup it keeps
 * (src/domain/machine/placeholders.ts). It answers one draft per sentence, null where it had none; a failure
 * of the whole request is a ProviderError whose kind tells the guard what to do next.
 */
import type { MarkupStyle } from '../domain/machine/placeholders.js';
import type { GlossaryEntry } from '../domain/machine/prompt.js';
import type { ProviderName } from '../machine-config.js';

export type { GlossaryEntry };

export interface TranslateRequest {
  sourceLang: string;
  targetLocale: string;
  /** Sentences with their placeholders already protected in the provider's markup style. */
  texts: string[];
  /** The article's headline and the text around the batch, for providers that take context. */
  context: string;
  /** Glossary terms found in the batch's sentences. */
  glossary: GlossaryEntry[];
  signal: AbortSignal;
}

export interface MachineProvider {
  readonly name: ProviderName;
  readonly markup: MarkupStyle;
  /** Whether glossary terms reach the engine (DeepL glossaries, the language model's prompt). */
  readonly takesGlossary: boolean;
  translate(request: TranslateRequest): Promise<Array<string | null>>;
}

/**
 * rate_limited: wait (retryAfterMs if the provider said) and try again; quota: the account is out of
 * characters, stop sending; unavailable: 5xx, network or timeout, counts towards opening the circuit;
 * rejected: the provider refused this request (4xx), not worth retrying; bad_answer: 2xx with something
 * that is not the promised format.
 */
export type ProviderErrorKind = 'rate_limited' | 'quota' | 'unavailable' | 'rejected' | 'bad_answer';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}
