import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './command.ts';

/** A text file, its size checked before it is read whole, so an oversized file never fills memory. */
export function readCappedFile(file: string, maxBytes: number, what: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > maxBytes) throw new UsageError(`${file} is ${(size / 1048576).toFixed(1)} MB; ${what} are limited to ${maxBytes / 1048576} MB`);
  return readFileSync(file, 'utf8');
}
