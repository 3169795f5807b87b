// The assessment review machine as a pure function: every guard with the event it lets through
// and the one it refuses, using xstate's transition/initialTransition and no actors.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { persist, restore } from '../../../electron/core/workflow/persisted.ts';
import { allowedReviewEvents } from '../../../electron/core/workflow/review-events.ts';
import { reviewMachine, type Condition, type ReviewContext, type ReviewEvent, type SignOff, type SignOffDecision } from '../../../electron/core/workflow/review-machine.ts';

type Snapshot = SnapshotFrom<typeof reviewMachine>;

const initial = (requiredSignOffs = 2): Snapshot => initialTransition(reviewMachine, { requiredSignOffs })[0];
const step = (snapshot: Snapshot, event: ReviewEvent): Snapshot => transition(reviewMachine, snapshot, event)[0];
const at = (value: string, context: Partial<ReviewContext> = {}): Snapshot =>
  reviewMachine.resolveState({ value, context: { requiredSignOffs: 2, signOffs: [], previousRounds: [], ...context } });

const condition: Condition = { text: 'Re-validate on local data', owner: 'Owner Olu', due: '2026-09-01' };
const signOff = (name: string, decision: SignOffDecision, extra: Partial<SignOff> = {}): SignOff => ({
  name,
  role: 'reviewer',
  decision,
  comment: `${decision} by ${name}`,
  conditions: decision === 'approveWithConditions' ? [condition] : [],
  at: '2026-03-01T10:00:00.000Z',
  ...extra,
});
const sign = (name: string, decision: SignOffDecision, extra: Partial<SignOff> = {}): ReviewEvent => ({
  type: `review.${decision}`,
  signOff: signOff(name, decision, extra),
});
const signOffEvents: SignOffDecision[] = ['approve', 'approveWithConditions', 'return', 'reject'];

/** Expects the event to be refused: can() is false and transition() leaves value and context as they were. */
function expectRefused(snapshot: Snapshot, event: ReviewEvent) {
  expect(snapshot.can(event)).toBe(false);
  const after = step(snapshot, event);
  expect(after.value).toBe(snapshot.value);
  expect(after.context).toEqual(snapshot.context);
}

describe('review machine: starting and answering', () => {
  it('starts in draft with the configured number of sign-offs and no sign-offs yet', () => {
    const s = initial(3);
    expect(s.value).toBe('draft');
    expect(s.context).toEqual({ requiredSignOffs: 3, signOffs: [], previousRounds: [] });
  });

  it('assessment.begin moves draft to inProgress; vendor.request and vendor.receive go to and from awaitingVendor', () => {
    expect(step(initial(), { type: 'assessment.begin' }).value).toBe('inProgress');
    expect(step(initial(), { type: 'vendor.request' }).value).toBe('awaitingVendor');
    expect(step(at('inProgress'), { type: 'vendor.request' }).value).toBe('awaitingVendor');
    expect(step(at('awaitingVendor'), { type: 'vendor.receive' }).value).toBe('inProgress');
    expectRefused(at('awaitingVendor'), { type: 'review.submit', missingRequired: [] });
    expectRefused(at('inProgress'), { type: 'vendor.receive' });
    expectRefused(at('inProgress'), { type: 'assessment.begin' });
  });

  it('noMissingRequired: submits with nothing missing, refuses with a required question unanswered', () => {
    expect(step(at('inProgress'), { type: 'review.submit', missingRequired: [] }).value).toBe('submitted');
    expectRefused(at('inProgress'), { type: 'review.submit', missingRequired: ['PR-USE-01'] });
    // A draft has nothing answered: submission is not an event it takes at all.
    expectRefused(initial(), { type: 'review.submit', missingRequired: [] });
  });
});

