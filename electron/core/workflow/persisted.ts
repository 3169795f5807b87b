import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { initialTransition } from 'xstate';

/** What is stored in SQLite for a machine: its state value and context (getPersistedSnapshot). */
export interface StoredSnapshot {
  value: string;
  context: unknown;
}

/** Restores a machine snapshot from its stored JSON, or the machine's initial state. */
export function restore<M extends AnyStateMachine>(machine: M, stored: string | null, input?: unknown): SnapshotFrom<M> {
  if (stored === null) return (initialTransition as (m: M, i?: unknown) => [SnapshotFrom<M>, unknown])(machine, input)[0];
  const parsed = JSON.parse(stored) as StoredSnapshot;
  return machine.resolveState({ value: parsed.value, context: parsed.context as never }) as SnapshotFrom<M>;
}

export function persist<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>): string {
  const persisted = machine.getPersistedSnapshot(snapshot) as unknown as StoredSnapshot;
  return JSON.stringify({ value: persisted.value, context: persisted.context });
}

export const stateOf = (snapshot: { value: unknown }): string => String(snapshot.value);
