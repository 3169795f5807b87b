import type { Database } from 'better-sqlite3';
import { appendAuditEvent } from './audit/ledger.ts';
import type { CallContext, Clock } from './deps.ts';

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
 * Runs a state-changing command as one SQLite transaction that also appends its audit event:
 * the change and its record commit together or not at all.
 */
export type CommandRunner = <T>(
  ctx: CallContext,
  action: string,
  body: (stamp: CommandStamp) => CommandOutcome<T>,
) => T;

export function createCommandRunner(db: Database, clock: Clock): CommandRunner {
  return (ctx, action, body) =>
    db.transaction(() => {
      const stamp = { at: clock.now().toISOString(), actor: ctx.actor };
      const outcome = body(stamp);
      appendAuditEvent(db, { ...stamp, action, entity: outcome.entity, payload: outcome.payload });
      return outcome.result;
    }).immediate();
}

/**
 * For commands whose audit events are their state transitions (workflow): one transaction, and
 * the body appends one event per transition it makes.
 */
export type TransactionRunner = <T>(ctx: CallContext, body: (stamp: CommandStamp) => T) => T;

export function createTransactionRunner(db: Database, clock: Clock): TransactionRunner {
  let current: CommandStamp | null = null;
  return (ctx, body) =>
    db
      .transaction(() => {
        // Nested (withGate → risks.treat / risks.accept) is still one command: one stamp.
        if (current) return body(current);
        current = { at: clock.now().toISOString(), actor: ctx.actor };
        try {
          return body(current);
        } finally {
          current = null;
        }
      })
      .immediate();
}
