/**
 * `@name` mentions in segment comments. A mention is `@` and a word of letters, digits, `_`, `-` or `.`;
 * it names everyone whose name, lower-cased with its spaces as `_`, is that word: "@lena_ivanova" reaches
 * "Lena Ivanova". An `@` inside a word (an e-mail address) is not a mention.
 */
const mention = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;

export function mentionKeyOf(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '_');
}

/** The distinct mention keys of a text, in order of first appearance (a trailing full stop is not part of one). */
export function extractMentions(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(mention)) {
    const key = mentionKeyOf(match[1]!.replace(/[.-]+$/, ''));
    if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
