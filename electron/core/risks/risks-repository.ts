import { expressionBuilder, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { LevelPair, type RiskPageInput, type RiskSort, type ThreatScore } from '../../contract/index.ts';
import type { BandOrder } from '../rules/band-order.ts';
import { addDays, bandRankOf, containsTerm, isIn, missingLast } from '../store/page-sql.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { Schema } from '../store/schema.ts';
import { nextWorkflowRevision } from '../store/workflow-revision.ts';
import { naturalSortKey } from '../rules/natural-sort-key.ts';
import { closedRiskStatuses, riskDueDateOfSnapshot } from '../rules/risk-due-date.ts';
import type { Revised, RevisionStamp } from '../rules/revisions.ts';

/** A likelihood/impact pair with its score and band (a threat's, and the risk opened for it). */
type Levels = ThreatScore['residual'];

/** A risk as stored, with the name of its system. */
export interface RiskRecord {
  id: string;
  assessmentId: string;
  systemId: string;
  systemName: string;
  threatId: string;
  threatName: string;
  inherent: Levels;
  residual: Levels;
  band: string;
  owner: string;
  status: string;
  /** The risk machine's persisted state (JSON), restored by the workflow's decoder. */
  snapshot: string;
  /** The workflow state's revision and who last changed it (optimistic concurrency). */
  workflow: Revised;
  openedAt: string;
  updatedAt: string;
}

/** risks.page's input, with what the query needs from outside the database. */
export type RiskPageQuery = z.output<typeof RiskPageInput> & {
  /** The matrix in force: band ranks and the bands above appetite. */
  bands: BandOrder;
  /** Today (YYYY-MM-DD): what is due before it is overdue. */
  today: string;
};

/** One page of risks and the figures over every risk matching the filters. */
export interface RiskPageRecords {
  rows: RiskRecord[];
  total: number;
  aboveAppetite: number;
  overdue: number;
}

export interface RisksRepository {
  find(id: string): Promise<RiskRecord | undefined>;
  /** One page of the register, filtered, searched and sorted in SQL (docs/lists.md). */
  page(query: RiskPageQuery): Promise<RiskPageRecords>;
  /** The risks among `ids` with their owners (those not found are left out). */
  ownersOf(ids: readonly string[]): Promise<{ id: string; owner: string }[]>;
  /** Makes `owner` the owner of the risks `ids`. */
  setOwner(ids: readonly string[], owner: string, at: string): Promise<void>;
  /** The risks opened for an assessment, by threat. */
  ofAssessment(assessmentId: string): Promise<RiskRecord[]>;
  /** Every risk (or a system's), newest first, then by threat. */
  list(systemId?: string): Promise<RiskRecord[]>;
  /**
   * The risk an assessment already opened for a threat, with its residual levels as the JSON
   * text stored: a resubmission rescores it only when that text changes.
   */
  openedFor(assessmentId: string, threatId: string): Promise<{ id: string; residualJson: string } | undefined>;
  /** Ids of a system's risks (its history gathers their ledger entries). */
  idsOfSystem(systemId: string): Promise<string[]>;
  /** Ids of the risks whose acceptance stands (the sweep checks their expiry). */
  acceptedIds(): Promise<string[]>;
  insert(risk: {
    id: string;
    assessmentId: string;
    systemId: string;
    threatId: string;
    threatName: string;
    inherent: Levels;
    residual: Levels;
    band: string;
    snapshot: string;
    at: string;
    actor: string;
  }): Promise<void>;
  rescore(id: string, levels: { inherent: Levels; residual: Levels; band: string }, at: string): Promise<void>;
  /** A transition: the machine's new state and snapshot, and the owner a treatment names; bumps the workflow revision. */
  saveState(id: string, state: { status: string; snapshot: string; owner: string }, stamp: RevisionStamp): Promise<void>;
}

/** The residual levels as stored: what `openedFor` compares a rescore against. */
export const levelsJson = (levels: Levels): string => JSON.stringify(levels);

/** The levels' columns (migration 010), written with the JSON documents they come from. */
const levelColumns = (levels: { inherent: Levels; residual: Levels; band: string }) => ({
  inherent: levelsJson(levels.inherent),
  residual: levelsJson(levels.residual),
  band: levels.band,
  residual_likelihood: levels.residual.likelihood,
  residual_impact: levels.residual.impact,
  residual_score: levels.residual.score,
  inherent_score: levels.inherent.score,
  inherent_band: levels.inherent.band,
});

type RiskTables = Schema & { r: Schema['risks']; s: Schema['systems'] };
type RiskExpressions = ExpressionBuilder<RiskTables, 'r' | 's'>;

/** Not closed or verified, and due before today. */
const isOverdue = (eb: RiskExpressions, today: string) =>
  eb.and([eb.not(isIn(eb.ref('r.status'), closedRiskStatuses)), eb('r.due_date', 'is not', null), eb('r.due_date', '<', today)]);

/** The filters and the search of risks.page, as one condition. */
function riskConditions(eb: RiskExpressions, q: RiskPageQuery): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  const open = eb.not(isIn(eb.ref('r.status'), closedRiskStatuses));
  const above = isIn(eb.ref('r.band'), q.bands.aboveAppetite);
  if (q.systemId !== undefined) all.push(eb('r.system_id', '=', q.systemId));
  if (q.assessmentId !== undefined) all.push(eb('r.assessment_id', '=', q.assessmentId));
  if (q.vendor !== undefined) all.push(eb(eb.fn('lower', ['s.vendor']), '=', eb.fn('lower', [eb.val(q.vendor)])));
  if (q.band !== undefined) all.push(eb('r.band', '=', q.band));
  if (q.status !== undefined) all.push(eb('r.status', '=', q.status));
  if (q.owner !== undefined) all.push(eb(eb.fn('lower', ['r.owner']), '=', eb.fn('lower', [eb.val(q.owner.trim())])));
  if (q.openOnly === true) all.push(open);
  if (q.openOnly === false) all.push(eb.not(open));
  if (q.overdue !== undefined) all.push(q.overdue ? isOverdue(eb, q.today) : eb.not(isOverdue(eb, q.today)));
  if (q.aboveAppetite !== undefined) all.push(q.aboveAppetite ? above : eb.not(above));
  if (q.acceptanceExpiresWithinDays !== undefined) {
    // An accepted risk is due when its acceptance expires (riskDueDate).
    all.push(eb.and([eb('r.status', '=', 'accepted'), eb('r.due_date', 'is not', null), eb('r.due_date', '<=', addDays(q.today, q.acceptanceExpiresWithinDays))]));
  }
  if (q.residualLikelihood !== undefined) all.push(eb('r.residual_likelihood', '=', q.residualLikelihood));
  if (q.residualImpact !== undefined) all.push(eb('r.residual_impact', '=', q.residualImpact));
  if (q.search !== '') {
    all.push(containsTerm([eb.ref('r.id'), eb.ref('r.threat_id'), eb.ref('r.threat_name'), eb.ref('s.name'), eb.ref('s.vendor'), eb.ref('r.owner'), eb.ref('r.assessment_id')], q.search));
  }
  return eb.and(all);
}

