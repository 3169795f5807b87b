// Every transition of the three machines writes exactly one audit event, with the event's name as
// its action, and a refused event writes none. The list of events comes from the machines
// themselves, so an event added to a machine without being exercised here fails the test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, WorkflowEventName } from '../../../electron/contract/index.ts';
import { lifecycleMachine } from '../../../electron/core/workflow/lifecycle-machine.ts';
import { reviewMachine } from '../../../electron/core/workflow/review-machine.ts';
import { riskMachine } from '../../../electron/core/workflow/risk-machine.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import {
  addPeople,
  answerAll,
  answerFor,
  answerRequired,
  answerWithOneRiskAbove,
  auditCount,
  auditRows,
  benignSystem,
  lowStakesSystem,
  chair,
  coreOn,
  owner,
  prefixedIds,
  reviewerA,
  reviewerB,
  systemInUse,
  type AuditRow,
  type Caller,
  type CoreHandle,
} from '../../support/governance-fixture.ts';

const machines = [reviewMachine, lifecycleMachine, riskMachine];

/** Every event type named in any state's `on`, walking the state nodes of each machine. */
function eventsOf(machine: (typeof machines)[number]): string[] {
  const names = new Set<string>();
  const walk = (node: { on: Record<string, unknown>; states: Record<string, unknown> }) => {
    for (const key of Object.keys(node.on)) names.add(key);
    for (const child of Object.values(node.states)) walk(child as typeof node);
  };
  walk(machine.root as unknown as Parameters<typeof walk>[0]);
  return [...names].sort();
}

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

/** "action entity from→to", or "action entity" when the event records no state change. */
const describeRow = (r: AuditRow) => {
  const p = JSON.parse(r.payload) as { from?: string; to?: string };
  return p.from !== undefined ? `${r.action} ${r.entity} ${p.from}→${p.to}` : `${r.action} ${r.entity}`;
};

