/**
 * An OpenAI-compatible chat-completions endpoint (`POST <url>/chat/completions`, `{model, messages}`, the
 * answer in `choices[0].message.content`), hosted or self-hosted. The prompt carries the article's context
 * and the glossary (src/domain/machine/prompt.ts). A 429 whose error code is `insufficient_quota` means the
 * account is out of credit, any other 429 is a rate limit.
 */
import { buildTranslationMessages, parseTranslationAnswer } from '../domain/machine/prompt.js';
import type { ProviderSettings } from '../machine-config.js';
import { postJson } from './http.js';
import { ProviderError, type MachineProvider, type TranslateRequest } from './types.js';

export class OpenAiProvider implements MachineProvider {
  readonly name = 'openai' as const;
  readonly markup = 'tokens' as const;
  readonly takesGlossary = true;

  constructor(private readonly settings: ProviderSettings) {}

  async translate(request: TranslateRequest): Promise<Array<string | null>> {
    const headers: Record<string, string> = {};
    if (this.settings.key) headers.authorization = `Bearer ${this.settings.key}`;
    const answer = await postJson({
      url: `${this.settings.url}/chat/completions`,
      headers,
      signal: request.signal,
      isQuota: (status, body) => status === 429 && (body as { error?: { code?: unknown } } | undefined)?.error?.code === 'insufficient_quota',
      body: {
        model: this.settings.model,
        temperature: 0,
        messages: buildTranslationMessages(request),
      },
    });
    const choice = (answer as { choices?: Array<{ message?: { content?: unknown }; finish_reason?: unknown }> }).choices?.[0];
    const content = choice?.message?.content;
    if (typeof content !== 'string') throw new ProviderError('bad_answer', 'openai: no message content');
    if (choice?.finish_reason === 'length') throw new ProviderError('bad_answer', 'openai: answer cut off at the token limit');
    const parsed = parseTranslationAnswer(content, request.texts.length);
    if (!parsed) throw new ProviderError('bad_answer', 'openai: answer holds no JSON object of translations');
    return parsed;
  }
}
