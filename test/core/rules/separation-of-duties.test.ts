// Separation of duties, declared once (electron/core/rules/separation-of-duties.ts) and switched
// in Settings (on by default): each rule refuses FORBIDDEN with a sentence naming it and writes
// nothing; switched off, the same step goes through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActingAs } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, answerAll, answerFor, answerWithOneRiskAbove, auditRows, benignSystem, chair, driveAssessment, owner, reviewerA, reviewerB } from '../../support/governance-fixture.ts';

let core: TestCore;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => core.dispose());

/** Expects FORBIDDEN naming the rule, with the ledger (and so every change, which writes one) untouched. */
async function refused(method: string, input: unknown, rule: string) {
  const before = await auditRows(core);
  const result = await core.raw(method, input);
  expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
  expect(result.ok ? '' : result.error.message).toContain(`Separation of duties: ${rule};`);
  expect(await auditRows(core)).toEqual(before);
}

const switchOff = () => core.call('settings.update', { separationOfDuties: false, by: chair });

async function inReview(withRisks = false) {
  const system = (await core.call('systems.create', benignSystem)).id;
  const id = (await core.call('assessments.start', { systemId: system, stage: 'procurement' })).id;
  // One risk above appetite, others (a medium one among them) within it.
  if (withRisks) await answerWithOneRiskAbove(core, id, 'high');
  await driveAssessment(core, id, { until: 'inReview' });
  return { system, id };
}

describe('separation of duties', () => {
  it('is on by default', async () => {
    expect((await core.call('settings.get', {})).separationOfDuties).toBe(true);
  });

  describe('the person who requested a risk acceptance may not grant it', () => {
    async function requested() {
      const { id } = await inReview(true);
      await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
      await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerB });
      const medium = (await core.call('risks.list', {})).find((r) => r.band === 'medium')!;
      await core.call('risks.requestAcceptance', { id: medium.id, rationale: 'Pilot', expiry: '2026-09-01', by: owner });
      return medium.id;
    }
    const rule = 'the person who requested a risk acceptance may not grant it';

    it('refuses the requester, names the rule, and lets another authorised person grant it', async () => {
      const risk = await requested();
      await refused('risks.accept', { id: risk, by: owner }, rule);
      expect((await core.call('risks.get', { id: risk })).status).toBe('acceptanceRequested');
      expect((await core.call('risks.accept', { id: risk, by: chair })).status).toBe('accepted');
    });

    it('allows it when switched off', async () => {
      const risk = await requested();
      await switchOff();
      expect((await core.call('risks.accept', { id: risk, by: owner })).acceptance?.grantedBy?.name).toBe(owner.name);
    });
  });

  describe('a reviewer may not sign off twice in one round', () => {
    const rule = 'a reviewer signs off once in a review round';

    it('refuses a second sign-off (whatever the case of the name)', async () => {
      const { id } = await inReview();
      await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
      await refused('workflow.send', { entityId: id, event: 'review.approve', by: { ...reviewerA, name: reviewerA.name.toUpperCase() } }, rule);
      await refused('workflow.send', { entityId: id, event: 'review.reject', by: reviewerA, comment: 'Changed my mind.' }, rule);
      expect((await core.call('workflow.allowed', { entityId: id, by: reviewerA })).allowedEvents).toEqual([]);
    });

    it('allows it when switched off: one reviewer can then complete the approvals', async () => {
      const { id } = await inReview();
      await switchOff();
      await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
      expect((await core.call('workflow.allowed', { entityId: id, by: reviewerA })).allowedEvents).toContain('review.approve');
      expect((await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA })).state).toBe('approved');
    });
  });

  describe('the assessor who answered an assessment may not approve it', () => {
    const rule = 'an assessor who answered an assessment may not approve it';
    // The chair holds the reviewer role too: an answer recorded as theirs bars them from approving.
    const chairAsAssessor = { name: chair.name, role: 'committeeChair' } as ActingAs;

    async function answeredByChair() {
      const system = (await core.call('systems.create', benignSystem)).id;
      const assessment = await core.call('assessments.start', { systemId: system, stage: 'procurement' });
      const q = assessment.questionnaireSnapshots.flatMap((x) => x.sections.flatMap((s) => s.questions)).find((x) => assessment.visibleQuestions.includes(x.id))!;
      await core.call('assessments.answer', { id: assessment.id, answers: [answerFor(q, 'safest')], by: chairAsAssessor });
      await answerAll(core, assessment.id);
      await core.call('workflow.send', { entityId: assessment.id, event: 'review.submit' });
      await core.call('workflow.send', { entityId: assessment.id, event: 'review.start', by: reviewerA });
      return assessment.id;
    }

    it('refuses their approval (with or without conditions) but not a return, and the core no longer offers it', async () => {
      const id = await answeredByChair();
      const asReviewer = { name: chair.name, role: 'reviewer' } as ActingAs;
      await refused('workflow.send', { entityId: id, event: 'review.approve', by: asReviewer }, rule);
      const conditions = [{ text: 'Check locally', owner: owner.name, due: '2026-06-01' }];
      await refused('workflow.send', { entityId: id, event: 'review.approveWithConditions', by: chair, conditions }, rule);
      expect((await core.call('workflow.allowed', { entityId: id, by: asReviewer })).allowedEvents).toEqual(['review.return', 'review.reject']);
      expect((await core.call('workflow.send', { entityId: id, event: 'review.return', by: asReviewer, comment: 'Ask the vendor.' })).state).toBe('returned');
    });

    it('allows it when switched off', async () => {
      const id = await answeredByChair();
      await switchOff();
      await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
      expect((await core.call('workflow.send', { entityId: id, event: 'review.approve', by: chair })).state).toBe('approved');
    });
  });
});
