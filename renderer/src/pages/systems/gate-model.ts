import type { AssessmentStage, AssessmentSummary, Risk } from '../../../../electron/contract/index.ts';

/** Risk states that still hold a gate shut when above the appetite (an accepted risk only once its acceptance has lapsed). */
const blockingStatuses = new Set(['identified', 'acceptanceRequested', 'rejected', 'accepted']);

export interface GateState {
  /** The newest assessment of the gate's stage, if any. */
  latest: AssessmentSummary | undefined;
  approved: boolean;
  /** That assessment's risks above the appetite with neither a treatment plan nor a valid acceptance. */
  blocking: Risk[];
}

/**
 * What a lifecycle gate needs, as far as the register shows it (the core decides when "Advance"
 * is sent): the newest assessment of the stage approved, and none of its risks above the appetite
 * left without a plan or a valid acceptance. `today` is YYYY-MM-DD; an acceptance is valid through
 * its expiry day.
 */
export function gateState(assessments: readonly AssessmentSummary[], risks: readonly Risk[], stage: AssessmentStage, today: string): GateState {
  const latest = [...assessments].filter((a) => a.stage === stage).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const approved = latest !== undefined && (latest.status === 'approved' || latest.status === 'approvedWithConditions');
  const blocking = latest
    ? risks.filter(
        (r) =>
          r.assessmentId === latest.id &&
          r.aboveAppetite &&
          blockingStatuses.has(r.status) &&
          !(r.status === 'accepted' && r.acceptance !== null && r.acceptance.expiry >= today),
      )
    : [];
  return { latest, approved, blocking };
}
