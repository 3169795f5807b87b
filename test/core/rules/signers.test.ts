// The domain rules' home (electron/core/rules): one name comparison, one sign-off count, one set
// of editable and approved statuses, for the review machine, the services and the renderer.
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { approvalComplete, approvalCount, hasSigned, personNameOfActor, sameSigner } from '../../../electron/core/rules/signers.ts';
import { approvedStatuses, editableStatuses, isApproved, isEditable } from '../../../electron/core/rules/statuses.ts';
import { reviewMachine } from '../../../electron/core/workflow/review-machine.ts';

describe('signers', () => {
  it('compares names trimmed, white space collapsed, Unicode-normalised and case-insensitive', () => {
    expect(sameSigner('Dr Ada Reviewer', '  dr   ada REVIEWER ')).toBe(true);
    expect(sameSigner('Zoë', 'Zoe\u0308')).toBe(true);
    expect(sameSigner('Ada', 'Adam')).toBe(false);
    expect(hasSigned([{ name: 'Ben Reviewer' }], 'ben reviewer')).toBe(true);
  });

  it('reads the person out of an actor label, and nobody out of the OS login or an import', () => {
    expect(personNameOfActor('Asha Assessor (assessor)')).toBe('Asha Assessor');
    expect(personNameOfActor('Chair (Acting) Carol (committeeChair)')).toBe('Chair (Acting) Carol');
    expect(personNameOfActor('os:root')).toBeNull();
    expect(personNameOfActor('Acme (vendor response VRQ-1, imported by Asha Assessor (assessor))')).toBeNull();
    expect(personNameOfActor('Someone (vendor)')).toBeNull();
  });

  it('counts approvals, with or without conditions', () => {
    const s = [{ decision: 'approve' }, { decision: 'return' }, { decision: 'approveWithConditions' }];
    expect(approvalCount(s)).toBe(2);
    expect(approvalComplete(s, 2)).toBe(true);
    expect(approvalComplete(s, 3)).toBe(false);
  });

  it('the review machine guard uses the same comparison: a second sign-off differing only in case is refused', () => {
    const actor = createActor(reviewMachine, { input: { requiredSignOffs: 2 } }).start();
    actor.send({ type: 'assessment.begin' });
    actor.send({ type: 'review.submit', missingRequired: [] });
    actor.send({ type: 'review.start', by: { name: 'Ada', role: 'reviewer' } });
    const signOff = (name: string) => ({ name, role: 'reviewer', decision: 'approve' as const, comment: '', conditions: [], at: '' });
    actor.send({ type: 'review.approve', signOff: signOff('Ada') });
    expect(actor.getSnapshot().can({ type: 'review.approve', signOff: signOff(' ADA ') })).toBe(false);
    // Separation of duties switched off: the same reviewer may sign again.
    expect(actor.getSnapshot().can({ type: 'review.approve', signOff: signOff('ADA'), repeatAllowed: true })).toBe(true);
    actor.stop();
  });
});

describe('statuses', () => {
  it('answers change before submission only; approved is approved with or without conditions', () => {
    expect([...editableStatuses]).toEqual(['draft', 'inProgress', 'awaitingVendor']);
    expect([...approvedStatuses]).toEqual(['approved', 'approvedWithConditions']);
    expect(isEditable('returned')).toBe(false);
    expect(isApproved('approvedWithConditions')).toBe(true);
  });
});
