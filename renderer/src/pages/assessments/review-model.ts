import type { ActingAs, AssessmentDetail, ReviewRecord, Role } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';

export const signOffEvents = ['review.approve', 'review.approveWithConditions', 'review.return', 'review.reject'] as const;
export type SignOffEvent = (typeof signOffEvents)[number];

const reviewers: Role[] = ['reviewer', 'committeeChair'];

/** Which roles take which review step (the core checks the person and role again). */
export const eventRoles: Record<string, Role[]> = {
  'review.submit': ['assessor'],
  'review.reopen': ['assessor'],
  'vendor.request': ['assessor'],
  'vendor.receive': ['assessor'],
  'review.start': reviewers,
  'review.approve': reviewers,
  'review.approveWithConditions': reviewers,
  'review.return': reviewers,
  'review.reject': reviewers,
};

/** The allowed events the acting person's role could take now. */
export function actionsFor(detail: Pick<AssessmentDetail, 'review'>, by: ActingAs | null): string[] {
  if (!by) return [];
  const signed = detail.review.signOffs.some((s) => s.name.toLowerCase() === by.name.toLowerCase());
  return detail.review.allowedEvents.filter(
    (e) => (eventRoles[e] ?? []).includes(by.role) && !(signed && (signOffEvents as readonly string[]).includes(e)),
  );
}

/** Sign-offs of this round that approve (with or without conditions). */
export const approvalCount = (signOffs: readonly Pick<ReviewRecord['signOffs'][number], 'decision'>[]): number =>
  signOffs.filter((s) => s.decision === 'approve' || s.decision === 'approveWithConditions').length;

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
