// The review panel's logic: which of the core's allowed events the acting person is offered,
// which refusals name questions, and how many approvals a round has.
import { describe, expect, it } from 'vitest';
import { assessmentStatuses, type ActingAs, type AssessmentDetail, type ReviewRecord } from '../../electron/contract/index.ts';
import { ApiError } from '../../renderer/src/api/api-client.ts';
import { actionsFor, approvalCount, eventRoles, nextStepText, refusedQuestions, signOffEvents, statusColors } from '../../renderer/src/pages/assessments/review-model.ts';

type SignOff = ReviewRecord['signOffs'][number];

const signOff = (name: string, decision: SignOff['decision'], role = 'reviewer'): SignOff => ({ name, role, decision, comment: '', conditions: [], at: '2025-01-02T03:04:05Z' });

const detail = (allowedEvents: string[], signOffs: SignOff[] = []): Pick<AssessmentDetail, 'review'> => ({
  review: { requiredSignOffs: 2, signOffs, previousRounds: [], allowedEvents, submittedAt: null, decidedAt: null, carriedFrom: null },
});

const as = (name: string, role: ActingAs['role']): ActingAs => ({ name, role });
const allSignOffs = [...signOffEvents];

describe('actionsFor', () => {
  it('offers nothing when nobody is acting', () => {
    expect(actionsFor(detail(['review.submit', 'review.start']), null)).toEqual([]);
  });

  it('offers an assessor the assessor steps of the allowed events only', () => {
    // In progress: the core allows submit and asking the vendor.
    expect(actionsFor(detail(['review.submit', 'vendor.request']), as('Ada', 'assessor'))).toEqual(['review.submit', 'vendor.request']);
    // Returned: reopen.
    expect(actionsFor(detail(['review.reopen']), as('Ada', 'assessor'))).toEqual(['review.reopen']);
    // In review: nothing for an assessor.
    expect(actionsFor(detail(allSignOffs), as('Ada', 'assessor'))).toEqual([]);
  });

  it('offers reviewers and the committee chair the review steps, never the assessor ones', () => {
    for (const role of ['reviewer', 'committeeChair'] as const) {
      expect(actionsFor(detail(['review.start']), as('Rui', role))).toEqual(['review.start']);
      expect(actionsFor(detail(allSignOffs), as('Rui', role))).toEqual(allSignOffs);
      expect(actionsFor(detail(['review.submit', 'review.reopen', 'vendor.request', 'vendor.receive']), as('Rui', role))).toEqual([]);
    }
  });

  it('offers a risk owner no review step at all', () => {
    expect(actionsFor(detail(['review.submit', 'review.start', ...allSignOffs]), as('Olu', 'riskOwner'))).toEqual([]);
  });

  it('never offers an event the core does not allow now, whatever the role', () => {
    expect(actionsFor(detail([]), as('Rui', 'committeeChair'))).toEqual([]);
    expect(actionsFor(detail(['review.approve']), as('Rui', 'reviewer'))).toEqual(['review.approve']);
  });

  it('ignores events it has no role for (a new event from a newer core is not offered)', () => {
    expect(actionsFor(detail(['review.escalate', 'review.start']), as('Rui', 'reviewer'))).toEqual(['review.start']);
  });

  it('does not offer a second sign-off to someone who signed this round, matching the name case-insensitively', () => {
    const signed = detail([...allSignOffs], [signOff('Rui Costa', 'approve')]);
    expect(actionsFor(signed, as('Rui Costa', 'reviewer'))).toEqual([]);
    expect(actionsFor(signed, as('rui costa', 'committeeChair'))).toEqual([]);
    expect(actionsFor(signed, as('Mei Lin', 'reviewer'))).toEqual(allSignOffs);
  });

  it('still offers a signer the review steps that are not sign-offs', () => {
    const signed = detail(['review.start', ...allSignOffs], [signOff('Rui', 'return')]);
    expect(actionsFor(signed, as('Rui', 'reviewer'))).toEqual(['review.start']);
  });

  it('keeps the order the core gives', () => {
    expect(actionsFor(detail(['review.reject', 'review.approve']), as('Rui', 'reviewer'))).toEqual(['review.reject', 'review.approve']);
  });
});

describe('review wording and counts', () => {
  it('gives every assessment status a colour', () => {
    for (const status of assessmentStatuses) expect(statusColors[status]).toMatch(/^[a-z]+$/);
  });

  it('says what happens next for every status still waiting on someone, and nothing once decided', () => {
    for (const status of ['draft', 'inProgress', 'awaitingVendor', 'submitted', 'inReview', 'returned'] as const) expect(nextStepText[status]).toBeTruthy();
    for (const status of ['approved', 'approvedWithConditions', 'rejected'] as const) expect(nextStepText[status]).toBeUndefined();
  });

  it('names a role for every step a person takes in a review', () => {
    for (const e of ['review.submit', 'review.reopen', 'review.start', ...allSignOffs]) expect(eventRoles[e]?.length).toBeGreaterThan(0);
  });

  it('counts approvals with and without conditions, not returns or rejections', () => {
    expect(approvalCount([])).toBe(0);
    expect(approvalCount([signOff('A', 'approve'), signOff('B', 'approveWithConditions'), signOff('C', 'return'), signOff('D', 'reject')])).toBe(2);
  });
});

describe('refusedQuestions', () => {
  const refused = (details: Record<string, unknown>) => new ApiError({ code: 'TRANSITION_REFUSED', message: 'refused', details });

  it('lists the required questions left unanswered', () => {
    expect(refusedQuestions(refused({ state: 'inProgress', missingRequired: ['PR-GOV-01', 'PR-GOV-04'] }))).toEqual({ missing: ['PR-GOV-01', 'PR-GOV-04'], reconfirm: [] });
  });

  it('lists the carried answers still to re-confirm', () => {
    expect(refusedQuestions(refused({ toReconfirm: ['PR-SEC-02'] }))).toEqual({ missing: [], reconfirm: ['PR-SEC-02'] });
  });

  it('keeps only text ids from the details', () => {
    expect(refusedQuestions(refused({ missingRequired: ['PR-GOV-01', 7, null], toReconfirm: 'PR-SEC-02' }))).toEqual({ missing: ['PR-GOV-01'], reconfirm: [] });
  });

  it('is null for a refusal that names no question, for other errors and for no details', () => {
    expect(refusedQuestions(refused({ missingRequired: [] }))).toBeNull();
    expect(refusedQuestions(new ApiError({ code: 'FORBIDDEN', message: 'no' }))).toBeNull();
    expect(refusedQuestions(new Error('network'))).toBeNull();
    expect(refusedQuestions('text')).toBeNull();
  });
});