describe('review machine: byReviewer', () => {
  it('review.start by a reviewer or a committee chair; refused for other roles', () => {
    expect(step(at('submitted'), { type: 'review.start', by: { name: 'A', role: 'reviewer' } }).value).toBe('inReview');
    expect(step(at('submitted'), { type: 'review.start', by: { name: 'C', role: 'committeeChair' } }).value).toBe('inReview');
    expectRefused(at('submitted'), { type: 'review.start', by: { name: 'O', role: 'riskOwner' } });
    expectRefused(at('submitted'), { type: 'review.start', by: { name: 'S', role: 'assessor' } });
  });

  it.each(signOffEvents)('review.%s is taken from a reviewer and a chair, refused from an assessor or risk owner', (decision) => {
    expect(at('inReview').can(sign('A', decision))).toBe(true);
    expect(at('inReview').can(sign('C', decision, { role: 'committeeChair' }))).toBe(true);
    expectRefused(at('inReview'), sign('S', decision, { role: 'assessor' }));
    expectRefused(at('inReview'), sign('O', decision, { role: 'riskOwner' }));
  });

  it('sign-offs are refused outside inReview', () => {
    for (const state of ['draft', 'inProgress', 'submitted', 'returned']) expectRefused(at(state), sign('A', 'approve'));
  });
});

describe('review machine: notYetSigned', () => {
  it.each(signOffEvents)('after a first approval, the same person cannot send review.%s; another reviewer can', (decision) => {
    const once = step(at('inReview'), sign('A', 'approve'));
    expect(once.value).toBe('inReview');
    expectRefused(once, sign('A', decision));
    expect(once.can(sign('B', decision))).toBe(true);
  });
});

describe('review machine: completesApproval with 1, 2 or 3 sign-offs required', () => {
  it('one sign-off required: the first approval approves', () => {
    const s = step(at('inReview', { requiredSignOffs: 1 }), sign('A', 'approve'));
    expect(s.value).toBe('approved');
    expect(s.status).toBe('done');
    expect(s.context.signOffs.map((x) => x.name)).toEqual(['A']);
  });

  it('two required: the first approval is recorded and stays in review, the second approves', () => {
    const first = step(at('inReview'), sign('A', 'approve'));
    expect(first.value).toBe('inReview');
    expect(first.context.signOffs).toEqual([signOff('A', 'approve')]);
    const second = step(first, sign('B', 'approve'));
    expect(second.value).toBe('approved');
    expect(second.context.signOffs.map((x) => x.name)).toEqual(['A', 'B']);
  });

  it('three required: two approvals are not enough, the third approves', () => {
    let s = at('inReview', { requiredSignOffs: 3 });
    s = step(s, sign('A', 'approve'));
    s = step(s, sign('B', 'approve'));
    expect(s.value).toBe('inReview');
    expect(s.context.signOffs).toHaveLength(2);
    s = step(s, sign('C', 'approve', { role: 'committeeChair' }));
    expect(s.value).toBe('approved');
  });

  it('the number of sign-offs is part of the snapshot (restored from storage, not from the input)', () => {
    const stored = persist(reviewMachine, step(at('inReview', { requiredSignOffs: 3 }), sign('A', 'approve')));
    const back = restore(reviewMachine, stored, { requiredSignOffs: 1 });
    expect(back.value).toBe('inReview');
    expect(back.context.requiredSignOffs).toBe(3);
    expect(step(back, sign('B', 'approve')).value).toBe('inReview');
  });
});

describe('review machine: conditions', () => {
  it('withConditions: an approval completing a round that holds a conditional approval ends approvedWithConditions', () => {
    const first = step(at('inReview'), sign('A', 'approveWithConditions'));
    expect(first.value).toBe('inReview');
    const second = step(first, sign('B', 'approve'));
    expect(second.value).toBe('approvedWithConditions');
    expect(second.context.signOffs[0]!.conditions).toEqual([condition]);
    // Refused case of the guard: without any conditional approval, the same approval ends approved.
    expect(step(step(at('inReview'), sign('A', 'approve')), sign('B', 'approve')).value).toBe('approved');
  });

  it('approveWithConditions completing the approvals ends approvedWithConditions', () => {
    expect(step(at('inReview', { requiredSignOffs: 1 }), sign('A', 'approveWithConditions')).value).toBe('approvedWithConditions');
    expect(step(step(at('inReview'), sign('A', 'approve')), sign('B', 'approveWithConditions')).value).toBe('approvedWithConditions');
  });

  it('conditionsComplete: refuses a conditional approval with no condition, an empty owner or no due date', () => {
    const s = at('inReview', { requiredSignOffs: 1 });
    expect(s.can(sign('A', 'approveWithConditions'))).toBe(true);
    expectRefused(s, sign('A', 'approveWithConditions', { conditions: [] }));
    expectRefused(s, sign('A', 'approveWithConditions', { conditions: [{ ...condition, owner: '  ' }] }));
    expectRefused(s, sign('A', 'approveWithConditions', { conditions: [condition, { ...condition, due: '' }] }));
  });
});

