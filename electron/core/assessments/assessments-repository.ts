import type { Kysely } from 'kysely';
import { assessmentStages, assessmentStatuses, currentScoringModel, type AssessmentSummary, type Progress, type ThreatProfile } from '../../contract/index.ts';
import type { StoredResolution } from '../scoring/contradictions.ts';
import { isApproved } from '../rules/statuses.ts';
import type { Row, Schema } from '../store/schema.ts';
import { nextWorkflowRevision } from '../store/workflow-revision.ts';
import { prepareQuery } from '../store/prepared-query.ts';
import { decodeTemplateSnapshot, type TemplateSnapshot } from './snapshot.ts';
import { assessmentPage, type AssessmentListQuery, type AssessmentListRow } from './assessment-page-repository.ts';

/** An assessment as stored: the review workflow reads its review snapshot and dates. */
export type AssessmentRow = Row<'assessments'>;

type Stage = AssessmentSummary['stage'];
type Status = AssessmentSummary['status'];

const approved: readonly Status[] = assessmentStatuses.filter(isApproved);

/** The status a review machine state stands for; every state of the machine is one. */
export function assessmentStatus(state: string): Status {
  const status = assessmentStatuses.find((s) => s === state);
  if (!status) throw new Error(`The review machine is in "${state}", which is not an assessment status.`);
  return status;
}

export interface NewAssessment {
  id: string;
  systemId: string;
  stage: Stage;
  title: string;
  /** The template snapshot it is pinned to. */
  hash: string;
  at: string;
  actor: string;
  /** The review machine's initial state (JSON). */
  review: string;
  carriedFrom: string | null;
}

export interface AssessmentsRepository {
  /** Stores a template snapshot under its hash unless it is there already (content-addressed). */
  ensureTemplateSnapshot(hash: string, json: string): Promise<void>;
  /** The snapshot stored under `hash`, decoded; a missing one is a broken database. */
  templateSnapshot(hash: string): Promise<TemplateSnapshot>;

  find(id: string): Promise<AssessmentRow | undefined>;
  /** A system's assessments (every system's when null), newest first. */
  list(systemId: string | null): Promise<AssessmentRow[]>;
  /** The system's newest assessment, of `stage` when given. */
  latestOfSystem(systemId: string, stage: string | null): Promise<AssessmentRow | undefined>;
  /** The system's approved assessments, in the order they were decided. */
  approvedOfSystem(systemId: string): Promise<AssessmentRow[]>;
  /** A new draft, on today's scoring model. */
  insert(assessment: NewAssessment): Promise<void>;
  /** Re-pins an assessment to a scoring model and template snapshot (the caller rewrites its answers). */
  setScoring(change: { id: string; model: AssessmentRow['scoring_model']; hash: string; at: string }): Promise<void>;
  /** Marks a change to the assessment at `at`, its status as it is. */
  touch(id: string, at: string, status: Status): Promise<void>;
  /**
   * Stores the review machine's state and the status it stands for (bumping its workflow
   * revision, `by` having made the change); the dates are kept unless given.
   */
  saveReview(change: { id: string; status: Status; snapshot: string; at: string; by: string; submittedAt?: string | null | undefined; decidedAt?: string | null | undefined }): Promise<void>;

  /** How assessors settled contradictions, by control id. */
  resolutions(assessmentId: string): Promise<Map<string, StoredResolution>>;
  saveResolution(resolution: { assessmentId: string; controlId: string } & StoredResolution): Promise<void>;

  /**
   * Stores the latest scores of an assessment, replacing the ones before, and what the lists
   * sort by beside it on the assessment (overall band, highest residual, required progress).
   */
  saveProfile(profile: ThreatProfile, progress: Pick<Progress, 'requiredAnswered' | 'required'>): Promise<void>;

  /** One page of assessments (assessments.page, reviews.page) and how many match in all. */
  page(query: AssessmentListQuery): Promise<{ rows: AssessmentListRow[]; total: number }>;
}

// Run on every answer saved (see prepared-query.ts).
const assessmentById = prepareQuery((db, p: { id: string }) => db.selectFrom('assessments').selectAll().where('id', '=', p.id));
const approvedOf = prepareQuery((db, p: { systemId: string }) =>
  db
    .selectFrom('assessments')
    .selectAll()
    .where('system_id', '=', p.systemId)
    .where('status', 'in', approved)
    .orderBy('decided_at')
    .orderBy('created_at')
    .orderBy('id'),
);
const touchAssessment = prepareQuery((db, p: { id: string; at: string; status: Status }) =>
  db.updateTable('assessments').set({ updated_at: p.at, status: p.status }).where('id', '=', p.id),
);
const resolutionsOf = prepareQuery((db, p: { assessmentId: string }) =>
  db
    .selectFrom('contradiction_resolutions')
    .select(['control_id', 'decision', 'fingerprint', 'note', 'resolved_by', 'resolved_at'])
    .where('assessment_id', '=', p.assessmentId),
);
const upsertProfile = prepareQuery((db, p: Row<'threat_profiles'>) =>
  db
    .insertInto('threat_profiles')
    .values({ assessment_id: p.assessment_id, profile: p.profile, scored_at: p.scored_at })
    .onConflict((oc) => oc.column('assessment_id').doUpdateSet((eb) => ({ profile: eb.ref('excluded.profile'), scored_at: eb.ref('excluded.scored_at') }))),
);
const storeListColumns = prepareQuery(
  (db, p: { id: string; band: string; highestResidual: number; requiredAnswered: number; required: number }) =>
    db
      .updateTable('assessments')
      .set({ overall_band: p.band, highest_residual: p.highestResidual, required_answered: p.requiredAnswered, required_count: p.required })
      .where('id', '=', p.id),
);

