// The one way the pages read an uploaded file as text (issue 18, item 4): strict UTF-8, a
// byte-order mark kept so the text encodes back to the vendor's bytes, and a refusal in words.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../renderer/src/files/read-text-file.ts';
import { awkwardCardBytes } from '../core/exchange/model-card/model-card-fixture.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('readTextFile', () => {
  it('keeps a byte-order mark, CRLF and non-ASCII text: encoding the text again gives the same bytes', async () => {
    const text = await readTextFile(new File([awkwardCardBytes], 'lumen.xml', { type: 'application/xml' }));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n<!-- Geprüft für Krankenhäuser · 患者の安全 · 🩺 -->\r\n');
    expect(sha256(new TextEncoder().encode(text))).toBe(sha256(awkwardCardBytes));
  });

  it('refuses invalid UTF-8 in words, instead of repairing it as file.text() does', async () => {
    const file = new File([Buffer.from('<Card><Name>Lumen Chest X-ray Triage</Name><Developer>Northwind '), Uint8Array.from([0xc3, 0x28]), Buffer.from('</Developer></Card>')], 'card.xml');
    expect(await file.text()).toContain('\uFFFD');
    await expect(readTextFile(file)).rejects.toThrow(
      'card.xml is not valid UTF-8 text, so it cannot be the file it claims to be (a PDF, a Word document or an image is not a text file). Nothing was read or written.',
    );
  });

  it('says what a file that is not text looks like: a PDF picked as a model card', async () => {
    const pdf = new File([Buffer.from('%PDF-1.7\n'), Uint8Array.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])], 'lumen.pdf');
    await expect(readTextFile(pdf)).rejects.toThrow('lumen.pdf is not valid UTF-8 text: it is a PDF document. Nothing was read or written.');
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short at the end', [0x61, 0xe2, 0x82]],
    ['a UTF-16 byte-order mark', [0xff, 0xfe, 0x3c, 0x00]],
  ])('refuses %s', async (_, bytes) => {
    await expect(readTextFile(new File([Uint8Array.from(bytes)], 'x.json'))).rejects.toThrow(/^x\.json is not valid UTF-8 text/);
  });

  it('gives the core U+FFFD for NUL, as the CLI does (the file boundary then says what the file is)', async () => {
    expect(await readTextFile(new File(['{"a":"\u0000"}'], 'x.json'))).toBe('{"a":"\uFFFD"}');
  });
});
