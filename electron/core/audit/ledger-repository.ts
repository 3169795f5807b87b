import type { Kysely } from 'kysely';
import { prepareQuery } from '../store/prepared-query.ts';
import type { Row, Schema } from '../store/schema.ts';
import type { AuditEventRow } from '../../contract/index.ts';
import { chainEvent, type AuditEvent, type AuditEventInput } from './ledger.ts';
import { ledgerPage, type LedgerPageQuery } from './ledger-page-repository.ts';

export type LedgerRow = Row<'audit_events'>;

export interface LedgerRepository {
  /**
   * Appends one event to the chain. Runs inside the command's write, so the change and its
   * record commit or vanish together. One chain needs one appender at a time between reading the
   * head and committing: every write holds the engine's write lock from its start (SQLite's
   * BEGIN IMMEDIATE, PostgreSQL's advisory lock in kysely-storage.ts).
   */
  append(input: AuditEventInput): Promise<AuditEvent>;
  /** The ledger's length and the hash of its newest event (null while it is empty). */
  head(): Promise<{ length: number; head: string | null }>;
  /** Every event in sequence order, as stored (for verification). */
  all(): Promise<LedgerRow[]>;
  /** The events about any of `entities`, in sequence order. */
  about(entities: readonly string[]): Promise<LedgerRow[]>;
  /** One page of events (audit.events) and how many match in all. */
  page(query: LedgerPageQuery): Promise<{ rows: AuditEventRow[]; total: number }>;
}

// Every command appends: built and compiled once (see prepared-query.ts).
const newestEvent = prepareQuery((db) => db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
const insertEvent = prepareQuery((db, p: LedgerRow) =>
  db.insertInto('audit_events').values({ seq: p.seq, at: p.at, actor: p.actor, action: p.action, entity: p.entity, payload: p.payload, prev_hash: p.prev_hash, hash: p.hash }),
);

export function createLedgerRepository(db: Kysely<Schema>): LedgerRepository {
  const newest = async () => (await newestEvent.execute(db, {}))[0];
  return {
    append: async (input) => {
      const { event, payloadJson } = chainEvent(await newest(), input);
      await insertEvent.execute(db, {
        seq: event.seq,
        at: event.at,
        actor: event.actor,
        action: event.action,
        entity: event.entity,
        payload: payloadJson,
        prev_hash: event.prevHash,
        hash: event.hash,
      });
      return event;
    },
    head: async () => {
      const top = await newest();
      const { n } = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { length: Number(n), head: top?.hash ?? null };
    },
    all: () => db.selectFrom('audit_events').selectAll().orderBy('seq').execute(),
    about: async (entities) =>
      entities.length === 0 ? [] : db.selectFrom('audit_events').selectAll().where('entity', 'in', entities).orderBy('seq').execute(),
    page: (query) => ledgerPage(db, query),
  };
}
