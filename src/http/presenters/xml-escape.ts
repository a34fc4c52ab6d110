/** Everything XML 1.0 cannot carry at all (its `Char` production), lone surrogates included. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const needsWork = /[^\u0020-\u007e]|[&<>"']/;
const references: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * A string as XML character data or a quoted attribute value. Complete by construction: characters XML
 * cannot represent are dropped; the five markup characters become entity references, so nothing can end a
 * value, open a tag or start a reference; tab, line feed and carriage return become character references,
 * so attribute-value normalisation cannot change them. Everything else stands for itself in UTF-8.
 * tests/unit/xml-escape.test.ts checks the round trip through a strict parser on random strings.
 */
export function xmlEscape(value: string): string {
  // Most values (URLs, dates, codes) are printable ASCII without markup characters: nothing to do.
  if (!needsWork.test(value)) return value;
  return value.replace(notXmlChar, '').replace(/[&<>"'\t\n\r]/g, (c) => references[c]!);
}
