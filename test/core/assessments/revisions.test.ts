// Optimistic concurrency (docs/team-mode.md): answers and workflow states carry a revision; a
// write that sends a stale one is refused with CONFLICT naming who changed it and when, and
// nothing is written. Runs on both engines.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer, AssessmentDetail, LedgerVerification, Result, VigilError } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, assessorPerson, benignSystem, reviewerA } from '../../support/governance-fixture.ts';

async function newAssessment(core: TestCore): Promise<AssessmentDetail> {
  const system = await core.call('systems.create', benignSystem);
  const started = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
  return core.call('assessments.get', { id: started.id });
}

/** A visible free-text question: its values can be told apart. */
function textQuestion(detail: AssessmentDetail): string {
  const questions = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
  const found = questions.find((q) => !('options' in q) && q.kind === 'text' && detail.visibleQuestions.includes(q.id));
  if (!found) throw new Error('no visible free-text question');
  return found.id;
}

const answerOf = async (core: TestCore, id: string, questionId: string): Promise<Answer | undefined> =>
  (await core.call('assessments.get', { id })).answers.find((a) => a.questionId === questionId);

const ledger = (core: TestCore) => core.call('audit.verify', {}) as Promise<LedgerVerification>;

async function refusedWithConflict(core: TestCore, method: string, input: unknown): Promise<VigilError> {
  const result: Result<unknown> = await core.raw(method, input);
  if (result.ok) throw new Error(`${method} was not refused: ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe('CONFLICT');
  return result.error;
}

describe('optimistic concurrency on answers', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = makeTestCore();
    await addPeople(core);
  });
  afterEach(() => core.dispose());

  it('refuses a stale answer naming who changed it and when, and writes nothing (the whole call)', async () => {
    const detail = await newAssessment(core);
    const q = textQuestion(detail);
    const other = detail.visibleQuestions.find((id) => id !== q)!;
    const first = await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'first', expectedRevision: 0 }], by: assessorPerson });
    expect(first.answers.find((a) => a.questionId === q)?.revision).toBe(1);
    // The reviewer read revision 1 and changes it: revision 2, by them.
    await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'reviewer', expectedRevision: 1 }], by: reviewerA });
    const before = await answerOf(core, detail.id, q);
    expect(before).toMatchObject({ value: 'reviewer', revision: 2, answeredBy: 'Dr Ada Reviewer (reviewer)' });
    const ledgerBefore = await ledger(core);

    // The assessor still holds revision 1; their call also answers another question, which must not be saved either.
    const error = await refusedWithConflict(core, 'assessments.answer', {
      id: detail.id,
      answers: [
        { questionId: other, flagged: true },
        { questionId: q, value: 'stale', expectedRevision: 1 },
      ],
      by: assessorPerson,
    });
    expect(error.message).toMatch(new RegExp(`^Dr Ada Reviewer \\(reviewer\\) changed the answer to ${q} at \\d{2}:\\d{2} UTC on 2026-03-01 \\(revision 2; you edited revision 1\\)\\. Reload to see their answer`));
    expect(error.details).toMatchObject({ changedBy: 'Dr Ada Reviewer (reviewer)', currentRevision: 2, expectedRevision: 1 });
    expect(error.details?.changedAt).toBe(before?.answeredAt);
    expect(await answerOf(core, detail.id, q)).toEqual(before);
    expect(await answerOf(core, detail.id, other)).toBeUndefined();
    expect(await ledger(core)).toEqual(ledgerBefore);
  });

  it('refuses an "I saw no answer" write (expectedRevision 0) once someone has answered', async () => {
    const detail = await newAssessment(core);
    const q = textQuestion(detail);
    await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'mine' }], by: reviewerA });
    const error = await refusedWithConflict(core, 'assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'theirs', expectedRevision: 0 }] });
    expect(error.details).toMatchObject({ changedBy: 'Dr Ada Reviewer (reviewer)', currentRevision: 1 });
  });

  it('without expectedRevision the last writer wins, and every write (a review too) bumps the revision', async () => {
    const detail = await newAssessment(core);
    const q = textQuestion(detail);
    await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'one' }] });
    await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'two' }] });
    await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: q, flagged: true }] });
    expect(await answerOf(core, detail.id, q)).toMatchObject({ value: 'two', flagged: true, revision: 3 });
    await core.call('assessments.reviewAnswer', { assessmentId: detail.id, questionId: q, verdict: 'adequate', by: reviewerA });
    expect((await answerOf(core, detail.id, q))?.revision).toBe(4);
    // The review is now the latest change: a writer holding revision 3 is told the reviewer made it.
    const error = await refusedWithConflict(core, 'assessments.answer', { id: detail.id, answers: [{ questionId: q, value: 'late', expectedRevision: 3 }] });
    expect(error.details).toMatchObject({ changedBy: 'Dr Ada Reviewer (reviewer)', currentRevision: 4 });
  });
});

describe('optimistic concurrency on workflow states', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = makeTestCore();
    await addPeople(core);
  });
  afterEach(() => core.dispose());

  it('refuses a stale workflow event naming who moved the state, and changes nothing', async () => {
    const detail = await newAssessment(core);
    const shown = await core.call('workflow.allowed', { entityId: detail.id });
    expect(shown).toMatchObject({ state: 'draft', revision: 1 });
    // Answering moves the review from draft to inProgress: a change of the workflow state, by the answerer.
    await core.call('assessments.answer', { id: detail.id, answers: [{ questionId: textQuestion(detail), value: 'begun' }], by: assessorPerson });
    const now = await core.call('workflow.allowed', { entityId: detail.id });
    expect(now).toMatchObject({ state: 'inProgress', revision: 2 });
    const ledgerBefore = await ledger(core);

    const error = await refusedWithConflict(core, 'workflow.send', { entityId: detail.id, event: 'vendor.request', expectedRevision: shown.revision });
    expect(error.message).toMatch(new RegExp(`^Asha Assessor \\(assessor\\) changed the workflow state of ${detail.id} at \\d{2}:\\d{2} UTC on 2026-03-01 \\(revision 2; you edited revision 1\\)`));
    expect(error.details).toMatchObject({ changedBy: 'Asha Assessor (assessor)', currentRevision: 2 });
    expect(await core.call('workflow.allowed', { entityId: detail.id })).toEqual(now);
    expect(await ledger(core)).toEqual(ledgerBefore);

    // With the revision it was shown, the event goes through and the revision moves on.
    const sent = await core.call('workflow.send', { entityId: detail.id, event: 'vendor.request', expectedRevision: now.revision });
    expect(sent).toMatchObject({ state: 'awaitingVendor', revision: 3 });
    // Without one: last writer wins.
    expect(await core.call('workflow.send', { entityId: detail.id, event: 'vendor.receive' })).toMatchObject({ state: 'inProgress', revision: 4 });
  });

  it('guards a system lifecycle the same way', async () => {
    const system = await core.call('systems.create', benignSystem);
    const shown = await core.call('workflow.allowed', { entityId: system.id });
    expect(shown.revision).toBe(1);
    const error = await refusedWithConflict(core, 'workflow.send', { entityId: system.id, event: 'lifecycle.retire', comment: 'x', expectedRevision: 7, by: { name: 'Chair Carol', role: 'committeeChair' } });
    expect(error.details).toMatchObject({ changedBy: 'os:test.assessor', currentRevision: 1, expectedRevision: 7 });
    expect((await core.call('workflow.allowed', { entityId: system.id })).state).toBe('procurement');
  });
});

/**
 * Writers each hold the revision they last read; rounds of them write at once (truly at once on
 * PostgreSQL, queued on SQLite). Whatever the interleaving, the acknowledged writes must form one
 * linear history: revisions base+1, base+2, … each built on the one before, the stored answer the
 * last of them, and a write refused exactly when its revision was stale.
 */
describe('any interleaving of writers gives one linear history', () => {
  let core: TestCore;
  let detail: AssessmentDetail;
  let q: string;
  beforeAll(async () => {
    core = makeTestCore();
    detail = await newAssessment(core);
    q = textQuestion(detail);
  });
  afterAll(() => core.dispose());

  it('holds for generated rounds of writes and reloads', async () => {
    const step = fc.record({ writer: fc.integer({ min: 0, max: 3 }), reload: fc.boolean() });
    let run = 0;
    const seen = { acknowledged: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
        run++;
        const base = (await answerOf(core, detail.id, q))?.revision ?? 0;
        const held = [base, base, base, base];
        const acknowledged: { value: string; expected: number; revision: number }[] = [];
        let refusals = 0;
        let writes = 0;
        for (const [r, round] of rounds.entries()) {
          // A writer appears at most once per round (one person, one request at a time).
          const writers = [...new Map(round.map((s) => [s.writer, s])).values()];
          await Promise.all(
            writers.map(async ({ writer, reload }, i) => {
              if (reload) {
                held[writer] = (await answerOf(core, detail.id, q))?.revision ?? 0;
                return;
              }
              writes++;
              const value = `run ${run} round ${r} writer ${writer} #${i}`;
              const expected = held[writer]!;
              const result = await core.raw('assessments.answer', { id: detail.id, answers: [{ questionId: q, value, expectedRevision: expected }] });
              if (result.ok) {
                const revision = (result.value as { answers: Answer[] }).answers.find((a) => a.questionId === q)!.revision;
                acknowledged.push({ value, expected, revision });
                held[writer] = revision;
              } else {
                expect(result.error.code).toBe('CONFLICT');
                expect(result.error.details?.currentRevision).not.toBe(expected);
                refusals++;
              }
            }),
          );
        }
        seen.acknowledged += acknowledged.length;
        seen.refused += refusals;
        acknowledged.sort((a, b) => a.revision - b.revision);
        expect(acknowledged.map((a) => a.revision)).toEqual(acknowledged.map((_, i) => base + i + 1));
        for (const a of acknowledged) expect(a.expected).toBe(a.revision - 1);
        expect(acknowledged.length + refusals).toBe(writes);
        const stored = await answerOf(core, detail.id, q);
        if (acknowledged.length > 0) expect(stored).toMatchObject({ value: acknowledged.at(-1)!.value, revision: base + acknowledged.length });
        else expect(stored?.revision ?? 0).toBe(base);
      }),
      { numRuns: 25 },
    );
    // The generated interleavings did exercise both outcomes.
    expect(seen.acknowledged).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
