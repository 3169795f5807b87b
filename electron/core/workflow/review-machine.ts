import { and, assign, setup } from 'xstate';
import { reviewerRoles } from '../../contract/index.ts';
import { approvalComplete, hasSigned, isApproval } from '../rules/signers.ts';

export { reviewerRoles };

export interface Condition {
  text: string;
  owner: string;
  due: string;
}

export const signOffDecisions = ['approve', 'approveWithConditions', 'return', 'reject'] as const;
export type SignOffDecision = (typeof signOffDecisions)[number];

export interface SignOff {
  name: string;
  role: string;
  decision: SignOffDecision;
  comment: string;
  conditions: Condition[];
  at: string;
}

/**
 * A sign-off arrives as `review.approve`, `review.approveWithConditions`, `review.return` or
 * `review.reject`. `repeatAllowed` is set when separation of duties is switched off in Settings:
 * the same reviewer may then sign more than once in a round.
 */
type SignOffEvent = { type: `review.${SignOffDecision}`; signOff: SignOff; repeatAllowed?: boolean };

export interface ReviewContext {
  requiredSignOffs: number;
  signOffs: SignOff[];
  /** Sign-offs of earlier rounds, kept when a returned assessment is reopened. */
  previousRounds: SignOff[][];
}

export type ReviewEvent =
  | { type: 'assessment.begin' }
  | { type: 'vendor.request' }
  | { type: 'vendor.receive' }
  | { type: 'review.submit'; missingRequired: string[] }
  | { type: 'review.start'; by: { name: string; role: string } }
  | SignOffEvent
  | { type: 'review.reopen' };

const isSignOff = (event: ReviewEvent): event is SignOffEvent => 'signOff' in event;


/**
 * Assessment review (DESIGN §5): draft → inProgress ⇄ awaitingVendor → submitted → inReview →
 * approved | approvedWithConditions | returned | rejected. Facts the machine cannot know (which
 * required questions are missing, who holds which role) arrive in the events.
 */
export const reviewMachine = setup({
  types: {
    context: {} as ReviewContext,
    events: {} as ReviewEvent,
    input: {} as { requiredSignOffs: number },
  },
  guards: {
    noMissingRequired: ({ event }) => event.type === 'review.submit' && event.missingRequired.length === 0,
    byReviewer: ({ event }) =>
      (event.type === 'review.start' && (reviewerRoles as readonly string[]).includes(event.by.role)) ||
      (isSignOff(event) && (reviewerRoles as readonly string[]).includes(event.signOff.role)),
    notYetSigned: ({ context, event }) => isSignOff(event) && (event.repeatAllowed === true || !hasSigned(context.signOffs, event.signOff.name)),
    completesApproval: ({ context, event }) => isSignOff(event) && approvalComplete([...context.signOffs, event.signOff], context.requiredSignOffs),
    withConditions: ({ context, event }) =>
      isSignOff(event) && [...context.signOffs, event.signOff].filter(isApproval).some((s) => s.conditions.length > 0),
    conditionsComplete: ({ event }) =>
      isSignOff(event) &&
      (event.type !== 'review.approveWithConditions' ||
        (event.signOff.conditions.length > 0 && event.signOff.conditions.every((c) => c.owner.trim() !== '' && c.due !== ''))),
  },
  actions: {
    recordSignOff: assign({
      signOffs: ({ context, event }) => (isSignOff(event) ? [...context.signOffs, event.signOff] : context.signOffs),
    }),
    startNewRound: assign({
      previousRounds: ({ context }) => (context.signOffs.length > 0 ? [...context.previousRounds, context.signOffs] : context.previousRounds),
      signOffs: () => [],
    }),
  },
}).createMachine({
  id: 'assessmentReview',
  initial: 'draft',
  context: ({ input }) => ({ requiredSignOffs: input.requiredSignOffs, signOffs: [], previousRounds: [] }),
  states: {
    draft: { on: { 'assessment.begin': 'inProgress', 'vendor.request': 'awaitingVendor' } },
    inProgress: {
      on: {
        'vendor.request': 'awaitingVendor',
        'review.submit': { guard: 'noMissingRequired', target: 'submitted' },
      },
    },
    awaitingVendor: { on: { 'vendor.receive': 'inProgress' } },
    submitted: { on: { 'review.start': { guard: 'byReviewer', target: 'inReview' } } },
    inReview: {
      on: {
        'review.return': { guard: and(['byReviewer', 'notYetSigned']), target: 'returned', actions: 'recordSignOff' },
        'review.reject': { guard: and(['byReviewer', 'notYetSigned']), target: 'rejected', actions: 'recordSignOff' },
        'review.approve': [
          { guard: and(['byReviewer', 'notYetSigned', 'completesApproval', 'withConditions']), target: 'approvedWithConditions', actions: 'recordSignOff' },
          { guard: and(['byReviewer', 'notYetSigned', 'completesApproval']), target: 'approved', actions: 'recordSignOff' },
          { guard: and(['byReviewer', 'notYetSigned']), actions: 'recordSignOff' },
        ],
        'review.approveWithConditions': [
          { guard: and(['byReviewer', 'notYetSigned', 'conditionsComplete', 'completesApproval']), target: 'approvedWithConditions', actions: 'recordSignOff' },
          { guard: and(['byReviewer', 'notYetSigned', 'conditionsComplete']), actions: 'recordSignOff' },
        ],
      },
    },
    returned: { on: { 'review.reopen': { target: 'inProgress', actions: 'startNewRound' } } },
    approved: { type: 'final' },
    approvedWithConditions: { type: 'final' },
    rejected: { type: 'final' },
  },
});
