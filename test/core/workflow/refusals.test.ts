// A refused workflow event answers TRANSITION_REFUSED naming the current state and the events
// allowed now, and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result, VigilError } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import {
  addPeople,
  answerAll,
  answerWithOneRiskAbove,
  auditCount,
  benignSystem,
  driveAssessment,
  owner,
  reviewerA,
  reviewerB,
} from '../../support/governance-fixture.ts';

let core: TestCore;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => core.dispose());

/** Sends the call, expects it refused with `code`, and checks the audit trail did not grow. */
async function refused(method: string, input: unknown, code = 'TRANSITION_REFUSED'): Promise<VigilError> {
  const before = await auditCount(core);
  const result: Result<unknown> = await core.raw(method, input);
  if (result.ok) throw new Error(`${method} was not refused: ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe(code);
  expect(await auditCount(core)).toBe(before);
  return result.error;
}

async function newAssessment(stage: 'procurement' | 'validation' = 'procurement', name = benignSystem.name) {
  const system = await core.call('systems.create', { ...benignSystem, name });
  const assessment = await core.call('assessments.start', { systemId: system.id, stage });
  return { systemId: system.id, id: assessment.id };
}

describe('refused workflow events', () => {
  it('submitting with required questions unanswered lists them, names the state and what is allowed', async () => {
    const { id } = await newAssessment();
    const detail = await core.call('assessments.get', { id });
    const questions = detail.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions));
    const firstRequired = questions.find((q) => q.required && !q.showIf)!;
    const answered = await core.call('assessments.answer', { id, answers: [{ questionId: firstRequired.id, unknown: true }] });
    expect(answered.status).toBe('inProgress');
    const missing = answered.progress.missingRequired;
    expect(missing.length).toBeGreaterThan(0);
    expect(missing).not.toContain(firstRequired.id);

    const error = await refused('workflow.send', { entityId: id, event: 'review.submit' });
    expect(error.details?.missingRequired).toEqual(missing);
    for (const q of missing) expect(error.message).toContain(q);
    expect(error.message).toContain(`${id} is inProgress`);
    // Submission itself is what is refused, so it is not listed as allowed.
    expect(error.message).toContain('Allowed now: vendor.request.');
    expect((await core.call('assessments.get', { id })).status).toBe('inProgress');
  });

  it('submitting a draft names draft and the events allowed', async () => {
    const { id } = await newAssessment();
    const error = await refused('workflow.send', { entityId: id, event: 'review.submit' });
    expect(error.message).toBe(`${id} is draft; review.submit is not allowed now. Allowed now: vendor.request.`);
    expect(error.details).toMatchObject({ state: 'draft', event: 'review.submit', allowed: ['vendor.request'] });
  });

  it('a sign-off by someone acting as a non-reviewer role is refused and names the role', async () => {
    const { id } = await newAssessment();
    await driveAssessment(core, id, { until: 'inReview' });
    // The dispatcher refuses it from the event's declared roles, before the workflow runs.
    const error = await refused('workflow.send', { entityId: id, event: 'review.approve', by: owner }, 'FORBIDDEN');
    expect(error.message).toBe('Owner Olu is acting as riskOwner; review.approve needs a reviewer or the committee chair.');
    expect((await core.call('assessments.get', { id })).review.signOffs).toEqual([]);
  });

  it('acting in a role the person does not hold, or as someone unknown, is FORBIDDEN', async () => {
    const { id } = await newAssessment();
    await driveAssessment(core, id, { until: 'inReview' });
    const notTheirs = await refused('workflow.send', { entityId: id, event: 'review.approve', by: { name: owner.name, role: 'reviewer' } }, 'FORBIDDEN');
    expect(notTheirs.message).toContain('does not hold the reviewer role');
    const stranger = await refused('workflow.send', { entityId: id, event: 'review.approve', by: { name: 'Mallory', role: 'reviewer' } }, 'FORBIDDEN');
    expect(stranger.message).toContain('Mallory is not in');
  });

  it('a second sign-off by the same person in the round is refused', async () => {
    const { id } = await newAssessment();
    await driveAssessment(core, id, { until: 'inReview' });
    await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA, comment: 'ok' });
    const error = await refused('workflow.send', { entityId: id, event: 'review.approve', by: { name: 'dr ada reviewer', role: 'reviewer' } }, 'FORBIDDEN');
    expect(error.message).toBe(
      'Separation of duties: a reviewer signs off once in a review round; Dr Ada Reviewer has already signed off this round. (Settings → separation of duties.)',
    );
    expect((await core.call('assessments.get', { id })).review.signOffs).toHaveLength(1);
  });

  it('lifecycle.advance with the stage assessment not approved names the assessment and the state', async () => {
    const { systemId, id } = await newAssessment();
    await answerAll(core, id);
    const error = await refused('workflow.send', { entityId: systemId, event: 'lifecycle.advance' });
    expect(error.message).toBe(
      `${systemId} is procurement; lifecycle.advance is not allowed — the procurement assessment (${id}) is not approved. Allowed now: lifecycle.retire.`,
    );
    expect((await core.call('systems.get', { id: systemId })).lifecycleStage).toBe('procurement');
  });

  it('lifecycle.advance with a risk above appetite untreated names the risk', async () => {
    const { systemId, id } = await newAssessment();
    await answerWithOneRiskAbove(core, id, 'high');
    await core.call('workflow.send', { entityId: id, event: 'review.submit' });
    await core.call('workflow.send', { entityId: id, event: 'review.start', by: reviewerA });
    await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
    await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerB });
    expect((await core.call('assessments.get', { id })).status).toBe('approved');
    const [blocking] = (await core.call('risks.list', { systemId })).filter((r) => r.aboveAppetite);
    const error = await refused('workflow.send', { entityId: systemId, event: 'lifecycle.advance' });
    expect(error.message).toContain(`${systemId} is procurement`);
    expect(error.message).toContain(blocking!.id);
    expect(error.message).toContain('Allowed now: lifecycle.retire.');
  });

  it('risk.close from identified names the state and the events allowed', async () => {
    const { systemId, id } = await newAssessment();
    await answerWithOneRiskAbove(core, id, 'high');
    await core.call('workflow.send', { entityId: id, event: 'review.submit' });
    const [risk] = (await core.call('risks.list', { systemId })).filter((r) => r.aboveAppetite);
    const error = await refused('workflow.send', { entityId: risk!.id, event: 'risk.close' });
    expect(error.message).toBe(`${risk!.id} is identified; risk.close is not allowed now. Allowed now: risk.plan, risk.requestAcceptance.`);
    expect(error.details).toMatchObject({ state: 'identified', event: 'risk.close', allowed: ['risk.plan', 'risk.requestAcceptance'] });
    expect((await core.call('risks.get', { id: risk!.id })).status).toBe('identified');
  });

  it('an event of another machine is refused naming the state', async () => {
    const { systemId, id } = await newAssessment();
    const onAssessment = await refused('workflow.send', { entityId: id, event: 'lifecycle.advance' });
    expect(onAssessment.message).toContain(`${id} is draft`);
    const onSystem = await refused('workflow.send', { entityId: systemId, event: 'review.submit' });
    expect(onSystem.message).toContain(`${systemId} is procurement`);
    expect(onSystem.message).toContain('Allowed now: lifecycle.retire');
  });
});
