// The one rule for text from outside (electron/contract/plain-text.ts): every class of hostile
// character is refused at any position, in text and in file names, and ordinary writing in any
// script passes untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonPlainText, plainFileName, plainTextProblem } from '../../electron/contract/index.ts';

/** Each class the issue names, with every member or a spread of them. */
const hostile: Record<string, number[]> = {
  'C0 control': [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f],
  DEL: [0x7f],
  'C1 control': [0x80, 0x85, 0x9b, 0x9f],
  'bidirectional control': [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069],
  noncharacter: [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff],
};
const loneSurrogates = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];
/** Allowed in text, refused in a file name. */
const fileNameOnly = ['\t', '\n', '\r', '\u2028', '\u2029', '\u200E', '\u200F', '\u061C', '\u200B', '\uFEFF', '/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/** Text from every script, emoji included, without any of the characters above. */
const ordinary = fc
  .string({ unit: fc.constantFrom('a', 'Z', '7', ' ', '-', '_', 'é', 'ß', 'Ж', 'ع', 'ש', '中', 'ह', '👩‍⚕️', '🏥', '«', '»', '(', ')', ',') })
  .filter((s) => s.trim() === s && !s.endsWith('.'));

describe('plain text', () => {
  it('passes ordinary writing in any script, and tabs and new lines in text', () => {
    fc.assert(
      fc.property(ordinary, (s) => {
        expect(plainTextProblem(s)).toBeNull();
        expect(plainTextProblem(`${s}\n\t${s}\r\n`)).toBeNull();
        if (s !== '') expect(plainTextProblem(s, 'fileName')).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  for (const [name, codes] of Object.entries(hostile)) {
    it(`refuses a ${name} at any position, in text and in file names, saying which`, () => {
      fc.assert(
        fc.property(ordinary, ordinary, fc.constantFrom(...codes), (before, after, code) => {
          const char = String.fromCodePoint(code);
          const text = `${before}${char}${after}`;
          for (const kind of ['text', 'fileName'] as const) {
            const problem = plainTextProblem(text, kind);
            expect(problem?.index).toBe(before.length);
            expect(problem?.message).toContain(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('refuses an unpaired surrogate, and accepts a paired one', () => {
    fc.assert(
      fc.property(ordinary, fc.constantFrom(...loneSurrogates), (before, lone) => {
        expect(plainTextProblem(`${before}${lone}x`)?.message).toMatch(/unpaired surrogate/);
        expect(plainTextProblem(`${before}${lone}`)?.index).toBe(before.length);
      }),
      { numRuns: 200 },
    );
    expect(plainTextProblem('\uD83C\uDFE5')).toBeNull();
  });

  it('refuses in file names what text may carry: line breaks, tabs, marks, invisible characters and path characters', () => {
    for (const char of fileNameOnly) {
      expect(plainTextProblem(`report${char}pdf`), JSON.stringify(char)).toBeNull();
      expect(plainTextProblem(`report${char}pdf`, 'fileName')?.index, JSON.stringify(char)).toBe(6);
    }
    for (const name of ['.', '..', ' report.pdf', 'report.pdf ', 'report.']) expect(plainTextProblem(name, 'fileName'), name).not.toBeNull();
    expect(plainTextProblem('model-card\u202Efdp.exe', 'fileName')?.message).toMatch(/bidirectional control/);
    expect(plainTextProblem('Model card v2 (final).pdf', 'fileName')).toBeNull();
  });

  it('gives a file name schema that names the field and the character', () => {
    const result = plainFileName().safeParse('card\u0085.xml');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('fileName contains the control character U+0085 (a C1 control a terminal acts on)');
    expect(plainFileName().safeParse('card.xml').success).toBe(true);
  });

  it('finds the first non-plain string in a value by its path, keys included, skipping the named file field', () => {
    expect(findNonPlainText({ a: ['ok', { b: 'bad\u202E' }] })).toEqual({ path: ['a', 1, 'b'], problem: expect.objectContaining({ index: 3 }) });
    expect(findNonPlainText({ ['key\u0007']: 'ok' })?.path).toEqual(['key\u0007']);
    expect(findNonPlainText({ text: '{"x":"\u202E"}', name: 'ok' }, ['text'])).toBeNull();
    expect(findNonPlainText({ nested: { text: '\u202E' } }, ['text'])?.path).toEqual(['nested', 'text']);
    expect(findNonPlainText({ n: 1, b: true, z: null })).toBeNull();
  });
});
