import type { AssessmentDetail, SystemHistory } from '../../../electron/contract/index.ts';

/**
 * Whether a workflow button is offered, and if not, why in words (shown beside it and linked
 * with aria-describedby). Built only from the core's own answers: its allowed events and what it
 * says is missing (the gate's facts, the assessment's progress). No rule is worked out here.
 */
export type StepAvailability = { enabled: true; reason: null } | { enabled: false; reason: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The step is enabled when the core lists it among the allowed events and names nothing still
 * missing; otherwise the first words that say why: what is missing, else `notNow`.
 */
export function stepAvailability(event: string, allowed: readonly string[], missing: readonly string[], notNow: string): StepAvailability {
  if (missing.length > 0) return { enabled: false, reason: missing.join(' ') };
  if (allowed.includes(event)) return { enabled: true, reason: null };
  return { enabled: false, reason: notNow };
}

type Gate = NonNullable<SystemHistory['gate']>;

/** What the core's gate facts say is still missing, in words: the stage's approval and the risks left open. */
export function gateMissing(gate: Gate | null, stageName: string): string[] {
  if (!gate) return [];
  const missing: string[] = [];
  if (!gate.stageApproved) {
    missing.push(gate.assessmentId ? `The ${stageName} assessment is not approved yet.` : `No ${stageName} assessment has been started yet.`);
  }
  if (gate.blockingRisks.length > 0) {
    missing.push(`${plural(gate.blockingRisks.length, 'risk above the appetite still needs', 'risks above the appetite still need')} a treatment plan or a valid acceptance.`);
  }
  return missing;
}

/** "Advance to next stage" (or "Return to routine use"): the lifecycle's allowed events and its gate, from systems.history. */
export function advanceAvailability(history: Pick<SystemHistory, 'lifecycle' | 'gate'> | undefined, stageName: string, stageLabel: string): StepAvailability {
  if (!history) return { enabled: false, reason: 'Loading what the gate needs…' };
  return stepAvailability('lifecycle.advance', history.lifecycle.allowedEvents, gateMissing(history.gate, stageName), `Not possible at ${stageLabel}.`);
}

/** The questions the core's progress says stand in the way of submitting: required ones unanswered, carried ones not re-confirmed. */
export function submitMissing(progress: Pick<AssessmentDetail['progress'], 'missingRequired' | 'toReconfirm'>): string[] {
  const missing: string[] = [];
  if (progress.missingRequired.length > 0) missing.push(`${plural(progress.missingRequired.length, 'required question is', 'required questions are')} unanswered.`);
  if (progress.toReconfirm.length > 0) missing.push(`${plural(progress.toReconfirm.length, 'carried answer is', 'carried answers are')} still to re-confirm.`);
  return missing;
}

/** "Submit for review…": allowed for this person, nothing missing, and no answer still on its way. */
export function submitAvailability(allowed: readonly string[], progress: Pick<AssessmentDetail['progress'], 'missingRequired' | 'toReconfirm'>, saving: boolean): StepAvailability {
  const missing = submitMissing(progress);
  if (saving && missing.length === 0) return { enabled: false, reason: 'Waiting for the last answers to be saved.' };
  return stepAvailability('review.submit', allowed, missing, 'Not possible in this state.');
}

/**
 * How a button shows a step that is not available: marked disabled for assistive technology and
 * styled so (Mantine's `data-disabled`), but still focusable, so a keyboard user reaches it and
 * hears the reason it is described by. A native `disabled` button is skipped by Tab, and its
 * reason with it. The button's click handler must still do nothing while `blocked`.
 */
export function unavailableButtonProps(blocked: boolean): { 'data-disabled'?: true; 'aria-disabled'?: true } {
  return blocked ? { 'data-disabled': true, 'aria-disabled': true } : {};
}
