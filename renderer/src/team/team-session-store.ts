import { useSyncExternalStore } from 'react';
import type { SignedInAccount } from '../../../electron/contract/index.ts';
import type { SessionAnswer, SignInOptions } from './session-answer.ts';
import { sessionEndedMessage } from './team-messages.ts';

/**
 * Team mode's one piece of page-wide state: how this server lets people sign in, the session
 * (when signed in) and, after a session ended, why — shown on the sign-in page.
 */
export interface TeamSession {
  account: SignedInAccount;
  csrfToken: string;
  idleExpiresAt: string;
  expiresAt: string;
  /** The server's idle timeout as this page estimated it when the session was last known (minutes). */
  idleMinutes: number;
}

export interface TeamState {
  signIn: SignInOptions;
  session: TeamSession | null;
  /** Why the person is on the sign-in page (a session that ended, a sign-out), in words. */
  notice: string | null;
}

export interface TeamStore {
  get(): TeamState;
  subscribe(onChange: () => void): () => void;
  /** A session answer from the server: signed in, or not. `serverNow` is the answer's Date header when it had one. */
  accept(answer: SessionAnswer, serverNow?: number): void;
  /** The session is over (signed out, expired, refused): back to the sign-in page with this notice. */
  end(notice: string | null): void;
}

/**
 * Minutes of idleness the server allows, from a fresh answer: the server moves `idleExpiresAt`
 * on at most once a minute, so the gap to now lies within a minute below the setting.
 */
export function estimateIdleMinutes(idleExpiresAt: string, now: number): number {
  const gap = Date.parse(idleExpiresAt) - now;
  return Number.isFinite(gap) ? Math.max(1, Math.ceil(gap / 60_000 - 0.02)) : 30;
}

export function createTeamStore(initial: SessionAnswer, serverNow?: number, now: () => number = Date.now): TeamStore {
  const listeners = new Set<() => void>();
  let state: TeamState = { signIn: initial.signIn, session: null, notice: null };
  const publish = (next: TeamState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const store: TeamStore = {
    get: () => state,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    accept(answer, serverNow) {
      if (!answer.signedIn) {
        const notice = answer.ended ? sessionEndedMessage(answer.ended, state.session, serverNow ?? now()) : state.notice;
        publish({ signIn: answer.signIn, session: null, notice });
        return;
      }
      const { account, csrfToken, idleExpiresAt, expiresAt } = answer;
      const idleMinutes = estimateIdleMinutes(idleExpiresAt, serverNow ?? now());
      publish({ signIn: answer.signIn, session: { account, csrfToken, idleExpiresAt, expiresAt, idleMinutes }, notice: null });
    },
    end(notice) {
      if (state.session === null && state.notice === notice) return;
      publish({ signIn: state.signIn, session: null, notice });
    },
  };
  store.accept(initial, serverNow);
  return store;
}

/**
 * The store of the page's team server, set once at start-up in team mode; null on the desktop
 * and in browser mode (which the hooks below then report).
 */
let current: TeamStore | null = null;
const none = () => () => undefined;

export function installTeamStore(store: TeamStore | null): void {
  current = store;
}

export function teamStore(): TeamStore | null {
  return current;
}

/** The team state, or null outside team mode. */
export function useTeamState(): TeamState | null {
  const store = current;
  return useSyncExternalStore(store ? store.subscribe : none, () => (store ? store.get() : null));
}

/** The signed-in account, or null (outside team mode, or signed out). */
export function useTeamAccount(): SignedInAccount | null {
  return useTeamState()?.session?.account ?? null;
}
