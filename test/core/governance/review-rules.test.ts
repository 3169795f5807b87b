// Review rules through the dispatcher: submission freezes the answers, stores the final profile and
// opens the risks; approval takes the configured number of sign-offs from reviewers; conditions need
// an owner and a date; a returned assessment reopens with the earlier round kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, ThreatProfile, WorkflowEventName } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import {
  addPeople,
  answerAll,
  answerFor,
  answerWithOneRiskAbove,
  auditCount,
  auditRows,
  benignSystem,
  lowStakesSystem,
  chair,
  driveAssessment,
  owner,
  query,
  reviewerA,
  reviewerB,
} from '../../support/governance-fixture.ts';

let core: TestCore;
let systemId: string;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
  // Low stakes: safe answers leave every threat Low, so a safe assessment opens no risk.
  systemId = (await core.call('systems.create', lowStakesSystem)).id;
});
afterEach(() => core.dispose());

const start = async () => (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
const send = (entityId: string, event: WorkflowEventName, extra: Omit<MethodInput<'workflow.send'>, 'entityId' | 'event'> = {}) =>
  core.call('workflow.send', { entityId, event, ...extra });
const storedProfile = async (id: string) => {
  const [row] = await query<{ profile: string; scored_at: string }>(core, 'SELECT profile, scored_at FROM threat_profiles WHERE assessment_id = ?', id);
  return { profile: JSON.parse(row!.profile) as ThreatProfile, scoredAt: row!.scored_at };
};
const bandRank = (band: string) => ['low', 'medium', 'high', 'critical'].indexOf(band);

describe('submission', () => {
  it('freezes the answers and evidence, and stores the final profile scored at submission', async () => {
    const id = await start();
    const answered = await answerAll(core, id);
    const question = answered.questionnaireSnapshots[0]!.sections[0]!.questions[0]!;
    await send(id, 'review.submit');
    const submitRow = (await auditRows(core)).find((r) => r.action === 'review.submit' && r.entity === id)!;

    const before = await auditCount(core);
    const edit = await core.raw('assessments.answer', { id, answers: [answerFor(question, 'riskiest')] });
    expect(edit.ok ? 'ok' : edit.error.code).toBe('CONFLICT');
    expect(edit.ok ? '' : edit.error.message).toContain('submitted');
    const file = await core.raw('evidence.add', { assessmentId: id, questionId: question.id, fileName: 'late.pdf', mediaType: 'application/pdf', dataBase64: 'JVBERi0=' });
    expect(file.ok ? 'ok' : file.error.code).toBe('CONFLICT');
    expect(await auditCount(core)).toBe(before);

    const detail = await core.call('assessments.get', { id });
    expect(detail.editable).toBe(false);
    expect(detail.answers).toEqual(answered.answers);
    expect(detail.review.submittedAt).toBe(submitRow.at);
    const stored = await storedProfile(id);
    expect(stored.scoredAt).toBe(submitRow.at);
    expect(stored.profile.overall).toEqual(detail.profile.overall);
    expect({ ...stored.profile, scoredAt: '' }).toEqual({ ...detail.profile, scoredAt: '' });
    expect(JSON.parse(submitRow.payload)).toMatchObject({ from: 'inProgress', to: 'submitted', overall: stored.profile.overall });
  });

  it('opens one risk per threat whose residual band is above the lowest band, and none for the others', async () => {
    // Typical impacts (no worst credible harm recorded): safe answers still leave a Medium risk beside the High one.
    systemId = (await core.call('systems.create', { ...benignSystem, name: 'Typical stakes' })).id;
    const id = await start();
    await answerWithOneRiskAbove(core, id, 'high');
    await send(id, 'review.submit');
    const { profile } = await storedProfile(id);
    const risks = await core.call('risks.list', { systemId });
    const aboveLowest = profile.threats.filter((t) => t.residual.band !== 'low');
    expect(aboveLowest.length).toBeGreaterThan(1);
    expect(risks.map((r) => r.threatId).sort()).toEqual(aboveLowest.map((t) => t.id).sort());
    for (const r of risks) {
      const threat = profile.threats.find((t) => t.id === r.threatId)!;
      expect(r).toMatchObject({ assessmentId: id, status: 'identified', band: threat.residual.band, residual: threat.residual, inherent: threat.inherent, threatName: threat.name });
      expect(r.aboveAppetite).toBe(bandRank(r.band) > bandRank('medium'));
      expect(r.allowedEvents).toEqual(['risk.plan', 'risk.requestAcceptance']);
    }
    expect(risks.filter((r) => r.aboveAppetite)).toHaveLength(1);
  });

  it('a safe assessment opens no risk at all', async () => {
    const id = await start();
    await answerAll(core, id);
    await send(id, 'review.submit');
    expect(await core.call('risks.list', { systemId })).toEqual([]);
  });

  it('re-submission after reopening re-scores the risks already open instead of adding new ones', async () => {
    const id = await start();
    const threat = await answerWithOneRiskAbove(core, id, 'high');
    await send(id, 'review.submit');
    const first = await core.call('risks.list', { systemId });
    await send(id, 'review.start', { by: reviewerA });
    await send(id, 'review.return', { by: reviewerA, comment: 'Governance answers look wrong.' });
    await send(id, 'review.reopen');
    // The assessor corrects every answer to the safe one: the threat falls to the lowest band.
    const detail = await core.call('assessments.get', { id });
    const questions = new Map(detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
    await core.call('assessments.answer', { id, answers: detail.visibleQuestions.map((q) => answerFor(questions.get(q)!, 'safest')) });
    await answerAll(core, id);
    expect((await core.call('assessments.score', { id })).threats.find((t) => t.id === threat)!.residual.band).toBe('low');
    await send(id, 'review.submit');

    const second = await core.call('risks.list', { systemId });
    expect(second.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    const risk = second.find((r) => r.threatId === threat)!;
    // The open risk follows the new score: it no longer sits above appetite nor blocks the gate.
    expect(risk.band).toBe('low');
    expect(risk.aboveAppetite).toBe(false);
  });
});

describe('sign-offs', () => {
  it('the default needs two approvals from reviewers; each sign-off keeps name, role, decision, comment and time', async () => {
    const id = await start();
    await driveAssessment(core, id, { until: 'inReview' });
    const one = await send(id, 'review.approve', { by: reviewerA, comment: 'Evidence complete.' });
    expect(one.state).toBe('inReview');
    const two = await send(id, 'review.approve', { by: chair, comment: 'Approved for the committee.' });
    expect(two.state).toBe('approved');
    const detail = await core.call('assessments.get', { id });
    const rows = (await auditRows(core)).filter((r) => r.action === 'review.approve');
    expect(detail.review.requiredSignOffs).toBe(2);
    expect(detail.review.signOffs).toEqual([
      { name: reviewerA.name, role: 'reviewer', decision: 'approve', comment: 'Evidence complete.', conditions: [], at: rows[0]!.at },
      { name: chair.name, role: 'committeeChair', decision: 'approve', comment: 'Approved for the committee.', conditions: [], at: rows[1]!.at },
    ]);
    expect(rows.map((r) => r.actor)).toEqual([`${reviewerA.name} (reviewer)`, `${chair.name} (committeeChair)`]);
    expect(detail.review.decidedAt).toBe(rows[1]!.at);
    expect(detail.status).toBe('approved');
  });

  it('settings.signOffsRequired = 1 approves on the first sign-off', async () => {
    await core.call('settings.update', { signOffsRequired: 1 });
    const id = await start();
    await driveAssessment(core, id, { until: 'inReview' });
    expect((await send(id, 'review.approve', { by: reviewerB })).state).toBe('approved');
    expect((await core.call('assessments.get', { id })).review.requiredSignOffs).toBe(1);
  });

  it('settings.signOffsRequired = 3 needs a third reviewer', async () => {
    await core.call('settings.update', { signOffsRequired: 3 });
    const id = await start();
    await driveAssessment(core, id, { until: 'inReview' });
    expect((await send(id, 'review.approve', { by: reviewerA })).state).toBe('inReview');
    expect((await send(id, 'review.approve', { by: reviewerB })).state).toBe('inReview');
    expect((await send(id, 'review.approve', { by: chair })).state).toBe('approved');
  });

  it('a return or a rejection needs a comment', async () => {
    const id = await start();
    await driveAssessment(core, id, { until: 'inReview' });
    const before = await auditCount(core);
    for (const event of ['review.return', 'review.reject'] as const) {
      const r = await core.raw('workflow.send', { entityId: id, event, by: reviewerA });
      expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await auditCount(core)).toBe(before);
    expect((await send(id, 'review.reject', { by: reviewerA, comment: 'Vendor cannot support us.' })).state).toBe('rejected');
  });
});

describe('approval with conditions', () => {
  it('needs at least one condition, each with an owner and a due date', async () => {
    const id = await start();
    await driveAssessment(core, id, { until: 'inReview' });
    const before = await auditCount(core);
    const attempts = [
      [],
      [{ text: 'Re-validate', owner: '', due: '2026-06-01' }],
      [{ text: 'Re-validate', owner: owner.name, due: '' }],
      [{ text: 'Re-validate', owner: owner.name, due: 'next month' }],
      [{ text: 'Re-validate', due: '2026-06-01' }],
    ];
    for (const conditions of attempts) {
      const r = await core.raw('workflow.send', { entityId: id, event: 'review.approveWithConditions', by: reviewerA, conditions });
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(conditions)).toBe('VALIDATION_FAILED');
    }
    expect(await auditCount(core)).toBe(before);
    expect((await core.call('assessments.get', { id })).review.signOffs).toEqual([]);

    const conditions = [{ text: 'Re-validate on local data', owner: owner.name, due: '2026-06-01' }];
    expect((await send(id, 'review.approveWithConditions', { by: reviewerA, comment: 'With a condition.', conditions })).state).toBe('inReview');
    expect((await send(id, 'review.approve', { by: reviewerB })).state).toBe('approvedWithConditions');
    const detail = await core.call('assessments.get', { id });
    expect(detail.review.signOffs[0]).toMatchObject({ name: reviewerA.name, decision: 'approveWithConditions', comment: 'With a condition.', conditions });
    expect(detail.review.signOffs[1]!.conditions).toEqual([]);
    // Approved with conditions opens the gate like an approval.
    expect((await core.call('systems.get', { id: systemId })).lifecycleStage).toBe('validation');
  });
});

describe('return and reopen', () => {
  it('a returned assessment is frozen until reopened; reopening keeps the reviewers’ comments in previousRounds', async () => {
    const id = await start();
    const answered = await answerAll(core, id);
    await send(id, 'review.submit');
    await send(id, 'review.start', { by: reviewerA });
    await send(id, 'review.approve', { by: reviewerA, comment: 'Fine by me.' });
    await send(id, 'review.return', { by: reviewerB, comment: 'Attach the data-processing agreement.' });
    const question = answered.questionnaireSnapshots[0]!.sections[0]!.questions[0]!;

    const frozen = await core.raw('assessments.answer', { id, answers: [answerFor(question, 'safest')] });
    expect(frozen.ok ? 'ok' : frozen.error.code).toBe('CONFLICT');
    expect(frozen.ok ? '' : frozen.error.message).toContain('review.reopen');

    const reopened = await send(id, 'review.reopen');
    expect(reopened).toMatchObject({ state: 'inProgress' });
    const detail = await core.call('assessments.get', { id });
    expect(detail.editable).toBe(true);
    expect(detail.review.signOffs).toEqual([]);
    expect(detail.review.previousRounds).toHaveLength(1);
    expect(detail.review.previousRounds[0]!.map((s) => [s.name, s.decision, s.comment])).toEqual([
      [reviewerA.name, 'approve', 'Fine by me.'],
      [reviewerB.name, 'return', 'Attach the data-processing agreement.'],
    ]);
    expect((await core.raw('assessments.answer', { id, answers: [answerFor(question, 'safest')] })).ok).toBe(true);

    // The next round starts afresh: the same reviewers may sign again and approve it.
    await send(id, 'review.submit');
    await send(id, 'review.start', { by: reviewerB });
    await send(id, 'review.approve', { by: reviewerA });
    expect((await send(id, 'review.approve', { by: reviewerB })).state).toBe('approved');
    const final = await core.call('assessments.get', { id });
    expect(final.review.previousRounds).toHaveLength(1);
    expect(final.review.signOffs.map((s) => s.name)).toEqual([reviewerA.name, reviewerB.name]);
  });
});