describe('one audit event per transition', () => {
  it('the machines name the events this test drives', () => {
    for (const m of machines) expect(eventsOf(m)).toEqual([...(m.events as string[])].sort());
  });

  it('fires every event of every machine through the dispatcher and finds exactly one event each', async () => {
    const allEvents = new Set(machines.flatMap(eventsOf));
    const covered = new Set<string>();

    /** Runs `act` and expects exactly the audit rows `expected`, in order; marks their events covered. */
    async function fires(act: () => Promise<unknown>, expected: string[]): Promise<AuditRow[]> {
      const before = await auditCount(core);
      await act();
      const rows = (await auditRows(core)).slice(before);
      expect(rows.map(describeRow)).toEqual(expected);
      for (const r of rows) if (allEvents.has(r.action)) covered.add(r.action);
      return rows;
    }
    const send = (c: Caller, entityId: string, event: WorkflowEventName, extra: Omit<MethodInput<'workflow.send'>, 'entityId' | 'event'> = {}) =>
      c.call('workflow.send', { entityId, event, ...extra });

    // --- Review: begin, vendor round trip, submit, start, approvals ---
    const s1 = (await core.call('systems.create', { ...benignSystem, name: 'Audit one' })).id;
    const a1 = await core.call('assessments.start', { systemId: s1, stage: 'procurement' });
    const firstQuestion = a1.questionnaireSnapshots[0]!.sections[0]!.questions[0]!;
    const [answered] = await fires(() => core.call('assessments.answer', { id: a1.id, answers: [answerFor(firstQuestion, 'safest')] }), [
      `assessment.answered ${a1.id}`,
    ]);
    // draft → inProgress is part of the one 'assessment.answered' event, not an event of its own.
    expect(JSON.parse(answered!.payload)).toMatchObject({ transition: { event: 'assessment.begin', from: 'draft', to: 'inProgress' } });
    covered.add('assessment.begin');
    const [again] = await fires(() => core.call('assessments.answer', { id: a1.id, answers: [answerFor(firstQuestion, 'safest')] }), [`assessment.answered ${a1.id}`]);
    expect(JSON.parse(again!.payload)).not.toHaveProperty('transition');

    await fires(() => send(core, a1.id, 'vendor.request'), [`vendor.request ${a1.id} inProgress→awaitingVendor`]);
    await fires(() => send(core, a1.id, 'vendor.receive'), [`vendor.receive ${a1.id} awaitingVendor→inProgress`]);

    const highThreat = await answerWithOneRiskAbove(core, a1.id, 'high');
    const profile = await core.call('assessments.score', { id: a1.id });
    const opened = profile.threats.filter((t) => t.residual.band !== 'low').map((t) => t.id);
    expect(opened).toContain(highThreat);
    const submitRows = await fires(() => send(core, a1.id, 'review.submit'), [`review.submit ${a1.id} inProgress→submitted`, ...opened.map(() => expect.stringMatching(/^risk\.identified RSK-/) as unknown as string)]);
    const risks = await core.call('risks.list', { systemId: s1 });
    expect(submitRows.slice(1).map((r) => r.entity).sort()).toEqual(risks.map((r) => r.id).sort());
    const high = risks.find((r) => r.threatId === highThreat)!;
    const medium = risks.find((r) => !r.aboveAppetite)!;
    expect(medium).toBeDefined();

    await fires(() => send(core, a1.id, 'review.start', { by: reviewerA }), [`review.start ${a1.id} submitted→inReview`]);
    await fires(() => send(core, a1.id, 'review.approve', { by: reviewerA }), [`review.approve ${a1.id} inReview→inReview`]);
    // Approved, but the high risk keeps the gate shut: no lifecycle event.
    await fires(() => send(core, a1.id, 'review.approve', { by: reviewerB }), [`review.approve ${a1.id} inReview→approved`]);

    // --- Risk treatment; planning the blocking risk opens the gate in the same command ---
    const mitigation = { kind: 'mitigate' as const, owner: owner.name, plan: 'Committee review', actions: [{ text: 'Present to committee', owner: owner.name, due: '2026-04-01' }] };
    await fires(() => core.call('risks.treat', { id: high.id, treatment: mitigation, by: owner }), [
      `risk.plan ${high.id} identified→planned`,
      `lifecycle.advance ${s1} procurement→validation`,
    ]);
    await fires(() => send(core, high.id, 'risk.start', { by: owner }), [`risk.start ${high.id} planned→inProgress`]);
    await fires(() => send(core, high.id, 'risk.verify', { by: owner }), [`risk.verify ${high.id} inProgress→verified`]);
    await fires(() => send(core, high.id, 'risk.close', { by: owner }), [`risk.close ${high.id} verified→closed`]);

    // --- Risk acceptance: request, refuse, request again, accept ---
    const request = () => core.call('risks.requestAcceptance', { id: medium.id, rationale: 'Low exposure pilot', expiry: '2026-03-10', by: owner });
    await fires(request, [`risk.requestAcceptance ${medium.id} identified→acceptanceRequested`]);
    await fires(() => send(core, medium.id, 'risk.rejectAcceptance', { by: chair }), [`risk.rejectAcceptance ${medium.id} acceptanceRequested→rejected`]);
    await fires(request, [`risk.requestAcceptance ${medium.id} rejected→acceptanceRequested`]);
    // The owner asked; the chair decides (separation of duties).
    await fires(() => core.call('risks.accept', { id: medium.id, by: chair }), [`risk.accept ${medium.id} acceptanceRequested→accepted`]);

    // --- Return, reopen, reject; approval with conditions; retirement ---
    const s2 = (await core.call('systems.create', { ...lowStakesSystem, name: 'Audit two' })).id;
    const a2 = (await core.call('assessments.start', { systemId: s2, stage: 'procurement' })).id;
    await answerAll(core, a2);
    await fires(() => send(core, a2, 'review.submit'), [`review.submit ${a2} inProgress→submitted`]);
    await fires(() => send(core, a2, 'review.start', { by: reviewerA }), [`review.start ${a2} submitted→inReview`]);
    await fires(() => send(core, a2, 'review.return', { by: reviewerA, comment: 'Attach the contract.' }), [`review.return ${a2} inReview→returned`]);
    await fires(() => send(core, a2, 'review.reopen'), [`review.reopen ${a2} returned→inProgress`]);
    await fires(() => send(core, a2, 'review.submit'), [`review.submit ${a2} inProgress→submitted`]);
    await fires(() => send(core, a2, 'review.start', { by: reviewerB }), [`review.start ${a2} submitted→inReview`]);
    await fires(() => send(core, a2, 'review.reject', { by: reviewerB, comment: 'Not for us.' }), [`review.reject ${a2} inReview→rejected`]);

    const a3 = (await core.call('assessments.start', { systemId: s2, stage: 'procurement' })).id;
    await answerAll(core, a3);
    await send(core, a3, 'review.submit');
    await send(core, a3, 'review.start', { by: reviewerA });
    const conditions = [{ text: 'Local validation on 500 cases', owner: owner.name, due: '2026-06-01' }];
    await fires(() => send(core, a3, 'review.approveWithConditions', { by: reviewerA, conditions }), [`review.approveWithConditions ${a3} inReview→inReview`]);
    await fires(() => send(core, a3, 'review.approve', { by: reviewerB }), [
      `review.approve ${a3} inReview→approvedWithConditions`,
      `lifecycle.advance ${s2} procurement→validation`,
    ]);
    await fires(() => send(core, s2, 'lifecycle.retire', { by: chair, comment: 'Withdrawn.' }), [`lifecycle.retire ${s2} validation→retired`]);

    // --- Re-assessment: a change makes an inUse system due, approving the use assessment returns it ---
    const { systemId: s3 } = await systemInUse(core, { ...benignSystem, name: 'Audit three' });
    const useId = 'ASM-' + String(Number((await core.call('assessments.list', {})).length) + 1).padStart(8, '0');
    await fires(
      async () => {
        expect((await core.call('systems.recordChange', { systemId: s3, kind: 'modelVersion', description: 'v2', modelVersion: '2.0' })).assessmentId).toBe(useId);
      },
      // The re-assessment draft it opens is recorded too (the lifecycle step is the one transition).
      [`lifecycle.reassessmentDue ${s3} inUse→reassessmentDue`, `assessment.started ${useId}`, `system.changeRecorded ${s3}`],
    );
    await answerAll(core, useId);
    await send(core, useId, 'review.submit');
    await send(core, useId, 'review.start', { by: reviewerA });
    await send(core, useId, 'review.approve', { by: reviewerA });
    await fires(() => send(core, useId, 'review.approve', { by: reviewerB }), [
      `review.approve ${useId} inReview→approved`,
      `lifecycle.reassessed ${s3} reassessmentDue→inUse`,
    ]);

    // --- Expiry: a core opened after the acceptance's expiry date sweeps it back to identified ---
    core.close();
    await fires(
      async () => {
        restarted = coreOn(core, '2026-03-11T09:00:00.000Z', prefixedIds('E'));
        // The sweep at open runs before the first call is served.
        await restarted.call('app.info', {});
      },
      // s1 is in validation: the expiry makes it due, a self-transition of the lifecycle.
      [`risk.expire ${medium.id} accepted→identified`, `lifecycle.reassessmentDue ${s1} validation→validation`, 'assessment.started ASM-E0000001'],
    );
    expect((await restarted!.call('risks.get', { id: medium.id })).status).toBe('identified');

    expect([...covered].sort()).toEqual([...allEvents].sort());
  });

  it('a refused event writes no audit event, for each machine', async () => {
    const system = (await core.call('systems.create', benignSystem)).id;
    const assessment = (await core.call('assessments.start', { systemId: system, stage: 'procurement' })).id;
    await answerRequired(core, assessment);
    await core.call('workflow.send', { entityId: assessment, event: 'review.submit' });
    const [risk] = await core.call('risks.list', { systemId: system });
    const before = await auditRows(core);
    const attempts: [string, unknown, string][] = [
      ['workflow.send', { entityId: assessment, event: 'review.submit' }, 'TRANSITION_REFUSED'],
      ['workflow.send', { entityId: assessment, event: 'review.approve', by: reviewerA }, 'TRANSITION_REFUSED'],
      ['workflow.send', { entityId: system, event: 'lifecycle.advance' }, 'TRANSITION_REFUSED'],
      ['workflow.send', { entityId: system, event: 'lifecycle.retire', by: reviewerA }, 'FORBIDDEN'],
      ['workflow.send', { entityId: risk!.id, event: 'risk.close' }, 'TRANSITION_REFUSED'],
      ['workflow.send', { entityId: risk!.id, event: 'risk.start' }, 'TRANSITION_REFUSED'],
      ['risks.treat', { id: risk!.id, treatment: { kind: 'mitigate', owner: owner.name, plan: 'Nothing yet' } }, 'VALIDATION_FAILED'],
      ['risks.accept', { id: risk!.id, by: reviewerA, rationale: 'Fine', expiry: '2026-12-31' }, 'FORBIDDEN'],
    ];
    for (const [method, input, code] of attempts) {
      const result = await core.raw(method, input);
      expect(result.ok ? 'ok' : result.error.code, JSON.stringify(input)).toBe(code);
    }
    expect(await auditRows(core)).toEqual(before);
  });
});
