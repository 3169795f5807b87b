import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { initialTransition } from 'xstate';
import { z } from 'zod';
import { decodeJson } from '../store/decode-json.ts';

/** What is stored for a machine: its state value and context (getPersistedSnapshot). */
export interface StoredSnapshot {
  value: string;
  context: unknown;
}

/**
 * The stored shape, checked before xstate sees it. The machines are flat, so a state value is a
 * string; the context is the machine's own and checked by its guards and actions, not here.
 */
const StoredSnapshotSchema = z.object({ value: z.string(), context: z.unknown() });

/** Restores a machine snapshot from its stored JSON, or the machine's initial state. */
export function restore<M extends AnyStateMachine>(machine: M, stored: string | null, input?: unknown): SnapshotFrom<M> {
  if (stored === null) return (initialTransition as (m: M, i?: unknown) => [SnapshotFrom<M>, unknown])(machine, input)[0];
  const parsed = decodeJson(StoredSnapshotSchema, stored, `the stored ${machine.id} snapshot`);
  return machine.resolveState({ value: parsed.value, context: parsed.context as never }) as SnapshotFrom<M>;
}

export function persist<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>): string {
  const persisted = machine.getPersistedSnapshot(snapshot) as unknown as StoredSnapshot;
  return JSON.stringify({ value: persisted.value, context: persisted.context });
}

export const stateOf = (snapshot: { value: unknown }): string => String(snapshot.value);
