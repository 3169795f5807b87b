import { assessmentStatusLabels, type AssessmentStage, type Recommendation } from '../../contract/index.ts';
import { newerFirst } from '../rules/current-assessments.ts';
import { isApproved } from '../rules/statuses.ts';
import type { AssessmentFacts, PolicyFacts, RiskFacts, SystemFacts } from './facts.ts';
import { conditionsOf, currentOf, hasPlannedTreatment, hasValidAcceptance, isDone, isUndecided } from './risk-state.ts';
import { actorWords, assessmentWords, bandWords, capitalise, count, listCapped, listWords, sentence } from './words.ts';

/*
 * A system's recommendation, derived from the workflow state and the risks, with its reasons
 * in plain sentences. Each finding belongs to one recommendation; the most serious one with a
 * finding wins, and the reasons are listed most decisive first:
 *
 *   do not approve  the deciding assessment was rejected, or a residual risk above appetite has
 *                   neither a treatment nor an acceptance;
 *   not ready       the deciding assessment is not approved yet (unfinished, awaiting sign-offs,
 *                   required questions unanswered, returned), an acceptance awaits a decision,
 *                   the system is retired or nothing has been assessed;
 *   with conditions approved with conditions, conditions still open, risks above appetite
 *                   accepted, planned treatments not yet done;
 *   approve         the deciding assessment is approved and none of the above.
 */

/** The assessment stage whose approval a lifecycle stage waits for (the lifecycle gate's map). */
const stageFor: Partial<Record<string, AssessmentStage>> = {
  procurement: 'procurement',
  validation: 'validation',
  deployment: 'deployment',
  reassessmentDue: 'use',
};

/**
 * The assessment the decision rests on: the current one of the stage the system is at; once in
 * use, the newest current assessment. Null when that stage has not been assessed.
 */
export function decidingAssessment(lifecycleStage: string, current: readonly AssessmentFacts[]): { stage: AssessmentStage | null; assessment: AssessmentFacts | null } {
  const stage = stageFor[lifecycleStage] ?? null;
  if (stage !== null) return { stage, assessment: current.find((a) => a.stage === stage) ?? null };
  return { stage: null, assessment: [...current].sort(newerFirst)[0] ?? null };
}

/**
 * A system due for re-assessment is decided by its newest routine-use assessment, a draft
 * included: the register keeps the last submitted one's risks, but the decision waits for the
 * re-assessment.
 */
function reassessment(all: readonly AssessmentFacts[]): { stage: AssessmentStage; assessment: AssessmentFacts | null } {
  return { stage: 'use', assessment: all.filter((a) => a.stage === 'use').sort(newerFirst)[0] ?? null };
}

const order: Recommendation[] = ['doNotApprove', 'notReady', 'approveWithConditions', 'approve'];

const quoted = (risk: RiskFacts, policy: PolicyFacts) => `"${risk.threatName}" (${bandWords(policy, risk.band)})`;

/** Who signed with a decision, in words: "Dr A. Osei (Committee chair) and T. Okafor (Reviewer)". */
const signers = (a: AssessmentFacts, decisions: readonly string[]) =>
  listWords(a.review.signOffs.filter((s) => decisions.includes(s.decision)).map((s) => actorWords(`${s.name} (${s.role})`)));

const on = (at: string | null) => (at ? ` on ${at.slice(0, 10)}` : '');

/** The finding about the deciding assessment's own state. */
function assessmentFinding(a: AssessmentFacts): { kind: Recommendation; reasons: string[] } {
  const what = capitalise(assessmentWords(a.stage));
  const status = assessmentStatusLabels[a.status].toLowerCase();
  const missing = a.progress.missingRequired.length;
  const unanswered = missing > 0 ? [`${count(missing, 'required question')} ${missing === 1 ? 'is' : 'are'} unanswered in ${assessmentWords(a.stage)}.`] : [];
  switch (a.status) {
    case 'rejected': {
      const reject = a.review.signOffs.find((s) => s.decision === 'reject');
      return { kind: 'doNotApprove', reasons: [sentence(`${what} was rejected${reject ? ` by ${signers(a, ['reject'])}` : ''}${on(a.review.decidedAt)}${reject?.comment ? `: ${reject.comment}` : ''}`)] };
    }
    case 'returned': {
      const back = a.review.signOffs.find((s) => s.decision === 'return');
      return { kind: 'notReady', reasons: [sentence(`${what} is not yet approved: it was returned for changes${back ? ` by ${signers(a, ['return'])}` : ''}${back?.comment ? `: ${back.comment}` : ''}`), ...unanswered] };
    }
    case 'submitted':
    case 'inReview':
      return {
        kind: 'notReady',
        reasons: [`${what} is not yet approved: it is ${status}.`, `Sign-offs missing: ${a.review.approvals} of ${a.review.requiredSignOffs} given.`],
      };
    case 'approved':
      return { kind: 'approve', reasons: [`${what} was approved by ${signers(a, ['approve', 'approveWithConditions']) || 'the reviewers'}${on(a.review.decidedAt)}.`] };
    case 'approvedWithConditions':
      return { kind: 'approveWithConditions', reasons: [`${what} was approved with conditions by ${signers(a, ['approve', 'approveWithConditions']) || 'the reviewers'}${on(a.review.decidedAt)}.`] };
    default:
      // Still being written (not started, in progress, awaiting the vendor).
      return { kind: 'notReady', reasons: [`${what} is not yet submitted (${assessmentStatusLabels[a.status]}).`, ...unanswered] };
  }
}


