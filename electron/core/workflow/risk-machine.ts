import { assign, setup } from 'xstate';

export interface TreatmentAction {
  text: string;
  owner: string;
  due: string;
}

export interface Treatment {
  kind: 'mitigate' | 'transfer' | 'avoid';
  owner: string;
  plan: string;
  actions: TreatmentAction[];
}

export interface Acceptance {
  rationale: string;
  expiry: string;
  requestedBy: string;
  grantedBy?: { name: string; role: string; at: string };
}

export interface RiskContext {
  treatment: Treatment | null;
  acceptance: Acceptance | null;
}

export type RiskEvent =
  | { type: 'risk.plan'; treatment: Treatment }
  | { type: 'risk.start' }
  | { type: 'risk.verify' }
  | { type: 'risk.close' }
  | { type: 'risk.requestAcceptance'; acceptance: Acceptance }
  | { type: 'risk.accept'; by: { name: string; role: string; at: string }; authorisedRoles: string[] }
  | { type: 'risk.rejectAcceptance' }
  | { type: 'risk.expire'; today: string };

/**
 * Risk treatment (DESIGN §5): identified → planned → inProgress → verified → closed, or
 * identified → acceptanceRequested → accepted | rejected; an accepted risk returns to
 * identified when its acceptance expires.
 */
export const riskMachine = setup({
  types: { context: {} as RiskContext, events: {} as RiskEvent },
  guards: {
    mitigationHasActions: ({ event }) => event.type === 'risk.plan' && (event.treatment.kind !== 'mitigate' || event.treatment.actions.length > 0),
    roleAuthorised: ({ event }) => event.type === 'risk.accept' && event.authorisedRoles.includes(event.by.role),
    acceptanceExpired: ({ context, event }) => event.type === 'risk.expire' && context.acceptance !== null && context.acceptance.expiry < event.today,
  },
  actions: {
    recordTreatment: assign({ treatment: ({ context, event }) => (event.type === 'risk.plan' ? event.treatment : context.treatment) }),
    recordRequest: assign({ acceptance: ({ context, event }) => (event.type === 'risk.requestAcceptance' ? event.acceptance : context.acceptance) }),
    recordGrant: assign({
      acceptance: ({ context, event }) => (event.type === 'risk.accept' && context.acceptance ? { ...context.acceptance, grantedBy: event.by } : context.acceptance),
    }),
  },
}).createMachine({
  id: 'riskTreatment',
  initial: 'identified',
  context: { treatment: null, acceptance: null },
  states: {
    identified: {
      on: {
        'risk.plan': { guard: 'mitigationHasActions', target: 'planned', actions: 'recordTreatment' },
        'risk.requestAcceptance': { target: 'acceptanceRequested', actions: 'recordRequest' },
      },
    },
    planned: { on: { 'risk.start': 'inProgress', 'risk.plan': { guard: 'mitigationHasActions', target: 'planned', actions: 'recordTreatment' } } },
    inProgress: { on: { 'risk.verify': 'verified' } },
    verified: { on: { 'risk.close': 'closed' } },
    closed: { type: 'final' },
    acceptanceRequested: {
      on: {
        'risk.accept': { guard: 'roleAuthorised', target: 'accepted', actions: 'recordGrant' },
        'risk.rejectAcceptance': 'rejected',
      },
    },
    rejected: {
      on: {
        'risk.plan': { guard: 'mitigationHasActions', target: 'planned', actions: 'recordTreatment' },
        'risk.requestAcceptance': { target: 'acceptanceRequested', actions: 'recordRequest' },
      },
    },
    accepted: { on: { 'risk.expire': { guard: 'acceptanceExpired', target: 'identified' } } },
  },
});