describe('review machine: return, reject and reopen', () => {
  it('review.return goes to returned and review.reject to rejected, each recording the sign-off', () => {
    const returned = step(at('inReview'), sign('A', 'return'));
    expect(returned.value).toBe('returned');
    expect(returned.context.signOffs).toEqual([signOff('A', 'return')]);
    const rejected = step(step(at('inReview'), sign('A', 'approve')), sign('B', 'reject'));
    expect(rejected.value).toBe('rejected');
    expect(rejected.status).toBe('done');
    expect(rejected.context.signOffs.map((x) => x.decision)).toEqual(['approve', 'reject']);
  });

  it('review.reopen moves returned to inProgress, keeping the round in previousRounds', () => {
    const returned = step(step(at('inReview'), sign('A', 'approve')), sign('B', 'return'));
    const reopened = step(returned, { type: 'review.reopen' });
    expect(reopened.value).toBe('inProgress');
    expect(reopened.context.signOffs).toEqual([]);
    expect(reopened.context.previousRounds).toEqual([[signOff('A', 'approve'), signOff('B', 'return')]]);
    // A second round returned and reopened is kept after the first; those who signed before may sign again.
    let s = step(step(reopened, { type: 'review.submit', missingRequired: [] }), { type: 'review.start', by: { name: 'A', role: 'reviewer' } });
    expect(s.can(sign('A', 'approve'))).toBe(true);
    s = step(step(s, sign('A', 'return')), { type: 'review.reopen' });
    expect(s.context.previousRounds).toHaveLength(2);
    expect(s.context.previousRounds[1]).toEqual([signOff('A', 'return')]);
  });

  it('review.reopen is refused in every state but returned', () => {
    for (const state of ['draft', 'inProgress', 'awaitingVendor', 'submitted', 'inReview', 'approved', 'approvedWithConditions', 'rejected']) {
      expectRefused(at(state), { type: 'review.reopen' });
    }
  });

  it('approved, approvedWithConditions and rejected are final: they take no event', () => {
    for (const state of ['approved', 'approvedWithConditions', 'rejected']) {
      expect(at(state).status).toBe('done');
      expect(allowedReviewEvents(at(state))).toEqual([]);
    }
  });
});

describe('review machine: the events offered in each state', () => {
  it('lists what the UI may offer', () => {
    expect(allowedReviewEvents(initial())).toEqual(['vendor.request']);
    expect(allowedReviewEvents(at('inProgress'))).toEqual(['vendor.request', 'review.submit']);
    expect(allowedReviewEvents(at('awaitingVendor'))).toEqual(['vendor.receive']);
    expect(allowedReviewEvents(at('submitted'))).toEqual(['review.start']);
    expect(allowedReviewEvents(at('inReview'))).toEqual(['review.approve', 'review.approveWithConditions', 'review.return', 'review.reject']);
    expect(allowedReviewEvents(at('returned'))).toEqual(['review.reopen']);
  });

  it('persist and restore round-trip state and context', () => {
    const s = step(step(at('inReview'), sign('A', 'approveWithConditions')), sign('B', 'return'));
    const back = restore(reviewMachine, persist(reviewMachine, s));
    expect(back.value).toBe('returned');
    expect(back.context).toEqual(s.context);
  });
});
