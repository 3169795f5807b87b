import { decisionKinds, stageLabels, systemEventLabels, type DecisionItem } from '../../contract/index.ts';
import { parseDueReason } from '../rules/reassessment-reasons.ts';
import type { LedgerFact, PolicyFacts, RiskFacts, SystemFacts } from './facts.ts';
import { conditionsOf, currentOf, hasValidAcceptance, isSelfGranted, isUndecided } from './risk-state.ts';
import { addDays, assessmentWords, bandWords } from './words.ts';

/** Acceptances and conditions this close to their date are put to the committee now. */
export const warningDays = 30;

/** The last time the lifecycle made the system due for re-assessment, and the reason it recorded. */
const lastMadeDue = (ledger: readonly LedgerFact[], systemId: string): LedgerFact | undefined =>
  ledger.findLast((e) => e.entity === systemId && e.action === 'lifecycle.reassessmentDue');

/** An acceptance whose expiry has passed (the sweep has put the risk back to identified, or will). */
const acceptanceExpired = (risk: RiskFacts, today: string) => risk.acceptance !== null && risk.acceptance.expiry < today && (risk.status === 'accepted' || risk.status === 'identified');

/**
 * Why the system is due for re-assessment, in words: the recorded change or incident (from the
 * system's events), the acceptance that expired, or the scheduled date.
 */
function dueWhy(facts: SystemFacts, entry: LedgerFact, today: string): string {
  const reason = typeof entry.payload.reason === 'string' ? entry.payload.reason : '';
  const event = facts.events.find((e) => e.recordedAt === entry.at);
  if (event) {
    return `${systemEventLabels[event.kind]}${event.modelVersion ? ` (${event.modelVersion})` : ''} recorded on ${event.occurredAt}: ${event.description}`;
  }
  const parsed = parseDueReason(reason);
  if (parsed.kind === 'acceptanceExpired') {
    const expired = facts.risks.filter((r) => acceptanceExpired(r, today) || (r.acceptance !== null && r.acceptance.expiry < entry.at.slice(0, 10)));
    return expired.length > 0 ? `The acceptance of "${expired[0]?.threatName ?? ''}" expired on ${expired[0]?.acceptance?.expiry ?? ''}.` : 'A risk acceptance expired.';
  }
  if (parsed.kind === 'datePassed') return `The scheduled re-assessment date${facts.system.reassessmentDue ? ` (${facts.system.reassessmentDue})` : ''} passed.`;
  if (parsed.kind === 'event') return `${parsed.label}: ${parsed.description}`;
  return parsed.text;
}

/** When the system is (or will be) due for re-assessment and why. */
export function reassessment(facts: SystemFacts, policy: PolicyFacts): { due: string | null; why: string | null } {
  const { system } = facts;
  if (system.lifecycleStage === 'retired') return { due: null, why: null };
  const madeDue = lastMadeDue(facts.ledger, system.id);
  if (system.lifecycleStage === 'reassessmentDue' && madeDue) return { due: madeDue.at.slice(0, 10), why: dueWhy(facts, madeDue, policy.today) };
  if (system.reassessmentDue === null) return { due: null, why: null };
  return system.reassessmentDue < policy.today
    ? { due: system.reassessmentDue, why: `The scheduled re-assessment date (${system.reassessmentDue}) has passed.` }
    : { due: system.reassessmentDue, why: 'Scheduled at the last approval, by the residual risk band.' };
}

/** The decisions this system asks of the committee. */
export function decisionsFor(facts: SystemFacts, policy: PolicyFacts): DecisionItem[] {
  const { system } = facts;
  const { today } = policy;
  const soon = addDays(today, warningDays);
  const { assessments, risks } = currentOf(facts);
  const item = (kind: DecisionItem['kind'], text: string, ref: string, due: string | null): DecisionItem => ({ kind, text, systemId: system.id, ref, due });
  // A threat can be on the register from two current assessments (say procurement and
  // validation): the stage says which one is meant.
  const stageOf = new Map(assessments.map((a) => [a.id, a.stage]));
  const risk = (r: RiskFacts) => {
    const stage = stageOf.get(r.assessmentId);
    return `the ${bandWords(policy, r.band).toLowerCase()} risk "${r.threatName}" of ${system.name}${stage ? ` (${stageLabels[stage].toLowerCase()} assessment)` : ''}`;
  };
  const items: DecisionItem[] = [];

  for (const a of assessments.filter((x) => x.status === 'submitted' || x.status === 'inReview')) {
    items.push(item('signOffDue', `Sign off ${assessmentWords(a.stage)} of ${system.name} (${a.review.approvals} of ${a.review.requiredSignOffs} sign-offs given).`, a.id, null));
  }
  for (const r of risks.filter((x) => isUndecided(x, today) && !acceptanceExpired(x, today))) {
    items.push(
      item(
        'aboveAppetiteUndecided',
        r.status === 'acceptanceRequested'
          ? `Decide whether to accept ${risk(r)}${r.acceptance ? ` (requested by ${r.acceptance.requestedBy}, until ${r.acceptance.expiry})` : ''}.`
          : `Agree a treatment or an acceptance for ${risk(r)}: it is above the appetite with neither.`,
        r.id,
        null,
      ),
    );
  }
  for (const c of conditionsOf(assessments, today).filter((x) => x.due <= soon)) {
    items.push(item('conditionDue', `Check that the condition "${c.text}" on ${system.name} is met (owner ${c.owner}, due ${c.due}${c.overdue ? ', overdue' : ''}).`, c.assessmentId, c.due));
  }
  for (const r of risks.filter((x) => x.acceptance !== null && ((hasValidAcceptance(x, today) && (x.acceptance?.expiry ?? '') <= soon) || acceptanceExpired(x, today)))) {
    const expiry = r.acceptance?.expiry ?? '';
    items.push(
      item(
        'acceptanceExpiring',
        expiry < today
          ? `The acceptance of ${risk(r)} expired on ${expiry}: accept it again or agree a treatment.`
          : `The acceptance of ${risk(r)} expires on ${expiry}: renew it or agree a treatment.`,
        r.id,
        expiry,
      ),
    );
  }
  const { due, why } = reassessment(facts, policy);
  if (due !== null && (system.lifecycleStage === 'reassessmentDue' || due < today)) {
    items.push(item('reassessmentDue', `Re-assess ${system.name} (due ${due}): ${why ?? ''}`, system.id, due));
  }
  for (const r of risks.filter((x) => isSelfGranted(x) && x.status === 'accepted')) {
    const by = r.acceptance?.grantedBy;
    items.push(
      item(
        'selfGrantedAcceptance',
        `Confirm the acceptance of ${risk(r)}: ${by?.name ?? ''} both requested and granted it${by ? ` on ${by.at.slice(0, 10)}` : ''}.`,
        r.id,
        r.acceptance?.expiry ?? null,
      ),
    );
  }
  return items;
}

/** The committee's list: by kind (in the contract's order), then system, then date. */
export function sortDecisions(items: readonly DecisionItem[], systemName: (id: string) => string): DecisionItem[] {
  const rank = (kind: DecisionItem['kind']) => decisionKinds.indexOf(kind);
  return [...items].sort((a, b) => rank(a.kind) - rank(b.kind) || systemName(a.systemId).localeCompare(systemName(b.systemId)) || (a.due ?? '').localeCompare(b.due ?? '') || a.ref.localeCompare(b.ref));
}
