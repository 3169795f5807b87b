import type { Kysely } from 'kysely';
import type { SystemEvent } from '../../contract/index.ts';
import type { Row, Schema } from '../store/schema.ts';

const toEvent = (r: Row<'system_events'>): SystemEvent => ({
  id: r.id,
  systemId: r.system_id,
  kind: r.kind,
  description: r.description,
  modelVersion: r.model_version,
  provenance: r.provenance,
  datasetDigest: r.dataset_digest,
  changeNotice: r.change_notice,
  occurredAt: r.occurred_at,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  assessmentId: r.assessment_id,
});

/**
 * The system events the workflow records: model and data changes, incidents, drift alerts.
 * (The machines' own state lives with what they move: a system's lifecycle in the systems
 * table, an assessment's review in assessments, a risk's treatment in risks.)
 */
export interface WorkflowRepository {
  insertEvent(event: SystemEvent): Promise<void>;
  /** A system's events, in the order they happened (then were recorded). */
  eventsOf(systemId: string): Promise<SystemEvent[]>;
}

export function createWorkflowRepository(db: Kysely<Schema>): WorkflowRepository {
  return {
    insertEvent: async (e) => {
      await db
        .insertInto('system_events')
        .values({
          id: e.id,
          system_id: e.systemId,
          kind: e.kind,
          description: e.description,
          model_version: e.modelVersion,
          provenance: e.provenance,
          dataset_digest: e.datasetDigest,
          change_notice: e.changeNotice,
          occurred_at: e.occurredAt,
          recorded_by: e.recordedBy,
          recorded_at: e.recordedAt,
          assessment_id: e.assessmentId,
        })
        .execute();
    },
    eventsOf: async (systemId) =>
      (await db.selectFrom('system_events').selectAll().where('system_id', '=', systemId).orderBy('occurred_at').orderBy('recorded_at').execute()).map(toEvent),
  };
}
