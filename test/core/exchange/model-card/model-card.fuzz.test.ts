// Random mutations of a realistic model card: each is previewed and applied, and each either
// applies whole or is refused with a coded error, never a crash and never a partial write. Then
// the classes of issue 18, item 7, each with its own budget of cases (iterations, not seconds):
// every case of a hostile class is refused with its code and writes nothing; the control class
// (references XML and Vigil allow) is read. The counts are printed and asserted.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../../electron/contract/index.ts';
import { databaseDigest } from '../exchange-fixture.ts';
import { modelCardSetup, sampleCard } from './model-card-fixture.ts';

const known = new Set<string>(errorCodes.filter((c) => c !== 'INTERNAL'));
/** Fragments an attacker or a broken exporter would put into XML. */
const fragments = ['<', '>', '&', '&amp;', '&lt;', '&#0;', '&#x110000;', '&foo;', ']]>', '<![CDATA[', '<!--', '-->', '<?pi x?>', '<!DOCTYPE x>', '<!ENTITY e SYSTEM "file:///etc/passwd">', '"', "'", '</a>', '<a>', '<BasicInfo>', '</BasicInfo>', 'xmlns:p="u"', '<p:Summary>x</p:Summary>', '\u0000', '\uFEFF', '\n', '&#xFFFE;', '&#133;', '&#xFDD0;', '<!-- a -- b -->', '--->', ' encoding="UTF-16"', ' version="1.1"'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, changes: Mutation[]): string {
  let out = text;
  for (const m of changes) {
    const at = m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.what + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at);
  }
  return out;
}

