import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { z } from 'zod';
import { decodeJson } from '../store/decode-json.ts';
import type { Schema } from '../store/schema.ts';
import { closedRiskStatuses } from '../rules/risk-due-date.ts';
import { nextReviewSql } from '../store/next-review-sql.ts';

/**
 * The dashboard's aggregates (docs/dashboard.md): every figure is a GROUP BY or a count in SQL
 * over the portfolio's non-archived systems and their open risks (neither closed nor verified),
 * and only the few rows a part names (at most `limit`) are read whole. Portable SQL only: the
 * same queries run on SQLite and PostgreSQL.
 */

export interface Counted<T> {
  total: number;
  rows: T[];
}

export interface SystemAboveRow {
  systemId: string;
  systemName: string;
  vendor: string;
  count: number;
}
export interface VendorAboveRow {
  vendor: string;
  systems: number;
  count: number;
}
export interface HeatCount {
  likelihood: number;
  impact: number;
  count: number;
}
export interface OverdueRiskRow {
  riskId: string;
  systemName: string;
  threatName: string;
  /** The risk's earliest action due date (risks.due_date). */
  due: string;
  /** The treatment's actions, from the risk's stored snapshot (read for the named rows only). */
  actions: { text: string; owner: string; due: string }[];
}
export interface AcceptanceRow {
  riskId: string;
  systemName: string;
  threatName: string;
  band: string;
  expiry: string;
}
export interface ReassessmentRow {
  systemId: string;
  systemName: string;
  stage: string;
  /** The periodic date set at the last approval. */
  scheduled: string | null;
  /** The earliest expiry of the system's standing acceptances, and whose it is. */
  acceptanceExpiry: string | null;
  acceptanceThreat: string | null;
}
export interface VendorRequestRow {
  requestId: string;
  assessmentId: string;
  systemName: string;
  vendor: string;
  issuedAt: string;
  expiresAt: string;
}
/** A ledger event that opens, rescores or verifies a risk (what the band trend replays). */
export interface RiskBandEvent {
  at: string;
  action: string;
  entity: string;
  /** The residual band the event set (opened and rescored), null for a verification. */
  band: string | null;
}
/** A risk as it stands now, for the trend's replay. */
export interface RiskNow {
  id: string;
  band: string;
  open: boolean;
  /** Its system is archived: left out of every point, as it is left out now. */
  archived: boolean;
}

/** The ledger actions the trend replays: a risk opened, rescored, or verified (no longer open). */
export const bandEventActions = ['risk.identified', 'risk.rescored', 'risk.verify'] as const;

export interface WindowCounts {
  overdue: number;
  days30: number;
  days60: number;
  days90: number;
}

export interface DashboardRepository {
  totals(today: string, aboveBands: readonly string[]): Promise<{ systems: number; openRisks: number; aboveAppetite: number; overdue: number }>;
  /** Open risks per residual band and per inherent band. */
  bandCounts(): Promise<{ residual: Map<string, number>; inherent: Map<string, number> }>;
  aboveBySystem(aboveBands: readonly string[], limit: number): Promise<Counted<SystemAboveRow>>;
  aboveByVendor(aboveBands: readonly string[], limit: number): Promise<Counted<VendorAboveRow>>;
  heatCounts(): Promise<HeatCount[]>;
  /** Open risks under treatment (planned, in progress) whose earliest action is past due. */
  overdueTreatments(today: string, limit: number): Promise<Counted<OverdueRiskRow>>;
  /** Standing acceptances expiring on or before `until` (expired ones included), earliest first. */
  acceptancesExpiring(until: string, limit: number): Promise<Counted<AcceptanceRow>>;
  /**
   * Systems (not archived, not retired) due for re-assessment by `nextReviewSql`: counted per
   * window in SQL (due today or before; within 30, 60, 90 days, each including the shorter), and
   * the first `limit` rows by due date.
   */
  reassessments(dates: { today: string; in30: string; in60: string; in90: string }, limit: number): Promise<{ within: WindowCounts; rows: ReassessmentRow[] }>;
  /** For systems made due: the reason the lifecycle recorded the last time it made each one due, and when. */
  madeDue(systemIds: readonly string[]): Promise<Map<string, { at: string; reason: string }>>;
  /** Vendor requests sent, not answered and not expired at `now`, soonest to expire first. */
  vendorRequests(now: string, limit: number): Promise<Counted<VendorRequestRow>>;
  /** The band events from `from` on (the risks the trend's window touches). */
  riskIdsChangedSince(from: string): Promise<string[]>;
  /** Every band event of these risks, oldest first. */
  bandEvents(riskIds: readonly string[]): Promise<RiskBandEvent[]>;
  risksNow(riskIds: readonly string[]): Promise<RiskNow[]>;
  /** Systems (not archived, not retired) with acceptance criteria recorded, by name, with their latest month of monitoring data. */
  monitoredSystems(): Promise<{ systemId: string; systemName: string; latestPeriod: string | null }[]>;
}

