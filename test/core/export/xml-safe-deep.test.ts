// xmlSafeDeep (export-text.ts), the one place data enters a Word document: every string at any
// depth loses exactly the characters XML 1.0 cannot carry; a clean model comes back as the very
// same object; only the path to a changed string is copied; the input is never changed; bytes and
// other objects are kept as they are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlSafe, xmlSafeDeep } from '../../../electron/core/export/export-text.ts';

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const forbidden = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string value (not key) in a JSON-like value. */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(stringsOf) : [];

describe('xmlSafeDeep', () => {
  it('cleans every string at any depth, copying only the way to it, and leaves the input and its bytes alone', () => {
    const logo = new Uint8Array([0xff, 0xfe, 0x00]);
    const clean = { risks: [{ id: 'R-1', lines: ['a', 'b'] }], matrix: { size: 5 } };
    const model = { style: { organisation: 'Riverside\uFFFE', logo }, clean, systems: [{ name: 'X-ray\u0001 triage', tags: ['ok', 'bad\uFFFF'] }, { name: 'fine' }], count: 3, none: null };
    const copy = structuredClone(model);
    const safe = xmlSafeDeep(model);
    expect(safe).toEqual({ ...copy, style: { organisation: 'Riverside', logo }, systems: [{ name: 'X-ray triage', tags: ['ok', 'bad'] }, { name: 'fine' }] });
    expect(model).toEqual(copy);
    expect(safe.style.logo).toBe(logo);
    expect(safe.clean).toBe(clean);
    expect(safe.systems[1]).toBe(model.systems[1]);
    expect(safe).not.toBe(model);
    expect(xmlSafeDeep(clean)).toBe(clean);
  });

  it('is xmlSafe on every string of any JSON-like value, and the same object when nothing changes', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', '\t', '\n', '\u0001', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', '\u202E', 'é'), fc.constant('😀')), maxLength: 12 });
    const value = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 4 }), tie('node'), { maxKeys: 4 })) })).node;
    fc.assert(
      fc.property(value, (input) => {
        const before = JSON.stringify(input);
        const safe = xmlSafeDeep(input);
        expect(JSON.stringify(input)).toBe(before);
        const given = stringsOf(input);
        expect(stringsOf(safe)).toEqual(given.map(xmlSafe));
        for (const s of stringsOf(safe)) expect(forbidden.test(s), JSON.stringify(s)).toBe(false);
        if (!given.some((s) => forbidden.test(s))) expect(safe).toBe(input);
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});
