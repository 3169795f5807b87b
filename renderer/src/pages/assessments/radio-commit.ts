/**
 * When a choice in a radio group counts as an answer (docs/keyboard.md, "Answering with the
 * keyboard"). The browser checks each radio the arrow keys pass over; saving each of them put
 * an event in the ledger for every option passed. So a choice reached with the arrow keys is
 * only shown until the person says it is meant: Space or Enter, or leaving the group. A click
 * (or Space on an unchecked radio) is deliberate and counts at once. Nothing is committed that
 * equals the answer already saved.
 */
export interface RadioCommitState {
  /** The option the arrow keys stopped on, shown but not saved yet. */
  pending: string | null;
  /** The key held down now: the change it causes is a pass-over when it is an arrow key. */
  key: string | null;
}

export type RadioEvent =
  | { kind: 'keydown'; key: string }
  | { kind: 'keyup' }
  | { kind: 'change'; value: string }
  /** Focus left the group (Tab, a click elsewhere, a shortcut), or the group is going away. */
  | { kind: 'leave' };

export const idleRadio: RadioCommitState = { pending: null, key: null };

/** Keys with which the browser moves the checked radio as it moves focus. */
const passingKeys: ReadonlySet<string> = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight']);
const confirmingKeys: ReadonlySet<string> = new Set([' ', 'Enter']);

/** The next state, and the option to save now (null: nothing to save). `saved` is the answer as saved. */
export function stepRadio(state: RadioCommitState, event: RadioEvent, saved: string | null): { state: RadioCommitState; commit: string | null } {
  const worth = (value: string | null) => (value !== null && value !== saved ? value : null);
  switch (event.kind) {
    case 'keydown':
      if (confirmingKeys.has(event.key) && state.pending !== null) return { state: { pending: null, key: event.key }, commit: worth(state.pending) };
      return { state: { ...state, key: event.key }, commit: null };
    case 'keyup':
      return { state: { ...state, key: null }, commit: null };
    case 'change':
      if (state.key !== null && passingKeys.has(state.key)) return { state: { ...state, pending: event.value === saved ? null : event.value }, commit: null };
      return { state: { ...state, pending: null }, commit: worth(event.value) };
    case 'leave':
      return { state: idleRadio, commit: worth(state.pending) };
  }
}
