// dashboard.summary through the dispatcher, on the engine under test: figures counted in SQL
// checked against the register as risks.list works it out in TypeScript, and a constructed
// portfolio with exact counts (an overdue action, an expiring acceptance, re-assessments due with
// their reasons, an outstanding vendor request, an archived system left out, the band trend
// across months of the test clock).
import { afterEach, describe, expect, it } from 'vitest';
import type { Dashboard, Risk } from '../../../electron/contract/index.ts';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';
import { movableClock } from '../../support/contract-samples.ts';
import { addPeople, benignSystem, chair, driveAssessment, owner, riskySystem, systemInUse } from '../../support/governance-fixture.ts';

const bands = ['low', 'medium', 'high', 'critical'];
const isOpen = (r: Risk) => !['closed', 'verified'].includes(r.status);

/** What the dashboard's SQL must agree with: the register's own risks, counted in TypeScript. */
function expectedFromRegister(risks: Risk[]) {
  const open = risks.filter(isOpen);
  const count = (pick: (r: Risk) => boolean) => open.filter(pick).length;
  return {
    bands: bands.map((band) => ({ band, inherent: count((r) => r.inherent.band === band), residual: count((r) => r.band === band) })),
    heat: Array.from({ length: 25 }, (_, n) => {
      const likelihood = Math.floor(n / 5) + 1;
      const impact = (n % 5) + 1;
      return { likelihood, impact, count: count((r) => r.residual.likelihood === likelihood && r.residual.impact === impact) };
    }),
    above: count((r) => r.aboveAppetite),
  };
}

let core: TestCore | undefined;
afterEach(() => core?.dispose());

const summary = (c: TestCore): Promise<Dashboard> => c.call('dashboard.summary', {});

