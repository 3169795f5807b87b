/*
 * The lockout rule (docs/team-mode.md, "Accounts"), in one place: five failed password sign-ins
 * in a row lock the account for fifteen minutes. "In a row" means with no success between them
 * and none more than the window after the one before (an old failure does not count towards a
 * lock weeks later). A locked account is refused even with the right password, and its attempts
 * while locked change nothing.
 */

export const lockoutPolicy = { attempts: 5, windowMinutes: 15, lockMinutes: 15 } as const;

export interface LockoutState {
  failedSignIns: number;
  lastFailedAt: string | null;
  lockedUntil: string | null;
}

export type LockoutDecision =
  /** The account is locked: refuse, whatever the password; the state stays. */
  | { kind: 'locked'; lockedUntil: string }
  /** Let the password decide; `next` is the state after a right or a wrong one. */
  | { kind: 'open'; afterSuccess: LockoutState; afterFailure: LockoutState };

const minutes = (n: number) => n * 60_000;

export const isLocked = (state: LockoutState, at: Date): boolean => state.lockedUntil !== null && at.getTime() < Date.parse(state.lockedUntil);

/** What an attempt at `at` may do, and what each outcome leaves behind. */
export function lockoutStep(state: LockoutState, at: Date): LockoutDecision {
  if (state.lockedUntil !== null && isLocked(state, at)) return { kind: 'locked', lockedUntil: state.lockedUntil };
  const fresh = state.lockedUntil !== null || state.lastFailedAt === null || at.getTime() - Date.parse(state.lastFailedAt) >= minutes(lockoutPolicy.windowMinutes);
  const failures = (fresh ? 0 : state.failedSignIns) + 1;
  const locks = failures >= lockoutPolicy.attempts;
  return {
    kind: 'open',
    afterSuccess: { failedSignIns: 0, lastFailedAt: null, lockedUntil: null },
    afterFailure: {
      failedSignIns: failures,
      lastFailedAt: at.toISOString(),
      lockedUntil: locks ? new Date(at.getTime() + minutes(lockoutPolicy.lockMinutes)).toISOString() : null,
    },
  };
}
