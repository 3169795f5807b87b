import type { Kysely } from 'kysely';
import { LevelPair, type ThreatScore } from '../../contract/index.ts';
import { decodeJson } from '../store/decode-json.ts';
import type { Schema } from '../store/schema.ts';
import { nextWorkflowRevision } from '../store/workflow-revision.ts';
import { naturalSortKey } from '../rules/natural-sort-key.ts';
import { riskDueDateOfSnapshot } from '../rules/risk-due-date.ts';
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

export interface RisksRepository {
  find(id: string): Promise<RiskRecord | undefined>;
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
