import { isEditable } from './statuses.ts';

/**
 * Which assessments count now. Of a system's assessments of one stage, the latest that has been
 * submitted (by created time, then id) is current; older ones are superseded, and their risks
 * are history, not the register. A draft still being written supersedes nothing: while a
 * re-assessment is in progress the committee keeps deciding from the last submitted one, whose
 * risks stay in the register. Only a stage with no submitted assessment at all is represented by
 * its latest draft. The committee summary and the register both mean this.
 */

export interface StagedAssessment {
  id: string;
  systemId: string;
  stage: string;
  status: string;
  createdAt: string;
}

/** Newer first: later created time, then the larger id (two started in the same millisecond). */
export const newerFirst = (a: StagedAssessment, b: StagedAssessment): number => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

const key = (a: StagedAssessment) => `${a.systemId}\u0000${a.stage}`;

/** The current assessment of each (system, stage), newest first overall. */
export function currentAssessments<T extends StagedAssessment>(assessments: readonly T[]): T[] {
  const current = new Map<string, T>();
  for (const a of [...assessments].sort(newerFirst)) {
    const held = current.get(key(a));
    // The newest submitted one wins; a newer draft holds the place only until one is found.
    if (!held || (isEditable(held.status) && !isEditable(a.status))) current.set(key(a), a);
  }
  return [...current.values()].sort(newerFirst);
}

/** Each superseded assessment's id → the current assessment of its system and stage. */
export function supersededBy<T extends StagedAssessment>(assessments: readonly T[]): Map<string, T> {
  const current = new Map(currentAssessments(assessments).map((a) => [key(a), a]));
  const superseded = new Map<string, T>();
  for (const a of assessments) {
    const latest = current.get(key(a));
    if (latest && latest.id !== a.id) superseded.set(a.id, latest);
  }
  return superseded;
}

/** The ids of the current assessments, for filtering risks: only theirs are current risks. */
export const currentIds = (assessments: readonly StagedAssessment[]): Set<string> => new Set(currentAssessments(assessments).map((a) => a.id));
