// A breach becomes governance (issue 20, docs/monitoring.md): exactly one drift event per newly
// breached criterion, the system due with the reason, one `observed` trace entry in the live
// profile naming metric, month and value; a recovery month removes the signal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople } from '../../support/governance-fixture.ts';
import { csv, monitoredSystem, monitoringCounts } from './monitoring-fixture.ts';

let core: TestCore;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => core.dispose());

const observedSteps = async (assessmentId: string) => {
  const detail = await core.call('assessments.get', { id: assessmentId });
  return detail.profile.threats.flatMap((t) => t.trace.filter((s) => s.step === 'observed').map((s) => ({ threatId: t.id, ...s })));
};

describe('a breach', () => {
  it('records one drift event, makes the system due with the reason and raises the live profile once', async () => {
    const { systemId, validationId, assessments } = await monitoredSystem(core);
    const clean = await core.call('monitoring.import', { systemId, fileName: 'seismometer-2026-01.csv', text: csv('sensitivity,all,2026-01,0.86,1284,Seismometer', 'sensitivity,age:65+,2026-01,0.84,212,Seismometer') });
    expect(clean).toMatchObject({ rows: 2, alreadyRecorded: 0, newBreaches: [], assessmentId: null });
    expect((await core.call('systems.get', { id: systemId })).lifecycleStage).toBe('inUse');

    const before = await monitoringCounts(core);
    const result = await core.call('monitoring.import', {
      systemId,
      fileName: 'seismometer-2026-02.csv',
      text: csv('sensitivity,all,2026-02,0.85,1301,Seismometer', 'sensitivity,age:65+,2026-02,0.71,212,Seismometer'),
    });
    // One criterion breached (age 65+: below its min, and 0.14 below overall): one breach, one event.
    expect(result.newBreaches).toHaveLength(1);
    const [breach] = result.newBreaches;
    expect(breach).toMatchObject({ metric: 'sensitivity', subgroup: 'age:65+', period: '2026-02', value: 0.71, n: 212, kind: 'belowMin', limit: 0.8, threatId: 'T-BIAS' });
    expect(breach!.words).toBe(`Sensitivity for age 65+ was 0.71 in February 2026 (n = 212), below the 0.80 the local validation set (${validationId}).`);
    const after = await monitoringCounts(core);
    expect(after).toMatchObject({ events: before.events! + 1, breaches: before.breaches! + 1 });

    const system = await core.call('systems.get', { id: systemId });
    expect(system.lifecycleStage).toBe('reassessmentDue');
    const history = await core.call('systems.history', { id: systemId });
    const drift = history.events.filter((e) => e.kind === 'driftAlert');
    expect(drift).toHaveLength(1);
    expect(drift[0]!.description).toBe(breach!.words);
    expect(drift[0]!.id).toBe(breach!.eventId);
    expect(result.assessmentId).toBe(drift[0]!.assessmentId);

    // The current assessments' live profile carries exactly one observed step naming metric, month and value.
    const steps = await observedSteps(assessments[2]!);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ threatId: 'T-BIAS' });
    expect(JSON.stringify(steps[0])).toContain('Sensitivity for age 65+ was 0.71 in February 2026');

    const ledger = await core.ledger();
    // The raised T-BIAS is now above the appetite in each current assessment: a risk opened in the register for each, in the same transaction.
    const risks = (await core.call('risks.list', {})).filter((r) => r.systemId === systemId);
    expect(risks.map((r) => [r.threatId, r.status, r.assessmentId]).sort()).toEqual(assessments.map((id) => ['T-BIAS', 'identified', id]).sort());
    const identified = ledger.filter((e) => e.action === 'risk.identified');
    expect(identified.map((e) => JSON.parse(e.payload).threat)).toEqual(['T-BIAS', 'T-BIAS', 'T-BIAS']);
    const imported = ledger.filter((e) => e.action === 'monitoring.imported').at(-1)!;
    expect(JSON.parse(imported.payload)).toMatchObject({ fileName: 'seismometer-2026-02.csv', rows: 2, breaches: [{ metric: 'sensitivity', subgroup: 'age:65+', period: '2026-02', event: breach!.eventId }] });

    // The committee's "changes since the last review" words the import and its breach.
    const register = await core.call('register.summary', { systemIds: [systemId] });
    const changes = register.systems[0]!.changesSince.changes.map((c) => c.what);
    expect(changes).toContain(`Monitoring data imported from seismometer-2026-02.csv (2 rows): 1 new breach — ${breach!.words}`);
    expect(changes).toContain(`Drift alert: ${breach!.words}`);

    // The same file again: nothing new recorded (no values, no breach, no event).
    const again = await core.call('monitoring.import', { systemId, fileName: 'seismometer-2026-02.csv', text: csv('sensitivity,all,2026-02,0.85,1301,Seismometer', 'sensitivity,age:65+,2026-02,0.71,212,Seismometer') });
    expect(again).toMatchObject({ rows: 2, alreadyRecorded: 2, newBreaches: [] });
    const third = await monitoringCounts(core);
    expect([third.values, third.breaches, third.events]).toEqual([after.values, after.breaches, after.events]);

    // A recovery month: the criterion is within its limits in its latest month, the signal goes.
    await core.call('monitoring.import', { systemId, fileName: 'seismometer-2026-03.csv', text: csv('sensitivity,all,2026-03,0.86,1290,Seismometer', 'sensitivity,age:65+,2026-03,0.82,220,Seismometer') });
    expect(await observedSteps(assessments[2]!)).toEqual([]);
    const summary = await core.call('monitoring.summary', { systemId });
    expect(summary.breaches.map((b) => [b.period, b.eventId])).toEqual([['2026-02', breach!.eventId]]);
    // The breach links to the re-assessment its drift event opened, as the import said.
    expect(summary.breaches[0]?.assessmentId).toBe(result.assessmentId);
    expect(summary.latestPeriod).toBe('2026-03');
    expect(summary.series.map((s) => s.subgroup)).toEqual(['all', 'age:65+']);
  });
});
