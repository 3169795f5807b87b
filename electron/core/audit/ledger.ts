import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from './canonical-json.ts';

export const genesisHash = '0'.repeat(64);

export interface AuditEventInput {
  at: string;
  actor: string;
  action: string;
  entity: string;
  payload: unknown;
}

export interface AuditEvent extends AuditEventInput {
  seq: number;
  prevHash: string;
  hash: string;
}

/** hash = SHA-256(prevHash ‖ canonical JSON of the event) — DESIGN §6. */
export function hashEvent(prevHash: string, event: Omit<AuditEvent, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    payload: event.payload,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

interface HeadRow {
  seq: number;
  hash: string;
}

/**
 * Appends one event to the chain. Call it inside the transaction that makes the change it
 * records, so the change and its record commit or vanish together.
 */
/** The two statements an append runs, prepared once per connection (every command appends). */
const appendStatements = new WeakMap<Database, { head: Statement; insert: Statement }>();
function statementsFor(db: Database) {
  let statements = appendStatements.get(db);
  if (!statements) {
    statements = {
      head: db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO audit_events (seq, at, actor, action, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    };
    appendStatements.set(db, statements);
  }
  return statements;
}

export function appendAuditEvent(db: Database, raw: AuditEventInput): AuditEvent {
  if (!db.inTransaction) throw new Error('appendAuditEvent must run inside the command transaction');
  // SQLite stores a lone UTF-16 surrogate as U+FFFD; hash exactly what will be stored, or a
  // genuine event would later fail verification.
  const input: AuditEventInput = {
    ...raw,
    at: raw.at.toWellFormed(),
    actor: raw.actor.toWellFormed(),
    action: raw.action.toWellFormed(),
    entity: raw.entity.toWellFormed(),
  };
  const statements = statementsFor(db);
  const head = statements.head.get() as HeadRow | undefined;
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? genesisHash;
  const event = { seq, ...input };
  const hash = hashEvent(prevHash, event);
  statements.insert.run(seq, input.at, input.actor, input.action, input.entity, canonicalJson(input.payload), prevHash, hash);
  return { ...event, prevHash, hash };
}

export function auditLength(db: Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number }).n;
}

/** The ledger's length and the hash of its newest event (null while it is empty). */
export function ledgerHead(db: Database): { length: number; head: string | null } {
  const newest = db.prepare('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  return { length: auditLength(db), head: newest?.hash ?? null };
}