/** How many values an IN (…) list carries at a time (well under either engine's parameter limit). */
const chunkSize = 500;
const chunks = <T,>(values: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += chunkSize) out.push(values.slice(i, i + chunkSize));
  return out;
};

const TreatmentActions = z.object({
  context: z.object({
    treatment: z.object({ actions: z.array(z.object({ text: z.string(), owner: z.string(), due: z.string() })) }).nullable().default(null),
  }),
});
const BandPayload = z.object({ residual: z.object({ band: z.string() }).optional() });

const num = (value: number | string | bigint | null | undefined): number => Number(value ?? 0);

export function createDashboardRepository(db: Kysely<Schema>): DashboardRepository {
  /** Open risks of systems not archived. */
  const openRisks = () =>
    db
      .selectFrom('risks as r')
      .innerJoin('systems as s', 's.id', 'r.system_id')
      .where('s.archived_at', 'is', null)
      .where('r.status', 'not in', [...closedRiskStatuses]);

  const countAll = () => sql<number>`count(*)`;

  /** The open risks `narrow` picks: how many, and the first `limit` of them by due date. */
  const dueFirst = async (narrow: (q: ReturnType<typeof openRisks>) => ReturnType<typeof openRisks>, limit: number) => {
    const { n } = await narrow(openRisks()).select(countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await narrow(openRisks())
      .select(['r.id', 's.name as system_name', 'r.threat_name', 'r.band', 'r.due_date', 'r.snapshot'])
      .orderBy('r.due_date')
      .orderBy('r.id')
      .limit(limit)
      .execute();
    return { total: num(n), rows };
  };
  /** An empty band list would be `IN ()`, which neither engine accepts: nothing is above then. */
  const inBands = (column: Expression<string>, bands: readonly string[]): Expression<SqlBool> =>
    bands.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${column} IN (${sql.join(bands)})`;

  return {
    monitoredSystems: async () => {
      const rows = await db
        .selectFrom('systems as s')
        .where('s.archived_at', 'is', null)
        .where('s.lifecycle_stage', '<>', 'retired')
        .where((eb) => eb.exists(eb.selectFrom('monitoring_criteria_sets as c').select('c.assessment_id').whereRef('c.system_id', '=', 's.id')))
        .select((eb) => ['s.id', 's.name', eb.selectFrom('monitoring_values as v').whereRef('v.system_id', '=', 's.id').select((v) => v.fn.max('v.period').as('p')).as('latest')])
        .orderBy('s.name_key')
        .orderBy('s.id')
        .execute();
      return rows.map((row) => ({ systemId: row.id, systemName: row.name, latestPeriod: row.latest ?? null }));
    },
    totals: async (today, aboveBands) => {
      const systems = await db.selectFrom('systems').select(countAll().as('n')).where('archived_at', 'is', null).executeTakeFirstOrThrow();
      const risks = await openRisks()
        .select([
          countAll().as('open'),
          sql<number>`sum(CASE WHEN ${inBands(sql.ref('r.band'), aboveBands)} THEN 1 ELSE 0 END)`.as('above'),
          sql<number>`sum(CASE WHEN r.due_date < ${today} THEN 1 ELSE 0 END)`.as('overdue'),
        ])
        .executeTakeFirstOrThrow();
      return { systems: num(systems.n), openRisks: num(risks.open), aboveAppetite: num(risks.above), overdue: num(risks.overdue) };
    },

    bandCounts: async () => {
      const residual = await openRisks().select(['r.band as band', countAll().as('n')]).groupBy('r.band').execute();
      const inherent = await openRisks().select(['r.inherent_band as band', countAll().as('n')]).groupBy('r.inherent_band').execute();
      return {
        residual: new Map(residual.map((row) => [row.band, num(row.n)])),
        inherent: new Map(inherent.map((row) => [row.band, num(row.n)])),
      };
    },

    aboveBySystem: async (aboveBands, limit) => {
      const above = () => openRisks().where(inBands(sql.ref('r.band'), aboveBands));
      const { n } = await above().select(sql<number>`count(DISTINCT r.system_id)`.as('n')).executeTakeFirstOrThrow();
      const rows = await above()
        .select(['s.id', 's.name', 's.vendor', 's.name_key', countAll().as('n')])
        .groupBy(['s.id', 's.name', 's.vendor', 's.name_key'])
        .orderBy(countAll(), 'desc')
        .orderBy('s.name_key')
        .orderBy('s.id')
        .limit(limit)
        .execute();
      return { total: num(n), rows: rows.map((row) => ({ systemId: row.id, systemName: row.name, vendor: row.vendor, count: num(row.n) })) };
    },

    aboveByVendor: async (aboveBands, limit) => {
      // A vendor is its name without regard to case, as risks.page's vendor filter matches it.
      const above = () => openRisks().where(inBands(sql.ref('r.band'), aboveBands));
      const vendorKey = sql<string>`lower(s.vendor)`;
      const { n } = await above().select(sql<number>`count(DISTINCT lower(s.vendor))`.as('n')).executeTakeFirstOrThrow();
      const rows = await above()
        .select([sql<string>`min(s.vendor)`.as('vendor'), sql<number>`count(DISTINCT s.id)`.as('systems'), countAll().as('n')])
        .groupBy(vendorKey)
        .orderBy(countAll(), 'desc')
        .orderBy(vendorKey)
        .limit(limit)
        .execute();
      return { total: num(n), rows: rows.map((row) => ({ vendor: row.vendor, systems: num(row.systems), count: num(row.n) })) };
    },

    heatCounts: async () =>
      (
        await openRisks()
          .select(['r.residual_likelihood as likelihood', 'r.residual_impact as impact', countAll().as('n')])
          .groupBy(['r.residual_likelihood', 'r.residual_impact'])
          .execute()
      ).map((row) => ({ likelihood: num(row.likelihood), impact: num(row.impact), count: num(row.n) })),

    overdueTreatments: async (today, limit) => {
      // A risk's due date is its earliest action's (an accepted risk's is its expiry): a risk
      // under treatment whose due date has passed has at least one action overdue.
      const { total, rows } = await dueFirst((q) => q.where('r.status', 'in', ['planned', 'inProgress']).where('r.due_date', '<', today), limit);
      return {
        total,
        rows: rows.map((row) => ({
          riskId: row.id,
          systemName: row.system_name,
          threatName: row.threat_name,
          due: row.due_date ?? '',
          actions: decodeJson(TreatmentActions, row.snapshot, `risks.snapshot of ${row.id}`).context.treatment?.actions ?? [],
        })),
      };
    },

    acceptancesExpiring: async (until, limit) => {
      // While a risk is accepted its due date is the acceptance's expiry (it has no treatment).
      const { total, rows } = await dueFirst((q) => q.where('r.status', '=', 'accepted').where('r.due_date', '<=', until), limit);
      return { total, rows: rows.map((row) => ({ riskId: row.id, systemName: row.system_name, threatName: row.threat_name, band: row.band, expiry: row.due_date ?? '' })) };
    },

    reassessments: async ({ today, in30, in60, in90 }, limit) => {
      // One rule for when a system is next due (store/next-review-sql.ts), as systems.page's next review.
      const dated = db
        .selectFrom('systems as s')
        .select(['s.id', 's.name', 's.name_key', 's.lifecycle_stage', 's.reassessment_due'])
        .select(nextReviewSql(today).as('due'))
        .select((eb) =>
          eb
            .selectFrom('risks as a')
            .select(sql<string | null>`min(a.due_date)`.as('expiry'))
            .whereRef('a.system_id', '=', 's.id')
            .where('a.status', '=', 'accepted')
            .as('acceptance_expiry'),
        )
        .where('s.archived_at', 'is', null);
      const within = (date: string) => sql<number>`sum(CASE WHEN d.due <= ${date} THEN 1 ELSE 0 END)`;
      const counts = await db
        .selectFrom(dated.as('d'))
        .select([within(today).as('overdue'), within(in30).as('days30'), within(in60).as('days60'), within(in90).as('days90')])
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom(dated.as('d'))
        .selectAll('d')
        .where('d.due', 'is not', null)
        .where('d.due', '<=', in90)
        .orderBy('d.due')
        .orderBy('d.name_key')
        .orderBy('d.id')
        .limit(limit)
        .execute();
      const threats = new Map<string, string>();
      for (const row of rows.filter((r) => r.acceptance_expiry !== null)) {
        const first = await db
          .selectFrom('risks')
          .select('threat_name')
          .where('system_id', '=', row.id)
          .where('status', '=', 'accepted')
          .where('due_date', '=', row.acceptance_expiry)
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (first) threats.set(row.id, first.threat_name);
      }
      return {
        within: { overdue: num(counts.overdue), days30: num(counts.days30), days60: num(counts.days60), days90: num(counts.days90) },
        rows: rows.map((row) => ({
          systemId: row.id,
          systemName: row.name,
          stage: row.lifecycle_stage,
          scheduled: row.reassessment_due,
          acceptanceExpiry: row.acceptance_expiry,
          acceptanceThreat: threats.get(row.id) ?? null,
        })),
      };
    },

    madeDue: async (systemIds) => {
      const found = new Map<string, { at: string; reason: string }>();
      if (systemIds.length === 0) return found;
      const rows = await db
        .selectFrom('audit_events')
        .select(['entity', 'at', 'payload'])
        .where('action', '=', 'lifecycle.reassessmentDue')
        .where('entity', 'in', [...systemIds])
        .orderBy('seq')
        .execute();
      for (const row of rows) {
        const { reason } = decodeJson(z.object({ reason: z.string().default('') }), row.payload, `the ledger's lifecycle.reassessmentDue of ${row.entity}`);
        found.set(row.entity, { at: row.at, reason });
      }
      return found;
    },

    vendorRequests: async (now, limit) => {
      const outstanding = () =>
        db
          .selectFrom('vendor_requests as v')
          .innerJoin('assessments as a', 'a.id', 'v.assessment_id')
          .innerJoin('systems as s', 's.id', 'a.system_id')
          .where('s.archived_at', 'is', null)
          .where('v.imported_at', 'is', null)
          .where('v.expires_at', '>=', now);
      const { n } = await outstanding().select(countAll().as('n')).executeTakeFirstOrThrow();
      const rows = await outstanding()
        .select(['v.id', 'v.assessment_id', 's.name', 's.vendor', 'v.issued_at', 'v.expires_at'])
        .orderBy('v.expires_at')
        .orderBy('v.id')
        .limit(limit)
        .execute();
      return {
        total: num(n),
        rows: rows.map((row) => ({ requestId: row.id, assessmentId: row.assessment_id, systemName: row.name, vendor: row.vendor, issuedAt: row.issued_at, expiresAt: row.expires_at })),
      };
    },

    riskIdsChangedSince: async (from) =>
      (
        await db
          .selectFrom('audit_events')
          .select('entity')
          .distinct()
          .where('action', 'in', [...bandEventActions])
          .where('at', '>=', from)
          .execute()
      ).map((row) => row.entity),

    bandEvents: async (riskIds) => {
      const events: (RiskBandEvent & { seq: number })[] = [];
      // The ledger has no index on entity: past one list's worth of risks, one pass over the
      // risk events beats a pass per list.
      const wanted = new Set(riskIds);
      const lists = riskIds.length > chunkSize ? [null] : chunks(riskIds);
      for (const ids of lists) {
        let query = db.selectFrom('audit_events').select(['seq', 'at', 'action', 'entity', 'payload']).where('action', 'in', [...bandEventActions]);
        if (ids !== null) query = query.where('entity', 'in', ids);
        const rows = (await query.execute()).filter((row) => wanted.has(row.entity));
        for (const row of rows) {
          const band = row.action === 'risk.verify' ? null : (decodeJson(BandPayload, row.payload, `the ledger's ${row.action} of ${row.entity}`).residual?.band ?? null);
          events.push({ seq: num(row.seq), at: row.at, action: row.action, entity: row.entity, band });
        }
      }
      return events.sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...event }) => event);
    },

    risksNow: async (riskIds) => {
      const found: RiskNow[] = [];
      for (const ids of chunks(riskIds)) {
        const rows = await db
          .selectFrom('risks as r')
          .innerJoin('systems as s', 's.id', 'r.system_id')
          .select(['r.id', 'r.band', 'r.status', 's.archived_at'])
          .where('r.id', 'in', ids)
          .execute();
        for (const row of rows) found.push({ id: row.id, band: row.band, open: !closedRiskStatuses.includes(row.status), archived: row.archived_at !== null });
      }
      return found;
    },
  };
}