describe('dashboard.summary', () => {
  it('on an empty database: every band, every cell and twelve months, all zero', async () => {
    core = makeTestCore({ clock: movableClock('2026-03-15T09:00:00.000Z') });
    const d = await summary(core);
    expect(d.asOf).toBe('2026-03-15');
    expect(d.totals).toEqual({ systems: 0, openRisks: 0, aboveAppetite: 0, overdue: 0 });
    expect(d.bands).toEqual(bands.map((band) => ({ band, inherent: 0, residual: 0 })));
    expect(d.heatMap).toHaveLength(25);
    expect(d.heatMap.every((c) => c.count === 0)).toBe(true);
    // The cell's band is the matrix's: likelihood 1 × impact 1 is the lowest, 5 × 5 the highest.
    expect(d.heatMap.find((c) => c.likelihood === 1 && c.impact === 1)?.band).toBe('low');
    expect(d.heatMap.find((c) => c.likelihood === 5 && c.impact === 5)?.band).toBe('critical');
    expect(d.bandTrend.map((p) => p.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(d.bandTrend.every((p) => bands.every((b) => p.counts[b] === 0))).toBe(true);
    expect(d.reassessments).toEqual({ within: { overdue: 0, days30: 0, days60: 0, days90: 0 }, rows: [] });
    expect([d.aboveAppetiteBySystem, d.aboveAppetiteByVendor, d.overdueActions, d.acceptancesExpiring, d.vendorRequests]).toEqual(Array(5).fill({ total: 0, rows: [] }));
  });

  it('counts a constructed portfolio exactly, and replays the band trend across months', async () => {
    const clock = movableClock('2026-01-10T09:00:00.000Z');
    core = makeTestCore({ clock });
    const c = core;
    await addPeople(c);
    await c.call('settings.update', { acceptanceAuthority: Object.fromEntries(bands.map((b) => [b, ['committeeChair']])) });

    // January: a risky system's procurement assessment, answered carelessly and submitted, opens its risks.
    const risky = (await c.call('systems.create', riskySystem)).id;
    const riskyAssessment = (await c.call('assessments.start', { systemId: risky, stage: 'procurement' })).id;
    await driveAssessment(c, riskyAssessment, { posture: 'riskiest', until: 'submitted' });
    const opened = await c.call('risks.list', { systemId: risky });
    const above = opened.filter((r) => r.aboveAppetite);
    expect(above.length).toBeGreaterThanOrEqual(3);
    const [treated, accepted, verified] = above as [Risk, Risk, Risk];
    const januaryCounts = Object.fromEntries(bands.map((b) => [b, opened.filter((r) => r.band === b).length]));

    // A mitigation with one action due 1 February (overdue by March) and one due 30 June.
    await c.call('risks.treat', {
      id: treated.id,
      treatment: {
        kind: 'mitigate',
        owner: owner.name,
        plan: 'Human review of every output',
        actions: [
          { text: 'Train the ward staff', owner: 'Ward manager', due: '2026-02-01' },
          { text: 'Audit a month of outputs', owner: owner.name, due: '2026-06-30' },
        ],
      },
      by: owner,
    });
    // Another is transferred, and verified in February: no longer open from then on.
    await c.call('risks.treat', { id: verified.id, treatment: { kind: 'transfer', owner: owner.name, plan: 'The vendor carries it under contract', actions: [] }, by: owner });
    await c.call('workflow.send', { entityId: verified.id, event: 'risk.start', by: owner });
    clock.set('2026-02-20T09:00:00.000Z');
    await c.call('workflow.send', { entityId: verified.id, event: 'risk.verify', by: owner });

    // March: a third is accepted until 1 May; an in-use system records a model change.
    clock.set('2026-03-15T09:00:00.000Z');
    await c.call('risks.accept', { id: accepted.id, rationale: 'Supervised pilot.', expiry: '2026-05-01', by: chair });
    const inUse = (await systemInUse(c, { ...benignSystem, name: 'Bed-flow forecaster' })).systemId;
    await c.call('systems.recordChange', { systemId: inUse, kind: 'modelVersion', description: 'Retrained on 2025 data', modelVersion: '2.0' });
    // A system waiting for its vendor's answers, and an archived one, which no figure counts.
    const waiting = (await c.call('systems.create', { ...benignSystem, name: 'Sleep scorer', vendor: 'Quiet Analytics' })).id;
    const waitingAssessment = (await c.call('assessments.start', { systemId: waiting, stage: 'procurement' })).id;
    const request = await c.call('vendor.request', { assessmentId: waitingAssessment, expiresInDays: 30 });
    const archived = (await c.call('systems.create', { ...benignSystem, name: 'Old forecaster' })).id;
    const archivedAssessment = (await c.call('assessments.start', { systemId: archived, stage: 'procurement' })).id;
    await c.call('vendor.request', { assessmentId: archivedAssessment, expiresInDays: 30 });
    await c.call('systems.archive', { id: archived });

    clock.set('2026-03-16T09:00:00.000Z');
    const d = await summary(c);
    const register = await c.call('risks.list', {});
    const expected = expectedFromRegister(register);
    expect(d.asOf).toBe('2026-03-16');

    // Counted in SQL, equal to the register counted in TypeScript.
    expect(d.bands).toEqual(expected.bands);
    expect(d.heatMap.map(({ likelihood, impact, count }) => ({ likelihood, impact, count }))).toEqual(expected.heat);
    expect(d.totals).toEqual({ systems: 3, openRisks: register.filter(isOpen).length, aboveAppetite: expected.above, overdue: 1 });
    expect(d.totals.openRisks).toBe(register.length - 1);
    // The heat map's cells carry the matrix's bands, and a cell's risks are that band's.
    for (const cell of d.heatMap.filter((x) => x.count > 0)) {
      expect(register.filter((r) => isOpen(r) && r.residual.likelihood === cell.likelihood && r.residual.impact === cell.impact).every((r) => r.band === cell.band)).toBe(true);
    }

    // Above appetite: the one risky system (the in-use one sits within appetite), and its vendor.
    expect(d.aboveAppetiteBySystem).toEqual({ total: 1, rows: [{ systemId: risky, systemName: riskySystem.name, vendor: riskySystem.vendor, count: expected.above }] });
    expect(d.aboveAppetiteByVendor).toEqual({ total: 1, rows: [{ vendor: riskySystem.vendor, systems: 1, count: expected.above }] });

    // The overdue action, and only it (the June one is not due yet).
    expect(d.overdueActions).toEqual({
      total: 1,
      rows: [{ riskId: treated.id, systemName: riskySystem.name, threatName: treated.threatName, action: 'Train the ward staff', owner: 'Ward manager', due: '2026-02-01' }],
    });
    expect(d.acceptancesExpiring).toEqual({ total: 1, rows: [{ riskId: accepted.id, systemName: riskySystem.name, threatName: accepted.threatName, band: accepted.band, expiry: '2026-05-01' }] });

    // Re-assessments: the changed system now; the risky one when its acceptance lapses (46 days).
    expect(d.reassessments.within).toEqual({ overdue: 1, days30: 1, days60: 2, days90: 2 });
    expect(d.reassessments.rows).toEqual([
      { systemId: inUse, systemName: 'Bed-flow forecaster', due: '2026-03-15', inDays: -1, why: 'New model version recorded: Retrained on 2025 data' },
      {
        systemId: risky,
        systemName: riskySystem.name,
        due: '2026-05-01',
        inDays: 46,
        why: `The acceptance of "${accepted.threatName}" expires on 2026-05-01; the system is re-assessed when it lapses.`,
      },
    ]);

    // The request to the waiting system's vendor; the archived system's is left out.
    expect(d.vendorRequests).toEqual({
      total: 1,
      rows: [{ requestId: request.request.id, assessmentId: waitingAssessment, systemName: 'Sleep scorer', vendor: 'Quiet Analytics', issuedAt: expect.stringMatching(/^2026-03-15T/), expiresAt: expect.stringMatching(/^2026-04-14T/) }],
    });

    // The trend: nothing before January; January's risks; one fewer from February (verified); March adds the in-use system's.
    const point = (month: string) => d.bandTrend.find((p) => p.month === month)?.counts;
    expect(point('2025-12')).toEqual({ low: 0, medium: 0, high: 0, critical: 0 });
    expect(point('2026-01')).toEqual(januaryCounts);
    expect(point('2026-02')).toEqual({ ...januaryCounts, [verified.band]: (januaryCounts[verified.band] ?? 0) - 1 });
    expect(point('2026-03')).toEqual(Object.fromEntries(expected.bands.map((b) => [b.band, b.residual])));
    expect(d.bandTrend).toHaveLength(12);

    // Every figure is the total of the list its link opens (risks.page, systems.page).
    const risksTotal = async (filter: Record<string, unknown>) => (await c.call('risks.page', filter)).total;
    expect(await risksTotal({ openOnly: true })).toBe(d.totals.openRisks);
    expect(await risksTotal({ aboveAppetite: true, openOnly: true })).toBe(d.totals.aboveAppetite);
    expect(await risksTotal({ overdue: true })).toBe(d.totals.overdue);
    expect(await risksTotal({ acceptanceExpiresWithinDays: 90 })).toBe(d.acceptancesExpiring.total);
    for (const b of d.bands) expect(await risksTotal({ band: b.band, openOnly: true }), b.band).toBe(b.residual);
    for (const cell of d.heatMap) {
      expect(await risksTotal({ residualLikelihood: cell.likelihood, residualImpact: cell.impact, openOnly: true }), `${cell.likelihood}×${cell.impact}`).toBe(cell.count);
    }
    for (const row of d.aboveAppetiteBySystem.rows) expect(await risksTotal({ systemId: row.systemId, aboveAppetite: true, openOnly: true })).toBe(row.count);
    for (const row of d.aboveAppetiteByVendor.rows) expect(await risksTotal({ vendor: row.vendor, aboveAppetite: true, openOnly: true })).toBe(row.count);
    const systemsDue = async (days: number) => (await c.call('systems.page', { reviewDueWithinDays: days })).total;
    expect([await systemsDue(30), await systemsDue(60), await systemsDue(90)]).toEqual([d.reassessments.within.days30, d.reassessments.within.days60, d.reassessments.within.days90]);
    expect((await c.call('systems.page', { reviewDueWithinDays: 90 })).rows.map((s) => [s.name, s.nextReview])).toEqual([
      ['Bed-flow forecaster', '2026-03-16'],
      [riskySystem.name, '2026-05-01'],
    ]);
  });
});
