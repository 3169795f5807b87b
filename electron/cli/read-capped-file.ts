import { readFileSync, statSync } from 'node:fs';
import { decodeUtf8Strictly, notUtf8TextMessage } from '../contract/index.ts';
import { CliRefusal, UsageError } from './command.ts';

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * A file's bytes, its size checked before it is read, so an oversized file never fills
 * memory: too large is a refusal (PAYLOAD_TOO_LARGE, exit 1, as --json asks), the same code
 * browser mode answers; a file that cannot be read at all is a usage mistake (exit 2).
 */
export function readCappedBytes(file: string, maxBytes: number, what: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > maxBytes) {
    // In bytes when megabytes would hide the difference ("50 MB; limited to 50 MB").
    const close = megabytes(size) === megabytes(maxBytes);
    const sizeText = close ? `${size.toLocaleString('en-GB')} bytes` : megabytes(size);
    const limitText = close ? `${maxBytes.toLocaleString('en-GB')} bytes (${megabytes(maxBytes)})` : megabytes(maxBytes);
    throw new CliRefusal({ code: 'PAYLOAD_TOO_LARGE', message: `${file} is ${sizeText}; ${what} are limited to ${limitText}. Nothing was read or written.` });
  }
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The refusal of a file that is not valid UTF-8 text (never repaired into text that might then be read). */
export const notUtf8Text = (file: string): CliRefusal => new CliRefusal({ code: 'VALIDATION_FAILED', message: notUtf8TextMessage(file) });

/**
 * A text file the CLI reads itself (a list of risks), size-checked as above and decoded strictly:
 * invalid UTF-8 is refused, never repaired; a byte-order mark is no part of what it lists.
 */
export function readCappedFile(file: string, maxBytes: number, what: string): string {
  const bytes = readCappedBytes(file, maxBytes, what);
  try {
    return decodeUtf8Strictly(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw notUtf8Text(file);
  }
}
