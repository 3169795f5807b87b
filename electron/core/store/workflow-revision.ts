import { sql } from 'kysely';
import type { RevisionStamp } from '../rules/revisions.ts';

/**
 * The columns every write of a workflow state sets (systems' lifecycle, assessments' review,
 * risks' treatment — migration 008): the revision bumped by one, and who made the write and when.
 * Spread into the `set` of that write.
 */
export const nextWorkflowRevision = (stamp: RevisionStamp) => ({
  workflow_revision: sql<number>`workflow_revision + 1`,
  workflow_revised_by: stamp.actor,
  workflow_revised_at: stamp.at,
});
