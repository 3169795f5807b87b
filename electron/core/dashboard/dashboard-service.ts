import { dashboardListLength, type Dashboard, type RiskMatrix } from '../../contract/index.ts';
import type { Clock } from '../deps.ts';
import type { StoragePort } from '../store/storage-port.ts';
import { parseDueReason } from '../rules/reassessment-reasons.ts';
import type { ReassessmentRow } from './dashboard-repository.ts';
import { bandTrend, trendMonths } from './band-trend.ts';
import { addDays } from '../committee/words.ts';
import { monitoringAttention } from '../monitoring/monitoring-attention.ts';

export interface DashboardService {
  summary(): Promise<Dashboard>;
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / dayMs);

/** When a system is due for re-assessment and why, in words (the repository chose and ordered the rows). */
function dueAndWhy(row: ReassessmentRow, madeDue: { at: string; reason: string } | undefined, today: string): { due: string; why: string } {
  if (row.stage === 'reassessmentDue') {
    const due = madeDue?.at.slice(0, 10) ?? row.scheduled ?? today;
    const reason = parseDueReason(madeDue?.reason ?? '');
    switch (reason.kind) {
      case 'acceptanceExpired':
        return { due, why: 'A risk acceptance expired.' };
      case 'datePassed':
        return { due, why: `The periodic re-assessment date${row.scheduled ? ` (${row.scheduled})` : ''} passed.` };
      case 'event':
        return { due, why: `${reason.label} recorded: ${reason.description}` };
      case 'other':
        return { due, why: reason.text };
    }
  }
  const acceptanceFirst = row.acceptanceExpiry !== null && (row.scheduled === null || row.acceptanceExpiry < row.scheduled);
  if (acceptanceFirst && row.acceptanceExpiry !== null) {
    const threat = row.acceptanceThreat ? `"${row.acceptanceThreat}"` : 'a risk';
    const verb = row.acceptanceExpiry < today ? 'expired' : 'expires';
    return { due: row.acceptanceExpiry, why: `The acceptance of ${threat} ${verb} on ${row.acceptanceExpiry}; the system is re-assessed when it lapses.` };
  }
  const scheduled = row.scheduled ?? today;
  return {
    due: scheduled,
    why: scheduled < today ? `The periodic re-assessment date (${scheduled}) has passed.` : 'Periodic re-assessment, scheduled at the last approval by the residual risk band.',
  };
}

/**
 * dashboard.summary: the portfolio at a glance (docs/dashboard.md). One read transaction; every
 * count comes from SQL, and only the named rows (at most `dashboardListLength` per part) and the
 * ledger events of the risks that changed within the trend's twelve months are read.
 */
export function createDashboardService(deps: { store: StoragePort; clock: Clock; matrix: () => RiskMatrix }): DashboardService {
  return {
    summary: () =>
      deps.store.read(async (r) => {
        const now = deps.clock.now().toISOString();
        const today = now.slice(0, 10);
        const matrix = deps.matrix();
        const bandIds = matrix.bands.map((b) => b.id);
        const aboveBands = bandIds.slice(bandIds.indexOf(matrix.appetite) + 1);
        const limit = dashboardListLength;
        const d = r.dashboard;

        const totals = await d.totals(today, aboveBands);
        const bandCounts = await d.bandCounts();
        const heat = new Map((await d.heatCounts()).map((c) => [`${c.likelihood}:${c.impact}`, c.count]));
        const overdue = await d.overdueTreatments(today, limit);
        const reassessments = await d.reassessments({ today, in30: addDays(today, 30), in60: addDays(today, 60), in90: addDays(today, 90) }, limit);
        const madeDue = await d.madeDue(reassessments.rows.filter((row) => row.stage === 'reassessmentDue').map((row) => row.systemId));

        const months = trendMonths(today);
        const changed = await d.riskIdsChangedSince(months[1]?.start ?? today);
        const trend = bandTrend({
          months,
          bands: bandIds,
          now: bandCounts.residual,
          events: await d.bandEvents(changed),
          risksNow: await d.risksNow(changed),
        });

        return {
          asOf: today,
          totals,
          bands: bandIds.map((band) => ({ band, inherent: bandCounts.inherent.get(band) ?? 0, residual: bandCounts.residual.get(band) ?? 0 })),
          aboveAppetiteBySystem: await d.aboveBySystem(aboveBands, limit),
          aboveAppetiteByVendor: await d.aboveByVendor(aboveBands, limit),
          heatMap: matrix.cells.flatMap((row, l) =>
            row.map((band, i) => ({ likelihood: l + 1, impact: i + 1, band, count: heat.get(`${l + 1}:${i + 1}`) ?? 0 })),
          ),
          overdueActions: {
            total: overdue.total,
            rows: overdue.rows
              .flatMap((risk) =>
                risk.actions
                  .filter((a) => a.due < today)
                  .map((a) => ({ riskId: risk.riskId, systemName: risk.systemName, threatName: risk.threatName, action: a.text, owner: a.owner, due: a.due })),
              )
              .sort((a, b) => a.due.localeCompare(b.due) || a.riskId.localeCompare(b.riskId))
              .slice(0, limit),
          },
          reassessments: {
            within: reassessments.within,
            rows: reassessments.rows.map((row) => {
              const { due, why } = dueAndWhy(row, madeDue.get(row.systemId), today);
              return { systemId: row.systemId, systemName: row.systemName, due, inDays: daysBetween(today, due), why };
            }),
          },
          acceptancesExpiring: await d.acceptancesExpiring(addDays(today, 90), limit),
          vendorRequests: await d.vendorRequests(now, limit),
          monitoring: await monitoringAttention(r, today, limit),
          bandTrend: trend,
        };
      }),
  };
}
