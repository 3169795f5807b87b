import { fileTextFromBytes, notUtf8TextMessage } from '../../../electron/contract/index.ts';

/**
 * An uploaded file's text, read as the CLI reads it (contract fileTextFromBytes): its bytes
 * decoded strictly, a byte-order mark kept, so a model card stored as evidence is the vendor's
 * file byte for byte. Not `file.text()`, which repairs invalid bytes into U+FFFD and drops the
 * mark. A file that is not UTF-8 text is refused with the words shown on the page.
 */
export async function readTextFile(file: Blob & { name: string }): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = fileTextFromBytes(bytes);
  if (text === null) throw new Error(notUtf8TextMessage(file.name, bytes));
  return text;
}
