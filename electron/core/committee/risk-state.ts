import { currentAssessments } from '../rules/current-assessments.ts';
import { sameSigner } from '../rules/signers.ts';
import { isApproved } from '../rules/statuses.ts';
import type { AssessmentFacts, RiskFacts, SystemFacts } from './facts.ts';

/*
 * Where a risk stands for the committee, in one place: open or done, decided or not. The
 * lifecycle gate's rule (risks-service `blocking`) is the same: a planned treatment or an
 * unexpired acceptance counts as a decision.
 */

/** Treatment verified or the risk closed: nothing left to decide. */
export const isDone = (risk: Pick<RiskFacts, 'status'>): boolean => risk.status === 'verified' || risk.status === 'closed';

export const hasValidAcceptance = (risk: Pick<RiskFacts, 'status' | 'acceptance'>, today: string): boolean =>
  risk.status === 'accepted' && risk.acceptance !== null && risk.acceptance.expiry >= today;

export const hasPlannedTreatment = (risk: Pick<RiskFacts, 'status'>): boolean => risk.status === 'planned' || risk.status === 'inProgress';

/** Above appetite, still open, and with neither a treatment nor a valid acceptance (a pending request is not one). */
export const isUndecided = (risk: RiskFacts, today: string): boolean =>
  risk.aboveAppetite && !isDone(risk) && !hasPlannedTreatment(risk) && !hasValidAcceptance(risk, today);

/** The acceptance was requested and granted by one person (compare the signers rule: one name, however written). */
export const isSelfGranted = (risk: Pick<RiskFacts, 'acceptance'>): boolean =>
  risk.acceptance?.grantedBy !== undefined && sameSigner(risk.acceptance.requestedBy, risk.acceptance.grantedBy.name);

/** The current assessments (the latest of each stage) and their risks. */
export function currentOf(facts: Pick<SystemFacts, 'assessments' | 'risks'>): { assessments: AssessmentFacts[]; risks: RiskFacts[] } {
  const assessments = currentAssessments(facts.assessments);
  const ids = new Set(assessments.map((a) => a.id));
  return { assessments, risks: facts.risks.filter((r) => ids.has(r.assessmentId)) };
}

/** The conditions attached to the approvals of these assessments, with the assessment they belong to. */
export function conditionsOf(assessments: readonly AssessmentFacts[], today: string) {
  return assessments
    .filter((a) => isApproved(a.status))
    .flatMap((a) =>
      a.review.signOffs.flatMap((s) => s.conditions.map((c) => ({ text: c.text, owner: c.owner, due: c.due, overdue: c.due < today, assessmentId: a.id }))),
    )
    .sort((a, b) => a.due.localeCompare(b.due) || a.text.localeCompare(b.text));
}
