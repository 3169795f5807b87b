import type { AssessmentDetail } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';

// Who may take which step is the core's decision (workflow.allowed with the acting person):
// the page shows what it is told.
export const signOffEvents = ['review.approve', 'review.approveWithConditions', 'review.return', 'review.reject'] as const;
export type SignOffEvent = (typeof signOffEvents)[number];

/** The events of `allowed` that are sign-offs, and the others (buttons of their own). */
export function splitActions(allowed: readonly string[]): { signOffs: string[]; plain: string[] } {
  const isSignOff = (e: string) => (signOffEvents as readonly string[]).includes(e);
  return { signOffs: allowed.filter(isSignOff), plain: allowed.filter((e) => !isSignOff(e)) };
}

/**
 * The review's own steps among the allowed events: requesting vendor input is the vendor
 * exchange panel's, which also writes the signed request file, so it is offered there once.
 */
export const reviewActions = (allowed: readonly string[]): string[] => allowed.filter((e) => e !== 'vendor.request');

/**
 * The questions a refused submission names, from the refusal's details: required ones not
 * answered, and answers carried from the last assessment not yet re-confirmed. Null for any other
 * error (or a refusal that names none).
 */
export function refusedQuestions(error: unknown): { missing: string[]; reconfirm: string[] } | null {
  const details = error instanceof ApiError ? error.error.details : undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const found = { missing: list(details?.missingRequired), reconfirm: list(details?.toReconfirm) };
  return found.missing.length > 0 || found.reconfirm.length > 0 ? found : null;
}

/** What happens next, in words, for whoever is not the one to act. */
export const nextStepText: Partial<Record<AssessmentDetail['status'], string>> = {
  draft: 'An assessor answers the questionnaire, then submits it for review.',
  inProgress: 'An assessor answers every required question, then submits it for review.',
  awaitingVendor: 'Waiting for the vendor’s answers; an assessor records them as received.',
  submitted: 'A reviewer or the committee chair starts the review.',
  inReview: 'Reviewers sign off: approve, approve with conditions, return for changes or reject.',
  returned: 'An assessor reopens it for editing, revises the answers and submits it again.',
};
