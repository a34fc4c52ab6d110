/**
 * JSON for a `<script type="application/ld+json">` data block. Browsers never execute a data block, but
 * the HTML parser still ends it at the first `</script` and treats `<!--` specially, whatever the type. With
 * every `<`, `>` and `&` written as a JSON escape, no text of the article can end the block or open a
 * comment, and the value parses back to exactly the same data. U+2028/2029 are escaped too, for readers
 * that evaluate the JSON as JavaScript.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
