import { z } from 'zod';

/**
 * dashboard.summary (docs/dashboard.md): the portfolio at a glance, the landing page. Every
 * figure is counted in SQL over the whole portfolio; each part carries what the page needs to
 * link to the list behind it (a filter of risks.page or systems.page). "Open" risks are those
 * not closed or verified; archived systems are left out everywhere.
 */

/** How many of the first rows a part lists by name; its count covers them all. */
export const dashboardListLength = 10;

const count = z.number().int();

export const DashboardBandCount = z.object({
  band: z.string(),
  /** Open risks whose inherent (before controls) / residual (after controls) band this is. */
  inherent: count,
  residual: count,
});

export const DashboardSystemCount = z.object({ systemId: z.string(), systemName: z.string(), vendor: z.string(), count });
export const DashboardVendorCount = z.object({ vendor: z.string(), systems: count, count });

export const DashboardHeatCell = z.object({ likelihood: z.number().int(), impact: z.number().int(), band: z.string(), count });

export const DashboardOverdueAction = z.object({
  riskId: z.string(),
  systemName: z.string(),
  threatName: z.string(),
  action: z.string(),
  owner: z.string(),
  due: z.string(),
});

export const reassessmentWindows = [30, 60, 90] as const;
export const DashboardReassessment = z.object({
  systemId: z.string(),
  systemName: z.string(),
  due: z.string(),
  /** Days from today (negative: overdue). */
  inDays: z.number().int(),
  /** Why it is due, in words: the periodic cycle, a recorded change or incident, an expiring acceptance. */
  why: z.string(),
});

export const DashboardAcceptance = z.object({ riskId: z.string(), systemName: z.string(), threatName: z.string(), band: z.string(), expiry: z.string() });

export const DashboardVendorRequest = z.object({
  requestId: z.string(),
  assessmentId: z.string(),
  systemName: z.string(),
  vendor: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
});

/** A monitored system whose latest month breaches a criterion, or whose monitoring data is overdue (issue 20, docs/monitoring.md). */
export const DashboardMonitoringRow = z.object({
  systemId: z.string(),
  systemName: z.string(),
  /** The latest month with data (null: none yet). */
  latestPeriod: z.string().nullable(),
  /** Criteria breached in their latest month with data. */
  breaches: count,
  overdue: z.boolean(),
  /** In words: the breach (and how many more), and/or how late the data is. */
  detail: z.string(),
});

/** Open risks by residual band at the end of a month, replayed from the audit ledger. */
export const DashboardTrendPoint = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), counts: z.record(z.string(), count) });

export const Dashboard = z.object({
  /** The day the figures are for (YYYY-MM-DD). */
  asOf: z.string(),
  totals: z.object({ systems: count, openRisks: count, aboveAppetite: count, overdue: count }),
  /** Every band of the matrix, lowest first, with its open-risk counts. */
  bands: z.array(DashboardBandCount),
  aboveAppetiteBySystem: z.object({ total: count, rows: z.array(DashboardSystemCount) }),
  aboveAppetiteByVendor: z.object({ total: count, rows: z.array(DashboardVendorCount) }),
  /** Open risks by residual likelihood × impact: every cell of the matrix, empty ones with 0. */
  heatMap: z.array(DashboardHeatCell),
  /**
   * Open risks under treatment with an action past due (total: those risks, found by their due
   * date), and the overdue actions of the first of them, earliest first (docs/dashboard.md).
   */
  overdueActions: z.object({ total: count, rows: z.array(DashboardOverdueAction) }),
  /** Systems due for re-assessment within 90 days (overdue first), with the count per window. */
  reassessments: z.object({
    within: z.object({ overdue: count, days30: count, days60: count, days90: count }),
    rows: z.array(DashboardReassessment),
  }),
  /** Accepted risks whose acceptance expires within 90 days (or has expired). */
  acceptancesExpiring: z.object({ total: count, rows: z.array(DashboardAcceptance) }),
  /** Vendor requests sent and not yet answered, not expired. */
  vendorRequests: z.object({ total: count, rows: z.array(DashboardVendorRequest) }),
  /** Monitored systems (acceptance criteria in force) breaching in their latest month, or with data overdue; breaching first. */
  monitoring: z.object({ breaching: count, overdue: count, rows: z.array(DashboardMonitoringRow) }),
  /** The last 12 months, oldest first. */
  bandTrend: z.array(DashboardTrendPoint),
});
export type Dashboard = z.output<typeof Dashboard>;