export function recommend(facts: SystemFacts, policy: PolicyFacts): { recommendation: Recommendation; reasons: string[] } {
  const found: Record<Recommendation, string[]> = { doNotApprove: [], notReady: [], approveWithConditions: [], approve: [] };
  const { assessments: current, risks } = currentOf(facts);
  const { today } = policy;

  if (facts.system.lifecycleStage === 'retired') found.notReady.push('The system is retired: there is nothing to approve.');
  const { stage, assessment } =
    facts.system.lifecycleStage === 'reassessmentDue' ? reassessment(facts.assessments) : decidingAssessment(facts.system.lifecycleStage, current);
  if (facts.system.lifecycleStage === 'reassessmentDue' && assessment !== null && isApproved(assessment.status)) {
    // The newest routine-use assessment is the one the re-assessment must replace.
    found.notReady.push(`A ${assessmentWords('use')} is due again and has not been started.`);
  } else if (assessment === null) {
    if (facts.system.lifecycleStage !== 'retired') found.notReady.push(stage ? `${capitalise(assessmentWords(stage))} has not been started.` : 'No assessment has been started.');
  } else {
    const finding = assessmentFinding(assessment);
    found[finding.kind].push(...finding.reasons);
  }

  const above = risks.filter((r) => r.aboveAppetite && !isDone(r));
  const appetite = bandWords(policy, policy.appetite);
  const undecided = above.filter((r) => isUndecided(r, today) && r.status !== 'acceptanceRequested');
  if (undecided.length > 0) {
    found.doNotApprove.push(
      `${count(undecided.length, 'residual risk')} above the appetite (${appetite}) ${undecided.length === 1 ? 'has' : 'have'} neither a treatment nor an acceptance: ${listCapped(undecided.map((r) => quoted(r, policy)))}.`,
    );
  }
  for (const r of above.filter((x) => x.status === 'acceptanceRequested')) {
    found.notReady.push(`The acceptance of ${quoted(r, policy)}${r.acceptance ? `, requested by ${r.acceptance.requestedBy},` : ''} awaits a decision.`);
  }

  const conditions = conditionsOf(current, today);
  if (conditions.length > 0) {
    const overdue = conditions.filter((c) => c.overdue).length;
    found.approveWithConditions.push(
      `${count(conditions.length, 'condition')} of approval ${conditions.length === 1 ? 'remains' : 'remain'} open${overdue > 0 ? ` (${overdue} overdue)` : ''}: ${listCapped(conditions.map((c) => `"${c.text}" (${c.owner}, due ${c.due})`), 3)}.`,
    );
  }
  for (const r of above.filter((x) => hasValidAcceptance(x, today))) {
    const by = r.acceptance?.grantedBy;
    found.approveWithConditions.push(`${capitalise(quoted(r, policy))} is above the appetite and accepted${by ? ` by ${by.name}` : ''} until ${r.acceptance?.expiry ?? ''}.`);
  }
  for (const r of above.filter(hasPlannedTreatment)) {
    const owner = r.treatment?.owner || r.owner;
    found.approveWithConditions.push(`The treatment of ${quoted(r, policy)} is planned but not yet done${owner ? ` (owner ${owner}${r.dueDate ? `, due ${r.dueDate}` : ''})` : r.dueDate ? ` (due ${r.dueDate})` : ''}.`);
  }

  const recommendation = order.find((k) => found[k].length > 0) ?? 'notReady';
  // Approval's own sentence is context only when it stands, and then it leads.
  const reasons = order.flatMap((k) => (k === 'approve' && recommendation !== 'approve' ? [] : found[k]));
  if (recommendation === 'approveWithConditions' && found.approve.length > 0) reasons.unshift(...found.approve);
  return { recommendation, reasons: [...new Set(reasons)] };
}
