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
export const notUtf8TextMessage = (fileName: string): string =>
  `${fileName} is not valid UTF-8 text, so it cannot be the file it claims to be (a PDF, a Word document or an image is not a text file). Nothing was read or written.`;
