import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './command.ts';

/** A text file, its size checked before it is read whole, so an oversized file never fills memory. */
export function readCappedFile(file: string, maxBytes: number, what: string): string {
  return readCappedBytes(file, maxBytes, what).toString('utf8');
}

/** A file's bytes, its size checked first (a Word document). */
export function readCappedBytes(file: string, maxBytes: number, what: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > maxBytes) throw new UsageError(`${file} is ${(size / 1048576).toFixed(1)} MB; ${what} are limited to ${maxBytes / 1048576} MB`);
  return readFileSync(file);
}
