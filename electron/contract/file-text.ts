import { decodeUtf8Strictly } from './safe-json.ts';

/**
 * A file's text as the ways in (pages, CLI) send it to the core: each NUL (U+0000) becomes U+FFFD.
 * The dispatcher refuses NUL in any text, with a message about the input rather than the file; a
 * file holding one is binary (a Word document, an image) and is refused anyway, but then by the
 * file boundary, which can say what the file is. Neither JSON nor XML may contain a raw NUL, so no
 * file Vigil could read is changed by this.
 */
export function fileTextForCore(text: string): string {
  return text.split('\u0000').join('\uFFFD');
}

/**
 * The one policy for a file from outside that is read as text (a vendor package, a model card),
 * in the pages and the CLI alike: its bytes decoded strictly — invalid UTF-8 refused, never
 * repaired; a byte-order mark kept, so the text encodes back to the same bytes and the same
 * SHA-256 — then made ready for the core (fileTextForCore). Null when the bytes are not UTF-8
 * text: the caller refuses the file in `notUtf8TextMessage`'s words.
 */
export function fileTextFromBytes(bytes: Uint8Array): string | null {
  try {
    return fileTextForCore(decodeUtf8Strictly(bytes));
  } catch {
    return null;
  }
}

/** The refusal, in words for people, of a file whose bytes are not UTF-8 text. */
/**
 * The refusal of a file that is not UTF-8 text, in words; given the bytes, it says what the file
 * looks like instead ("it is a PDF document"), the same words the core uses for text.
 */
export function notUtf8TextMessage(fileName: string, bytes?: Uint8Array): string {
  const looks = bytes ? describeFileBytes(bytes) : null;
  if (looks) return `${fileName} is not valid UTF-8 text: ${looks}. Nothing was read or written.`;
  return `${fileName} is not valid UTF-8 text, so it cannot be the file it claims to be (a PDF, a Word document or an image is not a text file). Nothing was read or written.`;
}

/**
 * What a file's text looks like, as a phrase that ends "it is …" / "it …", or null when it looks
 * like JSON or XML (which the caller then reads). Only the first few kilobytes are looked at.
 */
export function describeFileText(text: string): string | null {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (head.trim() === '') return 'it is empty';
  if (head.startsWith('%PDF-')) return 'it is a PDF document';
  if (head.startsWith('PK\u0003\u0004')) return 'it is a Word document or another zip archive, not a text file';
  if (head.startsWith('{\\rtf')) return 'it is a rich-text (RTF) document';
  if (/^\s*<(!doctype\s+)?html\b/i.test(head)) return 'it is a web page (HTML)';
  // Bytes that were not UTF-8 text arrive as U+FFFD; control characters mean a binary file.
  const controls = [...head].filter((c) => {
    const code = c.charCodeAt(0);
    return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd;
  }).length;
  if (controls > 0 && controls * 50 > head.length) return 'it is not a text file (it looks like an image, a document or another binary file)';
  return null;
}

/** Bytes (an uploaded file before decoding) described the same way as text. */
export function describeFileBytes(bytes: Uint8Array): string | null {
  return describeFileText(new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)));
}