/** What each sort orders by, before the id that breaks ties; names in natural order (their keys). */
function riskSortKeys(eb: RiskExpressions, sort: RiskSort, bands: BandOrder): Expression<unknown>[] {
  switch (sort) {
    case 'systemName':
      return [eb.ref('s.name_key')];
    case 'threatName':
      return [eb.ref('r.threat_key')];
    case 'residual':
      return [eb.ref('r.residual_score'), bandRankOf(eb.ref('r.band'), bands)];
    case 'inherent':
      return [eb.ref('r.inherent_score'), bandRankOf(eb.ref('r.inherent_band'), bands)];
    case 'status':
      return [eb.ref('r.status')];
    case 'owner':
      return [eb.fn('lower', ['r.owner'])];
    case 'dueDate':
      return [eb.ref('r.due_date')];
    case 'openedAt':
      return [eb.ref('r.opened_at')];
    case 'updatedAt':
      return [eb.ref('r.updated_at')];
  }
}

export function createRisksRepository(db: Kysely<Schema>): RisksRepository {
  const withSystem = () =>
    db
      .selectFrom('risks as r')
      .innerJoin('systems as s', 's.id', 'r.system_id')
      .selectAll('r')
      .select('s.name as system_name');
  type Joined = Awaited<ReturnType<ReturnType<typeof withSystem>['executeTakeFirstOrThrow']>>;

  const toRecord = (r: Joined): RiskRecord => ({
    id: r.id,
    assessmentId: r.assessment_id,
    systemId: r.system_id,
    systemName: r.system_name,
    threatId: r.threat_id,
    threatName: r.threat_name,
    inherent: decodeJson(LevelPair, r.inherent, `risks.inherent of ${r.id}`),
    residual: decodeJson(LevelPair, r.residual, `risks.residual of ${r.id}`),
    band: r.band,
    owner: r.owner,
    status: r.status,
    snapshot: r.snapshot,
    workflow: { revision: r.workflow_revision, revisedBy: r.workflow_revised_by, revisedAt: r.workflow_revised_at },
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
  });

  return {
    find: async (id) => {
      const row = await withSystem().where('r.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    page: async (q) => {
      const figures = await db
        .selectFrom('risks as r')
        .innerJoin('systems as s', 's.id', 'r.system_id')
        .where((eb) => riskConditions(eb, q))
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(isIn(eb.ref('r.band'), q.bands.aboveAppetite)).then(1).else(0).end()), eb.lit(0)).as('above'),
          eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(isOverdue(eb, q.today)).then(1).else(0).end()), eb.lit(0)).as('overdue'),
        ])
        .executeTakeFirstOrThrow();
      let query = withSystem().where((eb) => riskConditions(eb, q));
      // Missing due dates come last whichever way the list runs.
      if (q.sort === 'dueDate') query = query.orderBy((eb) => missingLast(eb.ref('r.due_date')));
      for (const key of riskSortKeys(expressionBuilder<RiskTables, 'r' | 's'>(), q.sort, q.bands)) query = query.orderBy(key, q.direction);
      const rows = await query.orderBy('r.id', q.direction).limit(q.limit).offset(q.offset).execute();
      return { rows: rows.map(toRecord), total: Number(figures.total), aboveAppetite: Number(figures.above), overdue: Number(figures.overdue) };
    },
    ownersOf: async (ids) =>
      ids.length === 0 ? [] : db.selectFrom('risks').select(['id', 'owner']).where('id', 'in', [...ids]).orderBy('id').execute(),
    setOwner: async (ids, owner, at) => {
      if (ids.length === 0) return;
      await db.updateTable('risks').set({ owner, updated_at: at }).where('id', 'in', [...ids]).execute();
    },
    ofAssessment: async (assessmentId) => (await withSystem().where('r.assessment_id', '=', assessmentId).orderBy('r.threat_id').execute()).map(toRecord),
    list: async (systemId) => {
      let query = withSystem();
      if (systemId !== undefined) query = query.where('r.system_id', '=', systemId);
      return (await query.orderBy('r.opened_at', 'desc').orderBy('r.threat_id').execute()).map(toRecord);
    },
    openedFor: async (assessmentId, threatId) => {
      const row = await db
        .selectFrom('risks')
        .select(['id', 'residual'])
        .where('assessment_id', '=', assessmentId)
        .where('threat_id', '=', threatId)
        .executeTakeFirst();
      return row && { id: row.id, residualJson: row.residual };
    },
    idsOfSystem: async (systemId) => (await db.selectFrom('risks').select('id').where('system_id', '=', systemId).execute()).map((r) => r.id),
    acceptedIds: async () => (await db.selectFrom('risks').select('id').where('status', '=', 'accepted').execute()).map((r) => r.id),
    insert: async (risk) => {
      await db
        .insertInto('risks')
        .values({
          id: risk.id,
          assessment_id: risk.assessmentId,
          system_id: risk.systemId,
          threat_id: risk.threatId,
          threat_name: risk.threatName,
          threat_key: naturalSortKey(risk.threatName),
          ...levelColumns(risk),
          owner: '',
          status: 'identified',
          snapshot: risk.snapshot,
          due_date: riskDueDateOfSnapshot('identified', risk.snapshot),
          opened_at: risk.at,
          updated_at: risk.at,
          workflow_revision: 1,
          workflow_revised_by: risk.actor,
          workflow_revised_at: risk.at,
        })
        .execute();
    },
    rescore: async (id, levels, at) => {
      await db
        .updateTable('risks')
        .set({ ...levelColumns(levels), updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    saveState: async (id, state, stamp) => {
      await db
        .updateTable('risks')
        .set({
          status: state.status,
          snapshot: state.snapshot,
          due_date: riskDueDateOfSnapshot(state.status, state.snapshot),
          owner: state.owner,
          updated_at: stamp.at,
          ...nextWorkflowRevision(stamp),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