describe('model card fuzz', () => {
  let setup: Awaited<ReturnType<typeof modelCardSetup>>;
  beforeAll(async () => {
    setup = await modelCardSetup();
  });
  afterAll(() => setup.core.dispose());

  it('never throws anything but a coded refusal, and never writes partially', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (changes) => {
        const text = mutate(sampleCard, changes);
        const input = { assessmentId: setup.assessmentId, text, overwrite: true };
        const before = await databaseDigest(setup.core);
        const preview = await setup.core.raw('modelCard.preview', input);
        expect(await databaseDigest(setup.core)).toBe(before);
        const applied = await setup.core.raw('modelCard.apply', input);
        if (applied.ok) {
          // Applied whole: every answer the preview said it would write is now the card's.
          expect(preview.ok).toBe(true);
          const detail = await setup.core.call('assessments.get', { id: setup.assessmentId });
          if (preview.ok) {
            for (const item of (preview.value as { items: { questionId: string; write: boolean; after: unknown }[] }).items.filter((i) => i.write)) {
              expect(detail.answers.find((a) => a.questionId === item.questionId)?.value).toEqual(item.after);
            }
          }
          outcomes.set('applied', (outcomes.get('applied') ?? 0) + 1);
        } else {
          expect(known.has(applied.error.code), `${applied.error.code}: ${applied.error.message}`).toBe(true);
          expect(await databaseDigest(setup.core)).toBe(before);
          if (!preview.ok) expect(preview.error.code).toBe(applied.error.code);
          outcomes.set(applied.error.code, (outcomes.get(applied.error.code) ?? 0) + 1);
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
    // The mutations reach both sides: some cards still apply, some are refused.
    expect(outcomes.get('applied') ?? 0).toBeGreaterThan(0);
    expect([...outcomes.keys()].filter((k) => k !== 'applied').length).toBeGreaterThan(1);
  });

  it('refuses every hostile XML case of issue 18 item 7, writing nothing; reads every allowed reference', async () => {
    const counts: Record<string, { tried: number; refused: number; read: number; nothingWritten: number }> = {};
    const budget = 100;
    const reference = (code: number, hex: boolean, zeros: number) => (hex ? `&#x${'0'.repeat(zeros)}${code.toString(16)};` : `&#${'0'.repeat(zeros)}${code};`);
    const refChoice = (codes: fc.Arbitrary<number>) => fc.record({ code: codes, hex: fc.boolean(), zeros: fc.integer({ min: 0, max: 1 }), inAttribute: fc.boolean() });
    // Each class: its cases, the card each makes, and the code every case must be refused with (null: must be read).
    const classes: { name: string; cases: fc.Arbitrary<string>; code: string | null }[] = [
      {
        name: 'reference to a character XML or the plain-text rule forbids',
        cases: refChoice(
          fc.oneof(
            fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
            fc.integer({ min: 0x7f, max: 0x9f }),
            fc.integer({ min: 0xd800, max: 0xdfff }),
            fc.integer({ min: 0xfdd0, max: 0xfdef }),
            fc.constantFrom(0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069),
            fc.tuple(fc.integer({ min: 0, max: 16 }), fc.boolean()).map(([plane, last]) => plane * 0x10000 + 0xfffe + (last ? 1 : 0)),
            fc.integer({ min: 0x110000, max: 0xffffff }),
          ),
        ).map(({ code, hex, zeros, inAttribute }) => {
          const ref = reference(code, hex, zeros);
          return inAttribute ? sampleCard.replace('<AppliedModelCard xmlns', `<AppliedModelCard note="x${ref}" xmlns`) : sampleCard.replace('Adults aged 18 and over.', `Adults ${ref} aged 18 and over.`);
        }),
        code: 'PACKAGE_MALFORMED',
      },
      {
        name: '"--" in a comment, or a comment ending "--->"',
        cases: fc
          .record({
            before: fc.string({ unit: fc.constantFrom(...'ab -x\t\n'), maxLength: 12 }),
            after: fc.string({ unit: fc.constantFrom(...'ab x\t\n'), maxLength: 12 }),
            ending: fc.boolean(),
            where: fc.constantFrom('prolog', 'element', 'end'),
          })
          // No "-" next to the inserted "--" would make "-->" early; "before" may end in "-" ("---").
          .map(({ before, after, ending, where }) => {
            const comment = ending ? `<!--${before}${after}--->` : `<!--${before}--${after}-->`;
            if (where === 'prolog') return sampleCard.replace('<AppliedModelCard', `${comment}\n<AppliedModelCard`);
            if (where === 'element') return sampleCard.replace('Adults aged 18 and over.', `Adults ${comment}aged 18 and over.`);
            return `${sampleCard.trimEnd()}\n${comment}\n`;
          }),
        code: 'PACKAGE_MALFORMED',
      },
      {
        name: 'an encoding other than UTF-8',
        cases: fc
          .tuple(
            fc.oneof(
              fc.constantFrom('UTF-16', 'utf-16le', 'UTF-16BE', 'UTF-32', 'ISO-8859-1', 'latin1', 'windows-1252', 'US-ASCII', 'UTF8', 'utf_8', 'UTF-7', 'Shift_JIS', 'GB18030', 'EBCDIC-US', ' UTF-8', 'UTF-8 ', ''),
              fc.string({ unit: fc.constantFrom(...'AUTFabc819-_.'), minLength: 1, maxLength: 10 }).filter((e) => !/^utf-8$/i.test(e)),
            ),
            fc.constantFrom('"', "'"),
          )
          .map(([encoding, q]) => sampleCard.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version=${q}1.0${q} encoding=${q}${encoding}${q}?>`)),
        code: 'XML_UNSAFE',
      },
      {
        name: 'a malformed XML declaration',
        cases: fc
          .oneof(
            fc.constantFrom('1.1', '2.0', '1', '1.00', ' 1.0', '1.0 ', '').map((v) => `<?xml version="${v}" encoding="UTF-8"?>`),
            fc.string({ unit: fc.constantFrom(...'abcdefghxyz'), minLength: 1, maxLength: 8 }).filter((n) => !['version', 'encoding', 'standalone'].includes(n)).map((n) => `<?xml version="1.0" ${n}="x"?>`),
            fc.constantFrom('<?xml encoding="UTF-8" version="1.0"?>', '<?xml standalone="yes" version="1.0"?>', '<?xml version="1.0" standalone="yes" encoding="UTF-8"?>', '<?xml version="1.0" version="1.0"?>', '<?xml?>', '<?xml ?>', '<?xml version="1.0"encoding="UTF-8"?>', '<?xml version="1.0" standalone="true"?>', '<?xml version=1.0?>'),
          )
          .map((declaration) => sampleCard.replace('<?xml version="1.0" encoding="UTF-8"?>', declaration)),
        code: 'PACKAGE_MALFORMED',
      },
      {
        name: 'control: reference to an allowed character',
        cases: refChoice(
          fc.oneof(
            fc.constantFrom(0x09, 0x0a, 0x0d),
            fc.integer({ min: 0x20, max: 0x7e }),
            fc.integer({ min: 0xa0, max: 0xd7ff }).filter((c) => !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069)),
            fc.integer({ min: 0xe000, max: 0xfdcf }),
            fc.integer({ min: 0xfdf0, max: 0xfffd }),
            fc.integer({ min: 0x10000, max: 0x10fffd }).filter((c) => (c & 0xfffe) !== 0xfffe),
          ),
        ).map(({ code, hex, zeros, inAttribute }) => {
          const ref = reference(code, hex, zeros);
          return inAttribute ? sampleCard.replace('<AppliedModelCard xmlns', `<AppliedModelCard note="x${ref}" xmlns`) : sampleCard.replace('Adults aged 18 and over.', `Adults ${ref} aged 18 and over.`);
        }),
        code: null,
      },
    ];
    for (const { name, cases, code } of classes) {
      const count = (counts[name] = { tried: 0, refused: 0, read: 0, nothingWritten: 0 });
      await fc.assert(
        fc.asyncProperty(cases, async (text) => {
          count.tried++;
          const input = { assessmentId: setup.assessmentId, text, overwrite: true };
          const before = await databaseDigest(setup.core);
          const preview = await setup.core.raw('modelCard.preview', input);
          if (code === null) {
            expect(preview.ok ? 'ok' : `${preview.error.code}: ${preview.error.message}`, text.slice(0, 200)).toBe('ok');
            count.read++;
            if (await databaseDigest(setup.core) === before) count.nothingWritten++;
            return;
          }
          const applied = await setup.core.raw('modelCard.apply', input);
          for (const result of [preview, applied]) {
            expect(result.ok ? 'ok' : result.error.code, text.slice(0, 200)).toBe(code);
            if (!result.ok) expect(result.error.details, result.error.message).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
          }
          count.refused++;
          if (await databaseDigest(setup.core) === before) count.nothingWritten++;
        }),
        { numRuns: budget, seed: 20261207 },
      );
    }
    console.log(`Model card XML strictness fuzz (issue 18, item 7), ${budget} cases a class:\n${Object.entries(counts).map(([name, c]) => `  ${name}: tried ${c.tried}, refused ${c.refused}, read ${c.read}, nothing written ${c.nothingWritten}`).join('\n')}`);
    for (const { name, code } of classes) {
      const c = counts[name];
      expect(c, name).toEqual({ tried: budget, refused: code === null ? 0 : budget, read: code === null ? budget : 0, nothingWritten: budget });
    }
  });
});
