import type { ActingPerson } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import { hasSigned, personNameOfActor, sameSigner } from './signers.ts';

/**
 * Separation of duties, declared: three rules, switched together by Settings →
 * separationOfDuties (on by default). A refusal is FORBIDDEN, names the rule, and is raised
 * before anything is written.
 */
export const separationRules = {
  requesterMayNotGrant: 'the person who requested a risk acceptance may not grant it',
  signOncePerRound: 'a reviewer signs off once in a review round',
  answererMayNotApprove: 'an assessor who answered an assessment may not approve it',
} as const;
export type SeparationRule = keyof typeof separationRules;

const refuse = (rule: SeparationRule, who: string, detail: string): never => {
  throw new DomainError(
    'FORBIDDEN',
    `Separation of duties: ${separationRules[rule]}; ${who} ${detail}. (Settings → separation of duties.)`,
    { rule },
  );
};

export interface Separation {
  enabled: boolean;
}

/** risks.accept of a pending request: the one who asked does not decide. */
export function checkRequesterMayNotGrant(sep: Separation, requestedBy: string | undefined, granter: ActingPerson): void {
  if (sep.enabled && requestedBy !== undefined && sameSigner(requestedBy, granter.name)) {
    refuse('requesterMayNotGrant', granter.name, 'requested this acceptance');
  }
}

/** A sign-off: one per person per round. */
export function checkSignOncePerRound(sep: Separation, signOffs: readonly { name: string }[], signer: ActingPerson): void {
  if (sep.enabled && hasSigned(signOffs, signer.name)) refuse('signOncePerRound', signer.name, 'has already signed off this round');
}

/** Whether any of these answers was recorded by `name` (answeredBy names the person and role). */
export const answeredBy = (answers: readonly { answeredBy: string }[], name: string): boolean =>
  answers.some((a) => {
    const person = personNameOfActor(a.answeredBy);
    return person !== null && sameSigner(person, name);
  });

/** An approval (with or without conditions): not by someone who answered the assessment. */
export function checkAnswererMayNotApprove(sep: Separation, answers: readonly { answeredBy: string }[], approver: ActingPerson): void {
  if (sep.enabled && answeredBy(answers, approver.name)) refuse('answererMayNotApprove', approver.name, 'answered questions of this assessment');
}
