// The risk treatment machine as a pure function: its guards (mitigationHasActions,
// roleAuthorised, acceptanceExpired) and the treatment and acceptance paths, with no actors.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { persist, restore } from '../../../electron/core/workflow/persisted.ts';
import { riskMachine, type Acceptance, type RiskContext, type RiskEvent, type Treatment } from '../../../electron/core/workflow/risk-machine.ts';

type Snapshot = SnapshotFrom<typeof riskMachine>;

const initial = (): Snapshot => initialTransition(riskMachine)[0];
const at = (value: string, context: Partial<RiskContext> = {}): Snapshot =>
  riskMachine.resolveState({ value, context: { treatment: null, acceptance: null, ...context } });
const step = (snapshot: Snapshot, event: RiskEvent): Snapshot => transition(riskMachine, snapshot, event)[0];
const run = (events: RiskEvent[], from = initial()) => events.reduce(step, from);

function expectRefused(snapshot: Snapshot, event: RiskEvent) {
  expect(snapshot.can(event)).toBe(false);
  const after = step(snapshot, event);
  expect(after.value).toBe(snapshot.value);
  expect(after.context).toEqual(snapshot.context);
}

const mitigation: Treatment = { kind: 'mitigate', owner: 'Owner Olu', plan: 'Add input checks', actions: [{ text: 'Enable scope guard', owner: 'Owner Olu', due: '2026-05-01' }] };
const acceptance: Acceptance = { rationale: 'Pilot only, 20 beds', expiry: '2026-06-30', requestedBy: 'Owner Olu' };
const chairAt = { name: 'Chair Carol', role: 'committeeChair', at: '2026-03-02T10:00:00.000Z' };

const plan = (treatment: Treatment = mitigation): RiskEvent => ({ type: 'risk.plan', treatment });
const request: RiskEvent = { type: 'risk.requestAcceptance', acceptance };
const accept = (by = chairAt, authorisedRoles = ['committeeChair']): RiskEvent => ({ type: 'risk.accept', by, authorisedRoles });

describe('risk machine: treatment path', () => {
  it('starts identified with no treatment or acceptance', () => {
    expect(initial().value).toBe('identified');
    expect(initial().context).toEqual({ treatment: null, acceptance: null });
  });

  it('identified → planned → inProgress → verified → closed', () => {
    const planned = step(initial(), plan());
    expect(planned.value).toBe('planned');
    expect(planned.context.treatment).toEqual(mitigation);
    const inProgress = step(planned, { type: 'risk.start' });
    expect(inProgress.value).toBe('inProgress');
    const verified = step(inProgress, { type: 'risk.verify' });
    expect(verified.value).toBe('verified');
    const closed = step(verified, { type: 'risk.close' });
    expect(closed.value).toBe('closed');
    expect(closed.status).toBe('done');
  });

  it('refuses skipping steps: close, verify or start from identified, close from planned, verify from planned', () => {
    expectRefused(initial(), { type: 'risk.close' });
    expectRefused(initial(), { type: 'risk.verify' });
    expectRefused(initial(), { type: 'risk.start' });
    expectRefused(at('planned', { treatment: mitigation }), { type: 'risk.close' });
    expectRefused(at('planned', { treatment: mitigation }), { type: 'risk.verify' });
    expectRefused(at('inProgress', { treatment: mitigation }), { type: 'risk.close' });
    expectRefused(at('closed', { treatment: mitigation }), plan());
  });

  it('mitigationHasActions: a mitigation needs an action; transfer and avoid do not', () => {
    expectRefused(initial(), plan({ ...mitigation, actions: [] }));
    expect(step(initial(), plan({ kind: 'transfer', owner: 'Owner Olu', plan: 'Insurance and contract clause', actions: [] })).value).toBe('planned');
    expect(step(initial(), plan({ kind: 'avoid', owner: 'Owner Olu', plan: 'Do not use for children', actions: [] })).value).toBe('planned');
  });

  it('mitigationHasActions also guards a re-plan from planned and a plan after a refused acceptance', () => {
    const planned = at('planned', { treatment: mitigation });
    const revised = { ...mitigation, plan: 'Revised plan' };
    expect(step(planned, plan(revised)).context.treatment).toEqual(revised);
    expectRefused(planned, plan({ ...mitigation, actions: [] }));
    expect(step(at('rejected', { acceptance }), plan()).value).toBe('planned');
    expectRefused(at('rejected', { acceptance }), plan({ ...mitigation, actions: [] }));
  });
});

describe('risk machine: acceptance path', () => {
  it('identified → acceptanceRequested → accepted, recording the request and who granted it', () => {
    const requested = step(initial(), request);
    expect(requested.value).toBe('acceptanceRequested');
    expect(requested.context.acceptance).toEqual(acceptance);
    const accepted = step(requested, accept());
    expect(accepted.value).toBe('accepted');
    expect(accepted.context.acceptance).toEqual({ ...acceptance, grantedBy: chairAt });
  });

  it('identified → acceptanceRequested → rejected; a rejected risk may ask again or be planned', () => {
    const rejected = run([request, { type: 'risk.rejectAcceptance' }]);
    expect(rejected.value).toBe('rejected');
    expect(step(rejected, request).value).toBe('acceptanceRequested');
  });

  it('roleAuthorised: accepted only by a role authorised for the band', () => {
    const requested = at('acceptanceRequested', { acceptance });
    expect(requested.can(accept(chairAt, ['riskOwner', 'committeeChair']))).toBe(true);
    expectRefused(requested, accept({ name: 'Owner Olu', role: 'riskOwner', at: chairAt.at }, ['committeeChair']));
    // Critical risks: nobody is authorised.
    expectRefused(requested, accept(chairAt, []));
  });

  it('risk.accept is refused without a request first, and twice', () => {
    expectRefused(initial(), accept());
    expectRefused(at('accepted', { acceptance: { ...acceptance, grantedBy: chairAt } }), accept());
  });

  it('acceptanceExpired: accepted → identified once the expiry date has passed, not on or before it', () => {
    const accepted = at('accepted', { acceptance: { ...acceptance, grantedBy: chairAt } });
    const expired = step(accepted, { type: 'risk.expire', today: '2026-07-01' });
    expect(expired.value).toBe('identified');
    expectRefused(accepted, { type: 'risk.expire', today: '2026-06-30' });
    expectRefused(accepted, { type: 'risk.expire', today: '2026-03-01' });
    // And from identified the usual choices are back.
    expect(expired.can(plan())).toBe(true);
    expect(expired.can(request)).toBe(true);
  });

  it('risk.expire is only an event of accepted risks', () => {
    for (const state of ['identified', 'planned', 'inProgress', 'verified', 'acceptanceRequested', 'rejected']) {
      expectRefused(at(state, { acceptance }), { type: 'risk.expire', today: '2099-01-01' });
    }
  });

  it('persist and restore keep state, treatment and acceptance', () => {
    const s = run([request, accept()]);
    const back = restore(riskMachine, persist(riskMachine, s));
    expect(back.value).toBe('accepted');
    expect(back.context).toEqual(s.context);
  });
});
