// The lockout counter (docs/team-mode.md, "Accounts"), as a property: over any sequence of right
// and wrong passwords at any spacing, an account is locked exactly when five failures in a row
// (each within the window of the one before, no success between) were made less than the lock
// time ago; the count the refusal states is the failures in that run; a success resets it. First
// on the rule itself over many sequences, then on the real sign-in (real scrypt, the engine under
// test) over a few.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutPolicy, lockoutStep, type LockoutState } from '../../../electron/core/accounts/lockout.ts';
import { makeAccountsCore, password, start, type AccountsCore } from './accounts-fixture.ts';

interface Attempt {
  /** Minutes after the attempt before. */
  gap: number;
  right: boolean;
}

type Outcome = { kind: 'signedIn' } | { kind: 'refused'; count: number } | { kind: 'locked' };

const minute = 60_000;
const attempts = fc.array(fc.record({ gap: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })), right: fc.boolean() }), { maxLength: 30 });

/**
 * What should happen, from the history alone: the run of failures that counts is the wrong
 * attempts since the last success, the last lock, or the last gap of a window or more; the
 * account is locked while less than the lock time has passed since a run reached five.
 */
function expected(history: readonly Attempt[]): Outcome[] {
  const outcomes: Outcome[] = [];
  let t = 0;
  let run: number[] = [];
  let lockedAt: number | null = null;
  for (const a of history) {
    t += a.gap * minute;
    if (lockedAt !== null && t - lockedAt < lockoutPolicy.lockMinutes * minute) {
      outcomes.push({ kind: 'locked' });
      continue;
    }
    if (lockedAt !== null) run = [];
    lockedAt = null;
    const last = run.at(-1);
    if (last !== undefined && t - last >= lockoutPolicy.windowMinutes * minute) run = [];
    if (a.right) {
      run = [];
      outcomes.push({ kind: 'signedIn' });
      continue;
    }
    run.push(t);
    if (run.length === lockoutPolicy.attempts) {
      lockedAt = t;
      outcomes.push({ kind: 'locked' });
    } else outcomes.push({ kind: 'refused', count: run.length });
  }
  return outcomes;
}

/** The rule as the sign-in applies it. */
function byRule(history: readonly Attempt[]): Outcome[] {
  let state: LockoutState = { failedSignIns: 0, lastFailedAt: null, lockedUntil: null };
  let t = Date.parse(start);
  return history.map((a) => {
    t += a.gap * minute;
    const decision = lockoutStep(state, new Date(t));
    if (decision.kind === 'locked') return { kind: 'locked' };
    state = a.right ? decision.afterSuccess : decision.afterFailure;
    if (a.right) return { kind: 'signedIn' };
    return state.lockedUntil !== null ? { kind: 'locked' } : { kind: 'refused', count: state.failedSignIns };
  });
}

describe('the lockout rule', () => {
  it('locks exactly after five failures in a row within the window, and a success resets the count', () => {
    fc.assert(
      fc.property(attempts, (history) => {
        expect(byRule(history)).toEqual(expected(history));
      }),
      { numRuns: 2000 },
    );
  });

  it('never locks without five failures, and always after five quick ones', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 20 }), (rights) => {
        const history = rights.map((right) => ({ gap: 1, right }));
        const outcomes = byRule(history);
        const firstLock = outcomes.findIndex((o) => o.kind === 'locked');
        let streak = 0;
        let firstFive = -1;
        rights.forEach((right, i) => {
          streak = right ? 0 : streak + 1;
          if (streak === 5 && firstFive < 0) firstFive = i;
        });
        expect(firstLock).toBe(firstFive);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the lockout in the real sign-in', () => {
  let core: AccountsCore;
  beforeAll(async () => {
    core = await makeAccountsCore();
  });
  afterAll(() => core?.dispose());

  it('refuses, locks and admits as the rule says (a few sequences: every attempt is a real scrypt)', async () => {
    let run = 0;
    let t = Date.parse(start) + 60 * minute;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20 }), right: fc.boolean() }), { minLength: 5, maxLength: 9 }), async (history) => {
        run += 1;
        const login = `user${run}`;
        t += 24 * 60 * minute;
        core.clock.set(new Date(t).toISOString());
        await core.saveAccount({ login, name: `User ${run}`, roles: [], password });
        const outcomes: Outcome[] = [];
        for (const a of history) {
          t += a.gap * minute;
          core.clock.set(new Date(t).toISOString());
          const result = await core.authority.signInWithPassword({ login, password: a.right ? password : 'a wrong password!', address: '192.0.2.1' });
          if (result.ok) outcomes.push({ kind: 'signedIn' });
          else if (result.error.code === 'ACCOUNT_LOCKED') outcomes.push({ kind: 'locked' });
          else outcomes.push({ kind: 'refused', count: (result.error.details as { failedSignIns: number }).failedSignIns });
        }
        expect(outcomes).toEqual(expected(history));
      }),
      { numRuns: 6 },
    );
  });
});
