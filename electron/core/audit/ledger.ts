import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
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

/** The newest event's place in the chain, or null while the ledger is empty. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The next event after `head`, ready to store: the one place an event's sequence number and hash
 * are worked out, for the ledger repository and for the store's own tools alike.
 */
export function chainEvent(head: ChainHead | undefined, raw: AuditEventInput): { event: AuditEvent; payloadJson: string } {
  // SQLite stores a lone UTF-16 surrogate as U+FFFD (PostgreSQL refuses it); hash exactly what
  // will be stored, or a genuine event would later fail verification.
  const input: AuditEventInput = {
    ...raw,
    at: raw.at.toWellFormed(),
    actor: raw.actor.toWellFormed(),
    action: raw.action.toWellFormed(),
    entity: raw.entity.toWellFormed(),
  };
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? genesisHash;
  const hash = hashEvent(prevHash, { seq, ...input });
  return { event: { seq, ...input, prevHash, hash }, payloadJson: canonicalJson(input.payload) };
}

/**
 * Appends one event straight through a better-sqlite3 handle, inside a transaction the caller
 * opened. Only for the store's own tools that work below the storage port (the crash harness,
 * fixtures of older databases); services append through `Repositories.ledger`.
 */
export function appendAuditEvent(db: Database, raw: AuditEventInput): AuditEvent {
  if (!db.inTransaction) throw new Error('appendAuditEvent must run inside the command transaction');
  const head = db.prepare<[], ChainHead>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
  const { event, payloadJson } = chainEvent(head, raw);
  db.prepare('INSERT INTO audit_events (seq, at, actor, action, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    event.seq,
    event.at,
    event.actor,
    event.action,
    event.entity,
    payloadJson,
    event.prevHash,
    event.hash,
  );
  return event;
}

/** The ledger's length and the hash of its newest event (null while it is empty), read through a raw handle. */
export function ledgerHead(db: Database): { length: number; head: string | null } {
  const newest = db.prepare<[], { hash: string }>('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_events').get();
  return { length: count?.n ?? 0, head: newest?.hash ?? null };
}
