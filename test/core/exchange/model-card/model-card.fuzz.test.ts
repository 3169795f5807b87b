// Random mutations of a realistic model card: each is previewed and applied, and each either
// applies whole or is refused with a coded error, never a crash and never a partial write.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../../electron/contract/index.ts';
import { databaseDigest } from '../exchange-fixture.ts';
import { modelCardSetup, sampleCard } from './model-card-fixture.ts';

const known = new Set<string>(errorCodes.filter((c) => c !== 'INTERNAL'));
/** Fragments an attacker or a broken exporter would put into XML. */
const fragments = ['<', '>', '&', '&amp;', '&lt;', '&#0;', '&#x110000;', '&foo;', ']]>', '<![CDATA[', '<!--', '-->', '<?pi x?>', '<!DOCTYPE x>', '<!ENTITY e SYSTEM "file:///etc/passwd">', '"', "'", '</a>', '<a>', '<BasicInfo>', '</BasicInfo>', 'xmlns:p="u"', '<p:Summary>x</p:Summary>', '\u0000', '\uFEFF', '\n'];

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
});
