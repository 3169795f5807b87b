import type { SnapshotFrom } from 'xstate';
import type { reviewMachine} from './review-machine.ts';
import { type ReviewEvent } from './review-machine.ts';

/**
 * The review events the machine would take in this state for a reviewer who has not yet
 * signed and with nothing missing: what the UI offers as actions (the core still checks the
 * actual person and facts when the event is sent).
 */
export function allowedReviewEvents(snapshot: SnapshotFrom<typeof reviewMachine>): string[] {
  const by = { name: '\u0000probe', role: 'reviewer' };
  const signOff = { ...by, comment: '', conditions: [{ text: 'c', owner: 'o', due: '2999-01-01' }], at: '' };
  const candidates: ReviewEvent[] = [
    { type: 'vendor.request' },
    { type: 'vendor.receive' },
    { type: 'review.submit', missingRequired: [] },
    { type: 'review.start', by },
    { type: 'review.approve', signOff: { ...signOff, decision: 'approve' } },
    { type: 'review.approveWithConditions', signOff: { ...signOff, decision: 'approveWithConditions' } },
    { type: 'review.return', signOff: { ...signOff, decision: 'return' } },
    { type: 'review.reject', signOff: { ...signOff, decision: 'reject' } },
    { type: 'review.reopen' },
  ];
  return candidates.filter((e) => snapshot.can(e)).map((e) => e.type);
}
