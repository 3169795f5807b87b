// The lifecycle gate and the risk register through the dispatcher: approval alone opens the gate
// when nothing sits above appetite; a risk above appetite holds it until treated or accepted by a
// role authorised for its band; an expired acceptance sends an in-use system back to re-assessment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import {
  addPeople,
  answerWithOneRiskAbove,
  auditCount,
  benignSystem,
  chair,
  coreOn,
  driveAssessment,
  owner,
  prefixedIds,
  query,
  reviewerA,
  reviewerB,
  type CoreHandle,
} from '../../support/governance-fixture.ts';

let core: TestCore;
let restarted: CoreHandle | undefined;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => {
  restarted?.close();
  restarted = undefined;
  core.dispose();
});

const stage = async (id: string) => (await core.call('systems.get', { id })).lifecycleStage;
const mitigation = { kind: 'mitigate' as const, owner: owner.name, plan: 'Add a second reader', actions: [{ text: 'Roster second reader', owner: owner.name, due: '2026-04-15' }] };

/** A procurement assessment with exactly one risk above appetite (in `band`), approved by two reviewers. */
async function approvedWithOneRisk(band: 'high' | 'critical', name = benignSystem.name) {
  const systemId = (await core.call('systems.create', { ...benignSystem, name })).id;
  const id = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
  await answerWithOneRiskAbove(core, id, band);
  await core.call('workflow.send', { entityId: id, event: 'review.submit' });
  await core.call('workflow.send', { entityId: id, event: 'review.start', by: reviewerA });
  await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
  await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerB });
  const risks = await core.call('risks.list', { systemId });
  const blocking = risks.filter((r) => r.aboveAppetite);
  expect(blocking.map((r) => r.band)).toEqual([band]);
  return { systemId, assessmentId: id, risk: blocking[0]!, risks };
}

/** The rows a refused command must leave untouched. */
const snapshot = async () => ({
  audit: await auditCount(core),
  risks: await query(core, 'SELECT * FROM risks ORDER BY id'),
  systems: await query(core, 'SELECT * FROM systems ORDER BY id'),
});

