import type { AssessmentDetail } from '../../../../electron/contract/index.ts';

// Who may take which step is the core's decision (workflow.allowed with the acting person):
// the page shows what it is told.
export const signOffEvents = ['review.approve', 'review.approveWithConditions', 'review.return', 'review.reject'] as const;
export type SignOffEvent = (typeof signOffEvents)[number];

/** The events of `allowed` that are sign-offs, and the others (buttons of their own). */
export function splitActions(allowed: readonly string[]): { signOffs: string[]; plain: string[] } {
  const isSignOff = (e: string) => (signOffEvents as readonly string[]).includes(e);
  return { signOffs: allowed.filter(isSignOff), plain: allowed.filter((e) => !isSignOff(e)) };
}

export const statusColors: Record<AssessmentDetail['status'], string> = {
  draft: 'gray',
  inProgress: 'indigo',
  awaitingVendor: 'grape',
  submitted: 'cyan',
  inReview: 'blue',
  approved: 'teal',
  approvedWithConditions: 'lime',
  returned: 'orange',
  rejected: 'red',
};

/** What happens next, in words, for whoever is not the one to act. */
export const nextStepText: Partial<Record<AssessmentDetail['status'], string>> = {
  draft: 'An assessor answers the questionnaire, then submits it for review.',
  inProgress: 'An assessor answers every required question, then submits it for review.',
  awaitingVendor: 'Waiting for the vendor’s answers; an assessor records them as received.',
  submitted: 'A reviewer or the committee chair starts the review.',
  inReview: 'Reviewers sign off: approve, approve with conditions, return for changes or reject.',
  returned: 'An assessor reopens it for editing, revises the answers and submits it again.',
};
