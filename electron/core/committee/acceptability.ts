import type { AiSystem, AssessmentStage } from '../../contract/index.ts';
import type { PolicyFacts, RiskFacts } from './facts.ts';
import { hasPlannedTreatment, hasValidAcceptance, isDone, isUndecided } from './risk-state.ts';
import { assessmentWords, bandWords, count, listCapped, listWords } from './words.ts';

/**
 * Whether the residual risk is acceptable against the organisation's appetite, in one
 * statement: acceptable when every current risk is within the appetite, or each one above it
 * has a treatment under way or an accepted decision (the lifecycle gate's rule).
 */
export function acceptability(
  currentRisks: readonly RiskFacts[],
  /** Current assessments not yet submitted, with the band their answers so far give. */
  open: readonly { stage: AssessmentStage; band: string }[],
  scored: boolean,
  policy: PolicyFacts,
): { acceptable: boolean; statement: string } {
  const appetite = bandWords(policy, policy.appetite);
  if (!scored) return { acceptable: false, statement: `Not yet known: no assessment of this system has been scored against the appetite (${appetite}).` };
  const settled = settledAcceptability(currentRisks, policy);
  const rank = (band: string) => policy.bands.findIndex((b) => b.id === band);
  const pending = open.filter((a) => rank(a.band) > rank(policy.appetite));
  if (pending.length === 0) return settled;
  // An open assessment whose answers so far put it above the appetite: its risks are not on the
  // register until it is submitted, so the answer cannot be "acceptable" yet.
  const worst = [...pending].sort((a, b) => rank(b.band) - rank(a.band))[0];
  const which = listWords(pending.map((a) => assessmentWords(a.stage)));
  return {
    acceptable: false,
    statement: `Not yet known: ${which} ${pending.length === 1 ? 'is' : 'are'} still open and, as answered so far, ${pending.length === 1 ? 'its' : 'the'} highest residual risk is ${bandWords(policy, worst?.band ?? '')}, above the appetite (${appetite}).${currentRisks.length > 0 ? ` For the submitted assessments: ${settled.statement.charAt(0).toLowerCase()}${settled.statement.slice(1)}` : ''}`,
  };
}

function settledAcceptability(currentRisks: readonly RiskFacts[], policy: PolicyFacts): { acceptable: boolean; statement: string } {
  const appetite = bandWords(policy, policy.appetite);
  const open = currentRisks.filter((r) => !isDone(r));
  const above = open.filter((r) => r.aboveAppetite);
  const rank = (band: string) => policy.bands.findIndex((b) => b.id === band);
  const highest = [...open].sort((a, b) => rank(b.band) - rank(a.band))[0];
  if (above.length === 0) {
    return {
      acceptable: true,
      statement: highest
        ? `Acceptable: the highest residual risk is ${bandWords(policy, highest.band)}, within the appetite (${appetite}).`
        : `Acceptable: no residual risk above Low remains open; the appetite is ${appetite}.`,
    };
  }
  const undecided = above.filter((r) => isUndecided(r, policy.today));
  if (undecided.length > 0) {
    return {
      acceptable: false,
      statement: `Not acceptable: ${count(undecided.length, 'residual risk')} above the appetite (${appetite}) ${undecided.length === 1 ? 'has' : 'have'} neither a treatment under way nor an accepted decision (${listCapped(undecided.map((r) => `"${r.threatName}"`))}).`,
    };
  }
  const accepted = above.filter((r) => hasValidAcceptance(r, policy.today)).length;
  const treating = above.filter(hasPlannedTreatment).length;
  const parts = [accepted > 0 ? `${accepted} accepted by an authorised role until a set date` : '', treating > 0 ? `${treating} with a treatment planned or under way` : ''].filter(Boolean);
  return {
    acceptable: true,
    statement: `Acceptable with conditions: ${count(above.length, 'residual risk')} above the appetite (${appetite}) ${above.length === 1 ? 'remains' : 'remain'}, ${listWords(parts)}.`,
  };
}

/** What the output drives, in words, from the autonomy level and the intended users. */
export function outputDrives(system: Pick<AiSystem, 'autonomyLevel' | 'intendedUsers'>): string {
  const users = system.intendedUsers.trim();
  // "Consultant radiologists" reads on inside a sentence; "ED nurses" keeps its capitals.
  const who = users === '' ? 'its users' : /^[A-Z][a-z]/.test(users) ? users.charAt(0).toLowerCase() + users.slice(1) : users;
  switch (system.autonomyLevel) {
    case 'informs':
      return `Information for ${who} to take into account; a person makes every decision.`;
    case 'augments':
      return `Suggestions that ${who} review and act on; the decision stays with them.`;
    case 'automates':
      return `Actions taken without a person reviewing each one; ${who} oversee it and can intervene.`;
    default:
      return `Not recorded: the autonomy level is not set${users ? ` (used by ${who})` : ''}.`;
  }
}
