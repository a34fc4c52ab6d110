/**
 * Azure Translator v3 (`POST /translate?api-version=3.0&from=..&to=..&textType=html`, body `[{"Text": ..}]`,
 * key in `Ocp-Apim-Subscription-Key`, region in `Ocp-Apim-Subscription-Region`). Errors carry a six-digit
 * code: 403001 is the free quota used up, 429xxx too many requests.
 */
import type { ProviderSettings } from '../machine-config.js';
import { expectStrings, postJson } from './http.js';
import { ProviderError, type MachineProvider, type TranslateRequest } from './types.js';

export class AzureProvider implements MachineProvider {
  readonly name = 'azure' as const;
  readonly markup = 'html' as const;
  readonly takesGlossary = false;

  constructor(private readonly settings: ProviderSettings) {}

  async translate(request: TranslateRequest): Promise<Array<string | null>> {
    const url = new URL(`${this.settings.url}/translate`);
    url.searchParams.set('api-version', '3.0');
    url.searchParams.set('from', request.sourceLang);
    url.searchParams.set('to', request.targetLocale);
    url.searchParams.set('textType', 'html');
    const headers: Record<string, string> = { 'ocp-apim-subscription-key': this.settings.key ?? '' };
    if (this.settings.region) headers['ocp-apim-subscription-region'] = this.settings.region;
    const answer = await postJson({
      url: url.toString(),
      headers,
      signal: request.signal,
      isQuota: (status, body) => status === 403 && errorCode(body) === 403001,
      body: request.texts.map((text) => ({ Text: text })),
    });
    if (!Array.isArray(answer)) throw new ProviderError('bad_answer', 'azure: answer is not an array');
    const texts = answer.map((item) => {
      const translations = (item as { translations?: unknown })?.translations;
      return Array.isArray(translations) ? (translations[0] as { text?: unknown } | undefined)?.text : undefined;
    });
    return expectStrings(texts, request.texts.length, 'azure');
  }
}

function errorCode(body: unknown): number | null {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : null;
}