describe('the lifecycle gate', () => {
  it('an approved procurement assessment with no risk above appetite moves the system to validation by itself', async () => {
    const systemId = (await core.call('systems.create', benignSystem)).id;
    const id = (await core.call('assessments.start', { systemId, stage: 'procurement' })).id;
    await driveAssessment(core, id, { until: 'inReview' });
    await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerA });
    expect(await stage(systemId)).toBe('procurement');
    await core.call('workflow.send', { entityId: id, event: 'review.approve', by: reviewerB });
    expect(await stage(systemId)).toBe('validation');
    expect(await core.call('workflow.allowed', { entityId: systemId })).toEqual({ entityId: systemId, kind: 'system', state: 'validation', allowedEvents: ['lifecycle.retire'], revision: 2 });
  });

  it('a high risk holds the system in procurement until it is treated', async () => {
    const { systemId, risk } = await approvedWithOneRisk('high');
    expect(await stage(systemId)).toBe('procurement');
    expect((await core.call('workflow.allowed', { entityId: systemId })).allowedEvents).toEqual(['lifecycle.retire']);

    const noActions = await core.raw('risks.treat', { id: risk.id, treatment: { ...mitigation, actions: [] }, by: owner });
    expect(noActions.ok ? 'ok' : noActions.error.code).toBe('VALIDATION_FAILED');
    expect(await stage(systemId)).toBe('procurement');

    const treated = await core.call('risks.treat', { id: risk.id, treatment: mitigation, by: owner });
    expect(treated).toMatchObject({ status: 'planned', owner: owner.name, treatment: mitigation, dueDate: '2026-04-15' });
    expect(await stage(systemId)).toBe('validation');
  });

  it('a transfer needs no actions and also opens the gate', async () => {
    const { systemId, risk } = await approvedWithOneRisk('high');
    await core.call('risks.treat', { id: risk.id, treatment: { kind: 'transfer', owner: owner.name, plan: 'Vendor indemnity in the contract' } });
    expect(await stage(systemId)).toBe('validation');
  });

  it('a risk owner may not accept a high risk (FORBIDDEN, nothing written); the committee chair may', async () => {
    const { systemId, risk } = await approvedWithOneRisk('high');
    const before = await snapshot();
    const byOwner = await core.raw('risks.accept', { id: risk.id, by: owner, rationale: 'Small pilot', expiry: '2026-09-30' });
    expect(byOwner.ok ? 'ok' : byOwner.error.code).toBe('FORBIDDEN');
    expect(byOwner.ok ? '' : byOwner.error.message).toContain('Only committeeChair may accept a high risk');
    expect(await snapshot()).toEqual(before);

    const accepted = await core.call('risks.accept', { id: risk.id, by: chair, rationale: 'Small pilot', expiry: '2026-09-30' });
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptance).toMatchObject({ rationale: 'Small pilot', expiry: '2026-09-30', requestedBy: chair.name, grantedBy: { name: chair.name, role: 'committeeChair' } });
    expect(await stage(systemId)).toBe('validation');
  });

  it('a request by the risk owner is granted by the chair only', async () => {
    const { systemId, risk } = await approvedWithOneRisk('high');
    const requested = await core.call('risks.requestAcceptance', { id: risk.id, rationale: 'Vendor fix due in Q3', expiry: '2026-09-30', by: owner });
    expect(requested.status).toBe('acceptanceRequested');
    expect(await stage(systemId)).toBe('procurement');
    const before = await snapshot();
    const byOwner = await core.raw('risks.accept', { id: risk.id, by: owner });
    expect(byOwner.ok ? 'ok' : byOwner.error.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
    await core.call('risks.accept', { id: risk.id, by: chair });
    expect(await stage(systemId)).toBe('validation');
  });

  it('nobody may accept a critical risk; only a treatment opens the gate', async () => {
    const { systemId, risk } = await approvedWithOneRisk('critical');
    const before = await snapshot();
    const byChair = await core.raw('risks.accept', { id: risk.id, by: chair, rationale: 'Urgent need', expiry: '2026-06-30' });
    expect(byChair.ok ? 'ok' : byChair.error.code).toBe('FORBIDDEN');
    expect(byChair.ok ? '' : byChair.error.message).toContain('nobody');
    expect(await snapshot()).toEqual(before);
    const advance = await core.raw('workflow.send', { entityId: systemId, event: 'lifecycle.advance', by: chair });
    expect(advance.ok ? 'ok' : advance.error.code).toBe('TRANSITION_REFUSED');
    await core.call('risks.treat', { id: risk.id, treatment: mitigation, by: owner });
    expect(await stage(systemId)).toBe('validation');
  });

  it('acceptance expiry must be a future date', async () => {
    const { risk } = await approvedWithOneRisk('high');
    const past = await core.raw('risks.accept', { id: risk.id, by: chair, rationale: 'Pilot', expiry: '2026-03-01' });
    expect(past.ok ? 'ok' : past.error.code).toBe('VALIDATION_FAILED');
    const missing = await core.raw('risks.accept', { id: risk.id, by: chair });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('expired acceptance', () => {
  it('returns the risk to identified and an in-use system to reassessmentDue with a new draft use assessment', async () => {
    const { systemId, risk } = await approvedWithOneRisk('high');
    await core.call('risks.accept', { id: risk.id, by: chair, rationale: 'Pilot year', expiry: '2026-06-30' });
    for (const next of ['validation', 'deployment'] as const) {
      const id = (await core.call('assessments.start', { systemId, stage: next })).id;
      await driveAssessment(core, id);
      // A later stage starts from procurement's approved findings (scoring model 2), so the
      // procurement risk comes back above appetite until this stage's own treatment is planned.
      for (const carried of (await core.call('risks.list', { systemId })).filter((r) => r.assessmentId === id && r.aboveAppetite)) {
        await core.call('risks.treat', { id: carried.id, treatment: mitigation, by: owner });
      }
    }
    expect(await stage(systemId)).toBe('inUse');
    const deployment = (await core.call('assessments.list', { systemId })).find((a) => a.stage === 'deployment')!;

    // The day after expiry the next core sweeps at start.
    core.close();
    restarted = coreOn(core, '2026-07-01T08:00:00.000Z', prefixedIds('X'));
    const expired = await restarted.call('risks.get', { id: risk.id });
    expect(expired.status).toBe('identified');
    expect(expired.allowedEvents).toEqual(['risk.plan', 'risk.requestAcceptance']);
    const system = await restarted.call('systems.get', { id: systemId });
    expect(system.lifecycleStage).toBe('reassessmentDue');
    const drafts = (await restarted.call('assessments.list', { systemId })).filter((a) => a.stage === 'use');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.status).toBe('draft');
    expect((await restarted.call('assessments.get', { id: drafts[0]!.id })).review.carriedFrom).toBe(deployment.id);
    const history = await restarted.call('systems.history', { id: systemId });
    expect(history.ledger.slice(-3).map((l) => [l.action, l.actor, l.summary])).toEqual([
      ['risk.expire', 'Vigil (scheduled check)', 'Accepted → Identified'],
      ['lifecycle.reassessmentDue', 'Vigil (scheduled check)', 'In use → Re-assessment due'],
      ['assessment.started', 'Vigil (scheduled check)', ''],
    ]);
  });
});

describe('the risk register', () => {
  it('filters by system, band, status, owner and overdue', async () => {
    const one = await approvedWithOneRisk('high', 'Register one');
    const two = await approvedWithOneRisk('critical', 'Register two');
    await core.call('risks.treat', { id: one.risk.id, treatment: { ...mitigation, actions: [{ text: 'Overdue already', owner: owner.name, due: '2026-02-01' }] }, by: owner });
    const all = await core.call('risks.list', {});
    expect(all).toHaveLength(one.risks.length + two.risks.length);
    expect((await core.call('risks.list', { systemId: two.systemId })).map((r) => r.id).sort()).toEqual(two.risks.map((r) => r.id).sort());
    expect((await core.call('risks.list', { band: 'critical' })).map((r) => r.id)).toEqual([two.risk.id]);
    expect((await core.call('risks.list', { status: 'planned' })).map((r) => r.id)).toEqual([one.risk.id]);
    expect((await core.call('risks.list', { owner: 'owner olu' })).map((r) => r.id)).toEqual([one.risk.id]);
    const overdue = await core.call('risks.list', { overdue: true });
    expect(overdue.map((r) => [r.id, r.dueDate])).toEqual([[one.risk.id, '2026-02-01']]);
    expect(await core.call('risks.list', { systemId: one.systemId, band: 'critical' })).toEqual([]);
  });
});
