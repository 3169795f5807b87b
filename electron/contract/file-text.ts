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
