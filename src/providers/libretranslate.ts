/**
 * LibreTranslate (self-hosted): `POST /translate` with `{q: [...], source, target, format: "html", api_key}`;
 * a list in `q` is answered with a list in `translatedText`. Errors are `{"error": "..."}`: 429 when the
 * server's rate limit is hit, 403 for a missing or banned key, 400 for a batch over its limits.
 */
import type { ProviderSettings } from '../machine-config.js';
import { expectStrings, postJson } from './http.js';
import { ProviderError, type MachineProvider, type TranslateRequest } from './types.js';

export class LibreTranslateProvider implements MachineProvider {
  readonly name = 'libretranslate' as const;
  readonly markup = 'html' as const;
  readonly takesGlossary = false;

  constructor(private readonly settings: ProviderSettings) {}

  async translate(request: TranslateRequest): Promise<Array<string | null>> {
    const answer = await postJson({
      url: `${this.settings.url}/translate`,
      headers: {},
      signal: request.signal,
      body: {
        q: request.texts,
        source: request.sourceLang.split('-')[0],
        target: request.targetLocale.split('-')[0],
        format: 'html',
        ...(this.settings.key ? { api_key: this.settings.key } : {}),
      },
    });
    const translated = (answer as { translatedText?: unknown }).translatedText;
    if (!Array.isArray(translated)) throw new ProviderError('bad_answer', 'libretranslate: translatedText is not a list');
    return expectStrings(translated, request.texts.length, 'libretranslate');
  }
}
