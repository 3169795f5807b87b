// Replacing one file of a .docx's zip (word/docx-zip.ts): the new file reads back as its pieces
// joined, every other file is unchanged, and an independent reader (Python's zipfile, which
// checks each CRC-32) accepts the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { replaceZipEntry, zipEntryText } from '../../../electron/core/export/word/docx-zip.ts';
import { readZipEntry, zipEntryNames } from '../../support/read-docx.ts';

const pythonZip = spawnSync('python3', ['-c', 'import zipfile'], { encoding: 'utf8' }).status === 0 ? 'python3' : null;

const packed = async () => new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('The skeleton')] }] })));

describe('replaceZipEntry', () => {
  it('replaces one file with its pieces joined and leaves every other file as it was', async () => {
    const zip = await packed();
    expect(zipEntryText(zip, 'word/document.xml')).toContain('The skeleton');
    // Pieces of several sizes, one beyond Latin-1, one empty, one large enough for many deflate blocks.
    const pieces = [Buffer.from('<w:document>'), new Uint8Array(0), Buffer.from('Zoë — مرحبا — 🩺'), Buffer.from('x'.repeat(3_000_000) + 'end'), Buffer.from('</w:document>')];
    const out = await replaceZipEntry(zip, 'word/document.xml', pieces);
    expect(zipEntryNames(out)).toEqual(zipEntryNames(zip));
    expect(readZipEntry(out, 'word/document.xml')?.equals(Buffer.concat(pieces))).toBe(true);
    for (const name of zipEntryNames(zip).filter((n) => n !== 'word/document.xml')) {
      expect(readZipEntry(out, name)?.equals(readZipEntry(zip, name) ?? Buffer.alloc(1)), name).toBe(true);
    }
    expect(out.length).toBeLessThan(100_000);
  });

  it('refuses a file the zip does not have', async () => {
    await expect(replaceZipEntry(await packed(), 'word/nothing.xml', [])).rejects.toThrow('the zip has no word/nothing.xml');
  });

  it.skipIf(!pythonZip)('writes a zip whose every CRC-32 Python zipfile accepts', async () => {
    const out = await replaceZipEntry(await packed(), 'word/document.xml', [Buffer.from('<w:document>Zoë</w:document>')]);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-docx-zip-'));
    try {
      writeFileSync(join(dir, 'a.docx'), out);
      const check = spawnSync(pythonZip ?? 'python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(z.read("word/document.xml").decode())', join(dir, 'a.docx')], { encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.stdout).toBe('None\n<w:document>Zoë</w:document>\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
