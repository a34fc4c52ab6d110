/**
 * Sentences cut into requests within a provider's limits: at most `maxCount` sentences and `maxChars`
 * characters each, in article order (neighbours stay together, which helps engines that use context). A
 * sentence longer than `maxChars` on its own still goes, alone.
 */
export function batchWithin<T>(items: readonly T[], textOf: (item: T) => string, maxCount: number, maxChars: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const length = textOf(item).length;
    if (current.length > 0 && (current.length >= maxCount || chars + length > maxChars)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += length;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Characters as providers bill them: every character of the text sent, markup included. */
export function billedCharacters(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + [...text].length, 0);
}
