// Exports are written whole or not at all: temporary file, fsync, rename; nothing left behind
// on failure, and an existing file is replaced in one step.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicWriteIo } from '../../../electron/core/export/atomic-write.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temporary file', () => {
    const target = join(dir, 'register.docx');
    writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['register.docx']);
  });

  it('replaces an existing file whole', () => {
    const target = join(dir, 'register.csv');
    writeFileSync(target, 'old contents that are longer than the new ones');
    writeFileAtomic(target, new TextEncoder().encode('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['register.csv']);
  });

  it('fails without leaving anything when the directory does not exist', () => {
    const target = join(dir, 'missing', 'register.docx');
    expect(() => writeFileAtomic(target, new Uint8Array([1]))).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the temporary file and keeps the old target when a write fails', () => {
    const target = join(dir, 'register.docx');
    writeFileSync(target, 'previous export');
    let calls = 0;
    const failing: AtomicWriteIo = {
      ...fs,
      writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number) => {
        if (++calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return fs.writeSync(fd, buffer, offset, Math.min(length, 4));
      }) as AtomicWriteIo['writeSync'],
    };
    expect(() => writeFileAtomic(target, new Uint8Array(100), failing)).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual(['register.docx']);
    expect(readFileSync(target, 'utf8')).toBe('previous export');
  });

  it('removes the temporary file when the rename fails', () => {
    const target = join(dir, 'register.docx');
    const failing: AtomicWriteIo = {
      ...fs,
      renameSync: () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    expect(() => writeFileAtomic(target, new Uint8Array([1, 2]), failing)).toThrow(/EXDEV/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
