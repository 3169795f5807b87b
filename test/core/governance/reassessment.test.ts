// Re-assessment: the due date from the approved band, changes and incidents that make an in-use
// system due, drafts carried over from the last assessment with answers to re-confirm, and the
// system's history of model versions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerChange, AssessmentDetail } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import {
  addPeople,
  answerAll,
  answerFor,
  answerWithOneRiskAbove,
  benignSystem,
  lowStakesSystem,
  chair,
  coreOn,
  driveAssessment,
  prefixedIds,
  reviewerA,
  reviewerB,
  systemInUse,
  type Caller,
  type CoreHandle,
} from '../../support/governance-fixture.ts';

let core: TestCore;
let other: CoreHandle | undefined;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => {
  other?.close();
  other = undefined;
  core.dispose();
});

const useAssessments = async (c: Caller, systemId: string) => (await c.call('assessments.list', { systemId })).filter((a) => a.stage === 'use');

describe('re-assessment due date', () => {
  it('is the approval date plus the reassessMonths of the approved profile’s band', async () => {
    const { systemId } = await systemInUse(core, lowStakesSystem);
    // All three stages low: 24 months from the last approval (the fixed clock is still on 2026-03-01).
    expect((await core.call('systems.get', { id: systemId })).reassessmentDue).toBe('2028-03-01');

    const risky = (await core.call('systems.create', { ...benignSystem, name: 'Band high' })).id;
    const id = (await core.call('assessments.start', { systemId: risky, stage: 'procurement' })).id;
    await answerWithOneRiskAbove(core, id, 'high');
    await driveAssessment(core, id);
    const detail = await core.call('assessments.get', { id });
    expect(detail.overall.band).toBe('high');
    expect((await core.call('systems.get', { id: risky })).reassessmentDue).toBe('2026-09-01');
  });

  it('adding months to the end of a month stays within the target month', async () => {
    // A core whose clock starts on 29 February: 24 months later there is no 29 February.
    other = coreOn(core, '2028-02-29T09:00:00.000Z', prefixedIds('L'));
    const systemId = (await other.call('systems.create', { ...lowStakesSystem, name: 'Leap day' })).id;
    const id = (await other.call('assessments.start', { systemId, stage: 'procurement' })).id;
    await driveAssessment(other, id);
    expect((await other.call('assessments.get', { id })).overall.band).toBe('low');
    expect((await other.call('systems.get', { id: systemId })).reassessmentDue).toBe('2030-02-28');
  });

  it('once passed, the sweep makes the system due and opens a draft use assessment', async () => {
    const { systemId } = await systemInUse(core);
    core.close();
    other = coreOn(core, '2028-03-02T09:00:00.000Z', prefixedIds('D'));
    expect((await other.call('systems.get', { id: systemId })).lifecycleStage).toBe('reassessmentDue');
    const drafts = await useAssessments(other, systemId);
    expect(drafts.map((a) => a.status)).toEqual(['draft']);
  });
});

