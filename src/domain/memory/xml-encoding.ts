import { AppError } from '../../errors.js';

/**
 * Which character encoding an XML document is in, from its first bytes (XML 1.0, appendix F): a byte order
 * mark, else the `encoding` of the XML declaration, else UTF-8. Pure: the caller decides what it can decode.
 */
export type XmlEncodingGuess = { encoding: string } | { needMoreBytes: true };

/** Longer than any XML declaration; a head this long without one's end is not waiting for more. */
export const xmlDeclarationMaxBytes = 1024;

export function detectXmlEncoding(head: Uint8Array, complete = false): XmlEncodingGuess {
  if (head.length < 4 && !complete) return { needMoreBytes: true };
  const [b0, b1, b2, b3] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be' };
  // "<?" in UTF-16 without a byte order mark.
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le' };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be' };
  // Every encoding XML allows here writes the declaration in ASCII, so reading the bytes as Latin-1 is safe.
  const text = new TextDecoder('latin1').decode(head.subarray(0, xmlDeclarationMaxBytes));
  if (!text.startsWith('<?xml')) return { encoding: 'utf-8' };
  const end = text.indexOf('?>');
  if (end < 0) return complete || head.length >= xmlDeclarationMaxBytes ? { encoding: 'utf-8' } : { needMoreBytes: true };
  const declared = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(text.slice(0, end));
  return { encoding: declared ? declared[2]!.toLowerCase() : 'utf-8' };
}

/**
 * Bytes to text in the encoding the document declares (byte order mark, else its XML declaration, else
 * UTF-8). An encoding Node cannot decode, or bytes that are not valid in it, refuse the import instead of
 * turning letters into U+FFFD.
 */
export class XmlTextDecoder {
  private head: Uint8Array | null = new Uint8Array(0);
  private decoder: TextDecoder | null = null;
  private encoding = 'utf-8';

  write(chunk: Uint8Array): string {
    if (this.head) {
      this.head = concat(this.head, chunk);
      const guess = detectXmlEncoding(this.head);
      if ('needMoreBytes' in guess) return '';
      return this.start(guess.encoding, this.head);
    }
    return this.decode(chunk, true);
  }

  end(): string {
    const pending = this.head;
    if (pending) {
      const guess = detectXmlEncoding(pending, true);
      return this.start('encoding' in guess ? guess.encoding : 'utf-8', pending) + this.decode(new Uint8Array(0), false);
    }
    return this.decode(new Uint8Array(0), false);
  }

  private start(encoding: string, bytes: Uint8Array): string {
    this.head = null;
    this.encoding = encoding;
    try {
      this.decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new AppError('tmx_encoding_unsupported', { encoding });
    }
    return this.decode(bytes, true);
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch {
      throw new AppError('tmx_encoding_unsupported', { encoding: this.encoding });
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
