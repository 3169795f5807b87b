import { setup } from 'xstate';

/** What the gate needs to know: the stage's assessment approval and the risks still blocking. */
export interface GateFacts {
  stageApproved: boolean;
  blockingRisks: string[];
}

export type LifecycleEvent =
  | { type: 'lifecycle.advance'; gate: GateFacts }
  | { type: 'lifecycle.reassessmentDue'; reason: string }
  | { type: 'lifecycle.reassessed'; gate: GateFacts }
  | { type: 'lifecycle.retire' };

const gateOpen = (gate: GateFacts) => gate.stageApproved && gate.blockingRisks.length === 0;

/**
 * System lifecycle (DESIGN §5): procurement → validation → deployment → inUse ⇄
 * reassessmentDue → retired. Each gate opens only when the stage's assessment is approved and
 * no residual risk above appetite lacks an approved treatment or valid acceptance.
 */
export const lifecycleMachine = setup({
  types: { events: {} as LifecycleEvent },
  guards: {
    gateOpen: ({ event }) => (event.type === 'lifecycle.advance' || event.type === 'lifecycle.reassessed') && gateOpen(event.gate),
  },
}).createMachine({
  id: 'systemLifecycle',
  initial: 'procurement',
  states: {
    procurement: {
      on: { 'lifecycle.advance': { guard: 'gateOpen', target: 'validation' }, 'lifecycle.reassessmentDue': 'procurement', 'lifecycle.retire': 'retired' },
    },
    validation: {
      on: { 'lifecycle.advance': { guard: 'gateOpen', target: 'deployment' }, 'lifecycle.reassessmentDue': 'validation', 'lifecycle.retire': 'retired' },
    },
    deployment: {
      on: { 'lifecycle.advance': { guard: 'gateOpen', target: 'inUse' }, 'lifecycle.reassessmentDue': 'deployment', 'lifecycle.retire': 'retired' },
    },
    inUse: { on: { 'lifecycle.reassessmentDue': 'reassessmentDue', 'lifecycle.retire': 'retired' } },
    reassessmentDue: {
      on: { 'lifecycle.reassessed': { guard: 'gateOpen', target: 'inUse' }, 'lifecycle.reassessmentDue': 'reassessmentDue', 'lifecycle.retire': 'retired' },
    },
    retired: { type: 'final' },
  },
});
