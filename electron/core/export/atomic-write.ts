import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/*
 * A document is written whole or not at all. It goes to a temporary file beside the target
 * (same directory, so the same file system and the rename is atomic), is flushed to disk, and
 * is then renamed over the target. A reader, a sync client or a crash sees the old file or the
 * new one, never half a register; a failure removes the temporary file and leaves the old
 * target as it was.
 */

/** The file operations used, replaceable in tests to inject failures. */
export type AtomicWriteIo = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

export function writeFileAtomic(path: string, bytes: Uint8Array, io: AtomicWriteIo = nodeFs): void {
  const dir = dirname(path);
  // Hidden, unique and recognisably ours, should a power cut ever leave one behind.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = io.openSync(temp, 'wx'); // 'x': never reuse (or follow a link planted at) an existing name
    let written = 0;
    while (written < bytes.length) written += io.writeSync(fd, bytes, written, bytes.length - written);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // Already failing; the original error is the one worth reporting.
      }
    }
    io.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Flushes the directory entry so the rename itself survives a power cut (POSIX; Windows cannot open a directory). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = nodeFs.openSync(dir, 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // Not supported on this platform: the file itself is already on disk.
  } finally {
    if (fd !== undefined) nodeFs.closeSync(fd);
  }
}
