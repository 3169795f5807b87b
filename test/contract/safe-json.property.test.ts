// The one check for JSON from outside (electron/contract/safe-json.ts), fuzzed: every JSON value
// passes and parses as JSON.parse would, whatever the pieces it arrives in; nesting, repeated and
// prototype keys and invalid UTF-8 are refused however they are written or split. Budgets are
// in runs, not seconds (issue 18: "keep their budgets in iterations").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strictly, JsonStructureCheck, parseUntrustedJson, StrictUtf8Decoder } from '../../electron/contract/index.ts';

/** The text cut at the given points (sorted, in range), fed piece by piece. */
function feedInPieces(text: string, cuts: number[], maxDepth?: number): void {
  const check = new JsonStructureCheck(maxDepth === undefined ? {} : { maxDepth });
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const point of [...points, text.length]) {
    check.feed(text.slice(from, point));
    from = point;
  }
}

const verdict = (run: () => void): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

const cuts = fc.array(fc.nat(), { maxLength: 8 });
const keyText = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));

/** A key as JSON may write it: plain, or with some characters as \uXXXX escapes. */
const writtenKey = (key: string, escapeMask: number) =>
  `"${[...key]
    .map((ch, i) => (ch.length === 1 && (escapeMask >> i) & 1 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(ch).slice(1, -1)))
    .join('')}"`;

describe('JSON from outside: one structure check', () => {
  it('accepts every JSON value, in any pieces, and parses it as JSON.parse does (1,000 runs)', () => {
    const value = fc.jsonValue({ maxDepth: 6 }).filter((v) => !JSON.stringify(v).match(/"(__proto__|constructor|prototype)":/));
    fc.assert(
      fc.property(value, cuts, fc.boolean(), (v, points, pretty) => {
        const text = pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v);
        feedInPieces(text, points);
        expect(parseUntrustedJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a key repeated in one object however it is escaped or split, and only then (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(keyText, { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.nat(), cuts, (keys, pick, maskA, maskB, points) => {
        const repeated = keys[pick % keys.length] ?? '';
        const members = [...keys.map((k, i) => `${writtenKey(k, i === 0 ? maskA : 0)}:1`), `${writtenKey(repeated, maskB)}:{"inner":[1,{"${'x'}":2}]}`];
        const text = `{"outer":{${members.join(',')}},"keys":${JSON.stringify(keys)}}`;
        expect(verdict(() => feedInPieces(text, points))).toBe(`the key "${repeated}" appears twice in one object`);
        // The same keys in different objects, or as values, are fine.
        const apart = `[${keys.map((k) => `{${writtenKey(k, maskA)}:${JSON.stringify(k)}}`).join(',')},{${writtenKey(repeated, maskB)}:1}]`;
        expect(verdict(() => feedInPieces(apart, points))).toBe('accepted');
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses nesting deeper than the limit at any split, accepts the limit itself (500 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom('[', '{"k":'), { minLength: 45, maxLength: 45 }), cuts, (limit, extra, opens, points) => {
        const depth = limit + extra;
        const open = opens.slice(0, depth);
        const close = open.map((o) => (o === '[' ? ']' : '}')).reverse();
        const text = `${open.join('')}0${close.join('')}`;
        const expected = depth > limit ? `nesting deeper than ${limit} levels is not allowed` : 'accepted';
        expect(verdict(() => feedInPieces(text, points, limit))).toBe(expected);
        if (depth <= limit) expect(parseUntrustedJson(text, { maxDepth: limit })).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('is not fooled by brackets, quotes and backslashes inside strings (500 runs)', () => {
    const tricky = fc.string({ unit: fc.constantFrom('[', '{', '"', '\\', ']', '}', ',', ':', 'a', 'é', '😀'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 6 }), cuts, (strings, points) => {
        const text = JSON.stringify({ list: strings, more: strings.map((s, i) => ({ [`k${i}${s}`]: s })) });
        expect(verdict(() => feedInPieces(text, points, 4))).toBe('accepted');
      }),
      { numRuns: 500 },
    );
  });

  it('refuses prototype keys, plain or escaped', () => {
    for (const text of ['{"__proto__":{}}', '{"a":[{"constructor":1}]}', '{"\\u005f_proto__":1}', '{"proto\\u0074ype":1}']) {
      expect(() => parseUntrustedJson(text)).toThrow(/is not allowed/);
    }
  });

  it('refuses 8 MB of "[" after its 65th byte, without reading further', () => {
    const check = new JsonStructureCheck();
    expect(() => check.feed('['.repeat(64))).not.toThrow();
    expect(() => check.feed('['.repeat(8 * 1024 * 1024))).toThrow('nesting deeper than 64 levels is not allowed');
  });
});

describe('bytes from outside: strict UTF-8', () => {
  const invalid: [string, number[]][] = [
    ['a lone continuation byte', [0x61, 0x80, 0x62]],
    ['a lead byte without its continuation', [0xc3, 0x28]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x82]],
  ];
  it.each(invalid)('refuses %s', (_, bytes) => {
    expect(() => decodeUtf8Strictly(Uint8Array.from(bytes))).toThrow('the text is not valid UTF-8');
  });

  it('keeps a file\'s byte-order mark (its text encodes back to the same bytes); a request body\'s is dropped', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(decodeUtf8Strictly(bytes)).toBe('\uFEFF{}');
    expect(new TextEncoder().encode(decodeUtf8Strictly(bytes))).toEqual(bytes);
    expect(new StrictUtf8Decoder().decode(bytes, true)).toBe('{}');
    // JSON has no byte-order mark: set aside for parsing only, so a package saved with one is read.
    expect(parseUntrustedJson('\uFEFF{"a":[1]}')).toEqual({ a: [1] });
    expect(() => parseUntrustedJson('\uFEFF{"a":1,"a":2}')).toThrow('appears twice');
  });

  it('gives back any text exactly, in any pieces (500 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), cuts, (text, points) => {
        const bytes = new TextEncoder().encode(text);
        const decoder = new StrictUtf8Decoder();
        const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        let out = '';
        for (const point of at) {
          out += decoder.decode(bytes.subarray(from, point));
          from = point;
        }
        out += decoder.decode(bytes.subarray(from), true);
        expect(out).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
