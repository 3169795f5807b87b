/**
 * Which assessments count now. Of a system's assessments, the latest of each stage (by created
 * time, then id) is current; older ones of the same stage are superseded, and their risks are
 * history, not the register. The committee summary, the register and the lifecycle gate's
 * "latest of the stage" (the assessments repository orders the same way) all mean this.
 */

export interface StagedAssessment {
  id: string;
  systemId: string;
  stage: string;
  createdAt: string;
}

/** Newer first: later created time, then the larger id (two started in the same millisecond). */
export const newerFirst = (a: StagedAssessment, b: StagedAssessment): number => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

const key = (a: StagedAssessment) => `${a.systemId}\u0000${a.stage}`;

/** The current assessment of each (system, stage), newest first overall. */
export function currentAssessments<T extends StagedAssessment>(assessments: readonly T[]): T[] {
  const current = new Map<string, T>();
  for (const a of [...assessments].sort(newerFirst)) if (!current.has(key(a))) current.set(key(a), a);
  return [...current.values()];
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
