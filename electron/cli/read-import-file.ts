import { fileTextFromBytes } from '../contract/index.ts';
import { describeFileBytes } from '../contract/index.ts';
import { notThisFile, type FileKind } from '../core/exchange/file-refusal.ts';
import { CliRefusal } from './command.ts';
import { notUtf8Text, readCappedBytes } from './read-capped-file.ts';

/**
 * A file to import (a vendor package, a model card), read as the pages read it: size-checked,
 * then fileTextFromBytes (strict UTF-8, a byte-order mark kept). A file that is not UTF-8 text
 * is refused here, never repaired into text that might then be read: in the file boundary's words
 * where its bytes say what it is (a PDF, a Word document, an image), else as any invalid UTF-8 text.
 */
export function readImportFile(file: string, maxBytes: number, what: string, kind: FileKind): string {
  const bytes = readCappedBytes(file, maxBytes, what);
  const text = fileTextFromBytes(bytes);
  if (text !== null) return text;
  const looks = describeFileBytes(bytes);
  if (looks) throw new CliRefusal(notThisFile(kind, looks, 'PACKAGE_MALFORMED').toValue());
  // Text with a bad byte: refused as any text file with one is.
  throw notUtf8Text(file);
}