describe('changes and incidents', () => {
  it('a change makes an in-use system due; an incident after the re-assessment carries its answers to re-confirm', async () => {
    const { systemId, assessments } = await systemInUse(core);
    const change = await core.call('systems.recordChange', { systemId, kind: 'modelVersion', description: 'Retrained on 2025 data', modelVersion: '2.0', changeNotice: 'CN-17' });
    expect(change.lifecycleStage).toBe('reassessmentDue');
    expect(change.event).toMatchObject({ kind: 'modelVersion', modelVersion: '2.0', changeNotice: 'CN-17', assessmentId: change.assessmentId });
    const firstUse = await core.call('assessments.get', { id: change.assessmentId! });
    expect(firstUse).toMatchObject({ stage: 'use', status: 'draft' });
    expect(firstUse.review.carriedFrom).toBe(assessments[2]);

    // A second change while due reuses the open draft.
    const again = await core.call('systems.recordChange', { systemId, kind: 'dataSource', description: 'New lab feed' });
    expect(again.assessmentId).toBe(change.assessmentId);
    expect(await useAssessments(core, systemId)).toHaveLength(1);

    await driveAssessment(core, firstUse.id);
    expect((await core.call('systems.get', { id: systemId })).lifecycleStage).toBe('inUse');

    const incident = await core.call('incidents.report', { systemId, kind: 'driftAlert', description: 'Sensitivity fell to 0.81', occurredAt: '2026-02-27' });
    expect(incident.lifecycleStage).toBe('reassessmentDue');
    expect(incident.event).toMatchObject({ kind: 'driftAlert', occurredAt: '2026-02-27' });
    const carried: AssessmentDetail = await core.call('assessments.get', { id: incident.assessmentId! });
    expect(carried.id).not.toBe(firstUse.id);
    expect(carried.review.carriedFrom).toBe(firstUse.id);
    const previous = await core.call('assessments.get', { id: firstUse.id });
    expect(carried.answers.map((a) => [a.questionId, a.value])).toEqual(previous.answers.map((a) => [a.questionId, a.value]));
    expect(carried.answers.length).toBeGreaterThan(0);
    expect(carried.answers.every((a) => a.toReconfirm)).toBe(true);
    expect(carried.status).toBe('draft');
    expect(carried.progress.missingRequired).toEqual([]);

    const questions = new Map(carried.questionnaireSnapshots.flatMap((q) => q.sections.flatMap((s) => s.questions)).map((q) => [q.id, q]));
    const [first, second] = carried.answers;
    const reconfirm: AnswerChange = answerFor(questions.get(first!.questionId)!, 'safest');
    const result = await core.call('assessments.answer', { id: carried.id, answers: [reconfirm, { questionId: second!.questionId, flagged: true }] });
    const byId = new Map(result.answers.map((a) => [a.questionId, a]));
    expect(byId.get(first!.questionId)!.toReconfirm).toBe(false);
    // Flagging does not re-confirm.
    expect(byId.get(second!.questionId)!.toReconfirm).toBe(true);
    expect(result.answers.filter((a) => a.toReconfirm)).toHaveLength(carried.answers.length - 1);
  });

  it('a change to a retired system is refused', async () => {
    const systemId = (await core.call('systems.create', benignSystem)).id;
    await core.call('workflow.send', { entityId: systemId, event: 'lifecycle.retire', by: chair });
    const r = await core.raw('systems.recordChange', { systemId, kind: 'integration', description: 'New EHR' });
    expect(r.ok ? 'ok' : r.error.code).toBe('CONFLICT');
  });

  it('model versions form the system’s history', async () => {
    const { systemId } = await systemInUse(core, { ...lowStakesSystem, modelVersion: '1.0' });
    await core.call('systems.recordChange', { systemId, kind: 'modelVersion', description: 'Quarterly retrain', modelVersion: '1.1', provenance: 'Vendor release notes', occurredAt: '2026-02-01' });
    await core.call('incidents.report', { systemId, kind: 'securityIncident', description: 'Phishing of a vendor engineer', occurredAt: '2026-02-10' });
    await core.call('systems.recordChange', { systemId, kind: 'modelVersion', description: 'Hotfix', modelVersion: '1.2', occurredAt: '2026-02-20' });
    expect((await core.call('systems.get', { id: systemId })).modelVersion).toBe('1.2');

    const history = await core.call('systems.history', { id: systemId });
    expect(history.lifecycle).toMatchObject({ entityId: systemId, kind: 'system', state: 'reassessmentDue' });
    expect(history.reassessmentDue).toBe('2028-03-01');
    expect(history.events.map((e) => [e.occurredAt, e.kind, e.modelVersion, e.description])).toEqual([
      ['2026-02-01', 'modelVersion', '1.1', 'Quarterly retrain'],
      ['2026-02-10', 'securityIncident', '', 'Phishing of a vendor engineer'],
      ['2026-02-20', 'modelVersion', '1.2', 'Hotfix'],
    ]);
    expect(history.events[0]!.provenance).toBe('Vendor release notes');
    const actions = history.ledger.map((l) => l.action);
    expect(actions).toContain('system.created');
    expect(actions.filter((a) => a === 'lifecycle.advance')).toHaveLength(3);
    expect(actions.filter((a) => a === 'system.changeRecorded')).toHaveLength(2);
    expect(actions.filter((a) => a === 'incident.reported')).toHaveLength(1);
    expect(history.ledger.find((l) => l.action === 'lifecycle.reassessmentDue')!.summary).toBe('In use → Re-assessment due');
    expect(history.ledger.map((l) => l.seq)).toEqual([...history.ledger.map((l) => l.seq)].sort((a, b) => a - b));
  });
});

