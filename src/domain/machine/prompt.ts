/**
 * The prompt for a chat-completions model (any OpenAI-compatible endpoint): the article's context, the
 * glossary terms that occur in the batch, and the sentences as a numbered JSON object; the answer must be a
 * JSON object with the translations under the same numbers. Placeholders travel as the ⟦n⟧ tokens themselves,
 * with the instruction to keep each exactly once around the same words.
 */

/** A glossary term found in a sentence, as passed to providers that take terms. */
export interface GlossaryEntry {
  term: string;
  translation: string;
}

export interface PromptInput {
  sourceLang: string;
  targetLocale: string;
  texts: string[];
  context: string;
  glossary: GlossaryEntry[];
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function buildTranslationMessages(input: PromptInput): ChatMessage[] {
  const from = `${languageName(input.sourceLang)} (${input.sourceLang})`;
  const to = `${languageName(input.targetLocale)} (${input.targetLocale})`;
  const rules = [
    `You translate news copy from ${from} into ${to} for a newsroom.`,
    'Translate each numbered sentence on its own, keeping facts, names, numbers and dates exact.',
    'Tokens like ⟦1⟧ … ⟦/1⟧ and ⟦2/⟧ mark formatting: keep every token exactly once, unchanged, around the words that correspond to the words it surrounds in the source.',
    'Answer with one JSON object and nothing else: the same keys, each with its translation as a string.',
  ];
  if (input.glossary.length) {
    rules.push('Use these approved translations for the terms they name:');
    for (const entry of input.glossary) rules.push(`- ${entry.term} => ${entry.translation}`);
  }
  const numbered = Object.fromEntries(input.texts.map((text, i) => [String(i + 1), text]));
  const user = [
    input.context ? `Context (do not translate):\n${input.context}\n` : '',
    `Sentences:\n${JSON.stringify(numbered, null, 1)}`,
  ].join('\n');
  return [
    { role: 'system', content: rules.join('\n') },
    { role: 'user', content: user },
  ];
}

/**
 * The translations from the model's answer, in order; null for a number it left out or answered with
 * something other than text. Returns null when the answer holds no JSON object at all (garbage).
 */
export function parseTranslationAnswer(content: string, count: number): Array<string | null> | null {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.slice(start, end + 1));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const answers = Array.from({ length: count }, (_, i) => {
    const value = record[String(i + 1)];
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  });
  return answers.some((a) => a !== null) ? answers : null;
}
