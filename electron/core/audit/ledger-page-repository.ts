import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AuditEventRow, AuditSort, SortDirection } from '../../contract/index.ts';
import { containsAnyOf, sortDirection } from '../store/list-sql.ts';
import type { Schema } from '../store/schema.ts';

/** One page of the ledger as the audit log asks for it (audit.events). */
export interface LedgerPageQuery {
  action?: string | undefined;
  actor?: string | undefined;
  entity?: string | undefined;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  search: string;
  sort: AuditSort;
  direction: SortDirection;
  offset: number;
  limit: number;
}

/** How much of an event's payload a list row carries. */
export const payloadPreviewLength = 300;

/** The day after `day` (YYYY-MM-DD): events of `to` are those before the next day began. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

type Eb = ExpressionBuilder<Schema, 'audit_events'>;

function matching(q: LedgerPageQuery) {
  return (eb: Eb) => {
    const all = [];
    if (q.action !== undefined) all.push(eb('action', '=', q.action));
    if (q.actor !== undefined) all.push(eb('actor', '=', q.actor));
    if (q.entity !== undefined) all.push(eb('entity', '=', q.entity));
    // `at` is an ISO timestamp: a day's events start with the day.
    if (q.from !== undefined) all.push(eb('at', '>=', q.from));
    if (q.to !== undefined) all.push(eb('at', '<', dayAfter(q.to)));
    if (q.search !== '') all.push(containsAnyOf([eb.ref('actor'), eb.ref('action'), eb.ref('entity'), eb.ref('payload')], q.search));
    return eb.and(all);
  };
}

/**
 * One page of audit events and the number matching in all, read in SQL; the payload is cut to
 * its first 300 characters there (the whole of it stays in the ledger, for audit.verify).
 */
export async function ledgerPage(db: Kysely<Schema>, q: LedgerPageQuery): Promise<{ rows: AuditEventRow[]; total: number }> {
  const { n } = await db
    .selectFrom('audit_events')
    .where(matching(q))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let query = db
    .selectFrom('audit_events')
    .where(matching(q))
    .select(['seq', 'at', 'actor', 'action', 'entity'])
    .select(sql<string>`substr(payload, 1, ${sql.lit(payloadPreviewLength)})`.as('payloadPreview'));
  // Ties end with the sequence number, in the same direction: pages never overlap or skip.
  if (q.sort !== 'seq') query = query.orderBy(sql`${sql.ref(q.sort)} ${sortDirection(q.direction)}`);
  const rows = await query
    .orderBy(sql`seq ${sortDirection(q.direction)}`)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { rows, total: Number(n) };
}
