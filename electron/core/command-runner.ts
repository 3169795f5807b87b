import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallContext, Clock } from './deps.ts';
import type { Repositories, StoragePort } from './store/storage-port.ts';

export interface CommandStamp {
  at: string;
  actor: string;
}

export interface CommandOutcome<T> {
  /** The id of the record the command changed; it names the audit event's entity. */
  entity: string;
  /** What the audit event records about the change. */
  payload: unknown;
  result: T;
}

/**
 * Runs a state-changing command as one write through the storage port that also appends its
 * audit event: the change and its record commit together or not at all.
 */
export type CommandRunner = <T>(
  ctx: CallContext,
  action: string,
  body: (stamp: CommandStamp, repos: Repositories) => Promise<CommandOutcome<T>>,
) => Promise<T>;

export function createCommandRunner(store: StoragePort, clock: Clock): CommandRunner {
  return (ctx, action, body) =>
    store.write(async (repos) => {
      const stamp = { at: clock.now().toISOString(), actor: ctx.actor };
      const outcome = await body(stamp, repos);
      await repos.ledger.append({ ...stamp, action, entity: outcome.entity, payload: outcome.payload });
      return outcome.result;
    });
}

/**
 * For commands whose audit events are their state transitions (workflow): one write, and the
 * body appends one event per transition it makes.
 */
export type TransactionRunner = <T>(ctx: CallContext, body: (stamp: CommandStamp, repos: Repositories) => Promise<T>) => Promise<T>;

export function createTransactionRunner(store: StoragePort, clock: Clock): TransactionRunner {
  // Nested (withGate → risks.treat / risks.accept) is still one command: one stamp.
  const current = new AsyncLocalStorage<CommandStamp>();
  return (ctx, body) => {
    const outer = current.getStore();
    if (outer) return store.write((repos) => body(outer, repos));
    const stamp = { at: clock.now().toISOString(), actor: ctx.actor };
    return current.run(stamp, () => store.write((repos) => body(stamp, repos)));
  };
}
