// The dashboard's monitoring part (issue 20): systems whose latest month breaches a criterion,
// and systems whose monitoring data is overdue for the review period, with the reason in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { addPeople, coreOn, prefixedIds, type CoreHandle } from '../../support/governance-fixture.ts';
import { csv, monitoredSystem } from './monitoring-fixture.ts';

let core: TestCore;
let later: CoreHandle | undefined;
beforeEach(async () => {
  core = makeTestCore();
  await addPeople(core);
});
afterEach(() => {
  later?.close();
  core.dispose();
});

describe('dashboard.summary: monitoring', () => {
  it('lists a system breaching in its latest month first, then one whose data is overdue', async () => {
    expect((await core.call('dashboard.summary', {})).monitoring).toEqual({ breaching: 0, overdue: 0, rows: [] });
    const quiet = await monitoredSystem(core, 'Bed-flow forecaster');
    const drifting = await monitoredSystem(core, 'Sepsis watch');
    await core.call('monitoring.import', { systemId: quiet.systemId, fileName: 'quiet.csv', text: csv('sensitivity,all,2025-12,0.86,900,Local') });
    await core.call('monitoring.import', { systemId: drifting.systemId, fileName: 'drift.csv', text: csv('sensitivity,all,2026-02,0.85,1301,Seismometer', 'sensitivity,age:65+,2026-02,0.71,212,Seismometer', 'alertRate,all,2026-02,0.35,1301,Seismometer') });

    // On 1 March 2026: December's data is more than a month old for a monthly review.
    const { monitoring } = await core.call('dashboard.summary', {});
    expect(monitoring).toEqual({
      breaching: 1,
      overdue: 1,
      rows: [
        {
          systemId: drifting.systemId,
          systemName: 'Sepsis watch',
          latestPeriod: '2026-02',
          breaches: 2,
          overdue: false,
          detail: expect.stringMatching(/^(Sensitivity for age 65\+ was 0\.71|Alert rate overall was 0\.35) in February 2026 .* 1 more criterion is breached in their latest month\.$/),
        },
        {
          systemId: quiet.systemId,
          systemName: 'Bed-flow forecaster',
          latestPeriod: '2025-12',
          breaches: 0,
          overdue: true,
          detail: 'Monitoring data is overdue: the latest is for December 2025, and the criteria ask for a review every month.',
        },
      ],
    });

    // A month later with no new data, both are overdue; a recovery month clears the breach.
    later = coreOn(core, '2026-04-02T09:00:00.000Z', prefixedIds('L'));
    await later.call('monitoring.import', { systemId: drifting.systemId, fileName: 'march.csv', text: csv('sensitivity,all,2026-03,0.86,1290,Seismometer', 'sensitivity,age:65+,2026-03,0.83,220,Seismometer', 'alertRate,all,2026-03,0.2,1290,Seismometer') });
    const next = (await later.call('dashboard.summary', {})).monitoring;
    expect(next.breaching).toBe(0);
    expect(next.rows.map((r) => [r.systemName, r.breaches, r.overdue])).toEqual([['Bed-flow forecaster', 0, true]]);
  });
});