export function createAssessmentsRepository(db: Kysely<Schema>): AssessmentsRepository {
  return {
    ensureTemplateSnapshot: async (hash, json) => {
      // Looked up first: the content is large, and usually stored already.
      const stored = await db.selectFrom('template_snapshots').select('hash').where('hash', '=', hash).executeTakeFirst();
      if (!stored) await db.insertInto('template_snapshots').values({ hash, content: json }).execute();
    },
    templateSnapshot: async (hash) => {
      const row = await db.selectFrom('template_snapshots').select('content').where('hash', '=', hash).executeTakeFirst();
      if (!row) throw new Error(`template snapshot ${hash} is missing`);
      return decodeTemplateSnapshot(row.content, `template_snapshots.content of ${hash}`);
    },

    find: async (id) => (await assessmentById.execute(db, { id }))[0],
    list: (systemId) => {
      let query = db.selectFrom('assessments').selectAll();
      if (systemId !== null) query = query.where('system_id', '=', systemId);
      return query.orderBy('created_at', 'desc').orderBy('id').execute();
    },
    latestOfSystem: async (systemId, stage) => {
      let query = db.selectFrom('assessments').selectAll().where('system_id', '=', systemId);
      if (stage !== null) {
        const known = assessmentStages.find((s) => s === stage);
        // No assessment is of a stage that does not exist.
        if (!known) return undefined;
        query = query.where('stage', '=', known);
      }
      // Two assessments of a system started in the same millisecond are ordered by id (there is
      // no portable insertion order); before, SQLite's rowid decided.
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },
    approvedOfSystem: (systemId) => approvedOf.execute(db, { systemId }),
    insert: async (a) => {
      await db
        .insertInto('assessments')
        .values({
          id: a.id,
          system_id: a.systemId,
          stage: a.stage,
          title: a.title,
          status: 'draft',
          snapshot_hash: a.hash,
          scoring_model: currentScoringModel,
          review_snapshot: a.review,
          submitted_at: null,
          decided_at: null,
          carried_from: a.carriedFrom,
          created_at: a.at,
          created_by: a.actor,
          updated_at: a.at,
          workflow_revision: 1,
          workflow_revised_by: a.actor,
          workflow_revised_at: a.at,
        })
        .execute();
    },
    setScoring: async ({ id, model, hash, at }) => {
      await db.updateTable('assessments').set({ scoring_model: model, snapshot_hash: hash, updated_at: at }).where('id', '=', id).execute();
    },
    touch: async (id, at, status) => {
      await touchAssessment.execute(db, { id, at, status });
    },
    saveReview: async ({ id, status, snapshot, at, by, submittedAt, decidedAt }) => {
      await db
        .updateTable('assessments')
        .set((eb) => ({
          status,
          review_snapshot: snapshot,
          updated_at: at,
          // A date not given (or null) keeps the one stored.
          submitted_at: submittedAt ?? eb.ref('submitted_at'),
          decided_at: decidedAt ?? eb.ref('decided_at'),
          ...nextWorkflowRevision({ actor: by, at }),
        }))
        .where('id', '=', id)
        .execute();
    },

    resolutions: async (assessmentId) => {
      const rows = await resolutionsOf.execute(db, { assessmentId });
      return new Map(rows.map((r) => [r.control_id, { decision: r.decision, fingerprint: r.fingerprint, note: r.note, by: r.resolved_by, at: r.resolved_at }]));
    },
    saveResolution: async (r) => {
      await db
        .insertInto('contradiction_resolutions')
        .values({
          assessment_id: r.assessmentId,
          control_id: r.controlId,
          decision: r.decision,
          fingerprint: r.fingerprint,
          note: r.note,
          resolved_by: r.by,
          resolved_at: r.at,
        })
        .onConflict((oc) =>
          oc.columns(['assessment_id', 'control_id']).doUpdateSet((eb) => ({
            decision: eb.ref('excluded.decision'),
            fingerprint: eb.ref('excluded.fingerprint'),
            note: eb.ref('excluded.note'),
            resolved_by: eb.ref('excluded.resolved_by'),
            resolved_at: eb.ref('excluded.resolved_at'),
          })),
        )
        .execute();
    },

    saveProfile: async (profile, progress) => {
      await upsertProfile.execute(db, { assessment_id: profile.assessmentId, profile: JSON.stringify(profile), scored_at: profile.scoredAt });
      await storeListColumns.execute(db, {
        id: profile.assessmentId,
        band: profile.overall.band,
        highestResidual: profile.overall.highestResidual,
        requiredAnswered: progress.requiredAnswered,
        required: progress.required,
      });
    },

    page: (query) => assessmentPage(db, query),
  };
}