describe('review queue', () => {
  it('shows reviewers what to start and sign, and risk people what to treat or accept', async () => {
    const systemId = (await core.call('systems.create', benignSystem)).id;
    const id = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
    await answerWithOneRiskAbove(core, id, 'high');
    await core.call('workflow.send', { entityId: id, event: 'review.submit' });
    expect((await core.call('reviews.queue', { name: reviewerA.name })).assessments.map((a) => [a.id, a.reason])).toEqual([[id, 'Submitted: start the review']]);
    await core.call('workflow.send', { entityId: id, event: 'review.start', by: reviewerA });
    await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
    expect((await core.call('reviews.queue', { name: reviewerA.name })).assessments).toEqual([]);
    expect((await core.call('reviews.queue', { name: reviewerB.name })).assessments.map((a) => a.reason)).toEqual(['In review: your sign-off is needed']);

    const [high] = (await core.call('risks.list', { systemId })).filter((r) => r.aboveAppetite);
    const ownerQueue = await core.call('reviews.queue', { name: 'Owner Olu' });
    expect(ownerQueue.risks.map((r) => [r.id, r.reason])).toEqual([[high!.id, 'Above appetite and untreated']]);
    await core.call('risks.requestAcceptance', { id: high!.id, rationale: 'Pilot', expiry: '2026-12-31', by: { name: 'Owner Olu', role: 'riskOwner' } });
    expect((await core.call('reviews.queue', { name: chair.name })).risks.map((r) => [r.id, r.reason])).toEqual([[high!.id, 'Acceptance requested: decide']]);
    expect((await core.call('reviews.queue', { name: 'Owner Olu' })).risks).toEqual([]);
    expect(await core.call('reviews.queue', { name: 'Nobody Known' })).toEqual({ person: null, assessments: [], risks: [] });
  });
});

describe('people and settings', () => {
  it('refuses a second person with the same name and an acceptance authority for an unknown band', async () => {
    const dup = await core.raw('people.save', { name: 'dr ada reviewer', roles: ['assessor'] });
    expect(dup.ok ? 'ok' : dup.error.code).toBe('CONFLICT');
    const band = await core.raw('settings.update', { acceptanceAuthority: { severe: ['committeeChair'] } });
    expect(band.ok ? 'ok' : band.error.code).toBe('VALIDATION_FAILED');
    expect(await core.call('settings.get', {})).toEqual({
      organisation: 'Your organisation',
      workspaceMode: 'hospital',
      signOffsRequired: 2,
      acceptanceAuthority: { low: ['riskOwner', 'committeeChair'], medium: ['riskOwner', 'committeeChair'], high: ['committeeChair'], critical: [] },
      separationOfDuties: true,
      vendorContact: null,
    });
  });

  it('an inactive person can no longer sign', async () => {
    const systemId = (await core.call('systems.create', benignSystem)).id;
    const id = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
    await answerAll(core, id);
    await core.call('workflow.send', { entityId: id, event: 'review.submit' });
    const person = (await core.call('people.list', {})).find((p) => p.name === reviewerB.name)!;
    await core.call('people.save', { id: person.id, name: person.name, roles: ['reviewer'], active: false });
    const r = await core.raw('workflow.send', { entityId: id, event: 'review.start', by: reviewerB });
    expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
  });
});
