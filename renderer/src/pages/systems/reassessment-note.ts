import type { AiSystem } from '../../../../electron/contract/index.ts';

/**
 * What the lifecycle panel says about the next re-assessment, so its badge and its sentence
 * never disagree: "due" only when it is (the date has come, or a change, an incident or an
 * expired acceptance moved the system to re-assessment before its date), else the date.
 */
export type ReassessmentNote =
  | { kind: 'none' }
  | { kind: 'scheduled'; due: string }
  | { kind: 'overdue'; due: string }
  | { kind: 'dueNow'; scheduled: string | null };

export function reassessmentNote(stage: AiSystem['lifecycleStage'], due: string | null, today: string): ReassessmentNote {
  if (stage === 'retired') return { kind: 'none' };
  if (due !== null && due < today) return { kind: 'overdue', due };
  if (stage === 'reassessmentDue' || (due !== null && due === today)) return { kind: 'dueNow', scheduled: due !== null && due > today ? due : null };
  return due === null ? { kind: 'none' } : { kind: 'scheduled', due };
}
