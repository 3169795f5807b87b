// The review panel's logic. Who may take which step is the core's decision (workflow.allowed
// with the acting person, tested in test/core/api/acting.test.ts); the page splits what it is
// told into sign-offs and buttons, and reads refusals that name questions.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/api-client.ts';
import { nextStepText, refusedQuestions, reviewActions, signOffEvents, splitActions } from '../../renderer/src/pages/assessments/review-model.ts';

const allSignOffs = [...signOffEvents];

describe('splitActions', () => {
  it('puts the sign-off decisions behind one "Sign off" and every other allowed step on a button of its own', () => {
    expect(splitActions(['review.start'])).toEqual({ signOffs: [], plain: ['review.start'] });
    expect(splitActions([...allSignOffs])).toEqual({ signOffs: allSignOffs, plain: [] });
    expect(splitActions(['review.submit', 'vendor.request', 'review.approve'])).toEqual({ signOffs: ['review.approve'], plain: ['review.submit', 'vendor.request'] });
    expect(splitActions([])).toEqual({ signOffs: [], plain: [] });
  });
});

describe('reviewActions', () => {
  it('leaves "Request vendor input" to the vendor exchange panel (offered once on the page), and keeps every other step', () => {
    expect(reviewActions(['review.submit', 'vendor.request', 'vendor.receive', 'review.approve'])).toEqual(['review.submit', 'vendor.receive', 'review.approve']);
    expect(reviewActions([])).toEqual([]);
  });
});

describe('review wording and counts', () => {
  it('says what happens next for every status still waiting on someone, and nothing once decided', () => {
    for (const status of ['draft', 'inProgress', 'awaitingVendor', 'submitted', 'inReview', 'returned'] as const) expect(nextStepText[status]).toBeTruthy();
    for (const status of ['approved', 'approvedWithConditions', 'rejected'] as const) expect(nextStepText[status]).toBeUndefined();
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
