// The system lifecycle machine as a pure function: the gate guard at each stage, re-assessment
// and retirement, with xstate's transition/initialTransition and no actors.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { lifecycleMachine, type GateFacts, type LifecycleEvent } from '../../../electron/core/workflow/lifecycle-machine.ts';
import { persist, restore } from '../../../electron/core/workflow/persisted.ts';

type Snapshot = SnapshotFrom<typeof lifecycleMachine>;

const at = (value: string): Snapshot => lifecycleMachine.resolveState({ value, context: {} });
const step = (snapshot: Snapshot, event: LifecycleEvent): Snapshot => transition(lifecycleMachine, snapshot, event)[0];

const open: GateFacts = { stageApproved: true, blockingRisks: [] };
const notApproved: GateFacts = { stageApproved: false, blockingRisks: [] };
const blocked: GateFacts = { stageApproved: true, blockingRisks: ['RSK-00000001'] };

function expectRefused(snapshot: Snapshot, event: LifecycleEvent) {
  expect(snapshot.can(event)).toBe(false);
  expect(step(snapshot, event).value).toBe(snapshot.value);
}

const nonFinal = ['procurement', 'validation', 'deployment', 'inUse', 'reassessmentDue'];

describe('lifecycle machine', () => {
  it('starts in procurement', () => {
    expect(initialTransition(lifecycleMachine)[0].value).toBe('procurement');
  });

  it.each([
    ['procurement', 'validation'],
    ['validation', 'deployment'],
    ['deployment', 'inUse'],
  ])('gateOpen: %s advances to %s only when approved and nothing blocks', (from, to) => {
    expect(step(at(from), { type: 'lifecycle.advance', gate: open }).value).toBe(to);
    expectRefused(at(from), { type: 'lifecycle.advance', gate: notApproved });
    expectRefused(at(from), { type: 'lifecycle.advance', gate: blocked });
    expectRefused(at(from), { type: 'lifecycle.advance', gate: { stageApproved: false, blockingRisks: ['RSK-00000001'] } });
  });

  it('lifecycle.advance is not an event of inUse or reassessmentDue (re-assessment uses lifecycle.reassessed)', () => {
    expectRefused(at('inUse'), { type: 'lifecycle.advance', gate: open });
    expectRefused(at('reassessmentDue'), { type: 'lifecycle.advance', gate: open });
  });

  it('gateOpen: reassessmentDue returns to inUse on lifecycle.reassessed only when the gate is open', () => {
    expect(step(at('reassessmentDue'), { type: 'lifecycle.reassessed', gate: open }).value).toBe('inUse');
    expectRefused(at('reassessmentDue'), { type: 'lifecycle.reassessed', gate: notApproved });
    expectRefused(at('reassessmentDue'), { type: 'lifecycle.reassessed', gate: blocked });
    for (const state of ['procurement', 'validation', 'deployment', 'inUse']) expectRefused(at(state), { type: 'lifecycle.reassessed', gate: open });
  });

  it('lifecycle.reassessmentDue moves only inUse; earlier stages and reassessmentDue stay where they are', () => {
    const event: LifecycleEvent = { type: 'lifecycle.reassessmentDue', reason: 'modelVersion: v2' };
    expect(step(at('inUse'), event).value).toBe('reassessmentDue');
    for (const state of ['procurement', 'validation', 'deployment', 'reassessmentDue']) {
      expect(at(state).can(event)).toBe(true);
      expect(step(at(state), event).value).toBe(state);
    }
  });

  it.each(nonFinal)('lifecycle.retire retires a system in %s', (state) => {
    const retired = step(at(state), { type: 'lifecycle.retire' });
    expect(retired.value).toBe('retired');
    expect(retired.status).toBe('done');
  });

  it('retired is final: it takes no event', () => {
    const retired = at('retired');
    expectRefused(retired, { type: 'lifecycle.retire' });
    expectRefused(retired, { type: 'lifecycle.advance', gate: open });
    expectRefused(retired, { type: 'lifecycle.reassessed', gate: open });
    expectRefused(retired, { type: 'lifecycle.reassessmentDue', reason: 'incident' });
  });

  it('persist and restore keep the stage', () => {
    const s = step(at('deployment'), { type: 'lifecycle.advance', gate: open });
    expect(restore(lifecycleMachine, persist(lifecycleMachine, s)).value).toBe('inUse');
    expect(restore(lifecycleMachine, null).value).toBe('procurement');
  });
});
