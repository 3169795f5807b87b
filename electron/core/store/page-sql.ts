import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { BandOrder } from '../rules/band-order.ts';

/**
 * The pieces of SQL every paged list builds its query from (docs/lists.md), portable across
 * SQLite and PostgreSQL: a band's rank from the matrix in force, membership in a list, the
 * free-text search, and an order that puts missing values last either way.
 */

/**
 * A search term as a LIKE pattern that finds it anywhere, literally (%, _ and \ escaped). Fold
 * its case in SQL with the text it is matched against (`LIKE lower(pattern) ESCAPE '\'`): the
 * engine's lower() and JavaScript's do not fold the same letters.
 */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** True when any of `values` contains `term`, without regard to case (A–Z). */
export function containsTerm(values: readonly Expression<string>[], term: string): RawBuilder<SqlBool> {
  const pattern = containsPattern(term);
  return sql<SqlBool>`(${sql.join(
    values.map((value) => sql`lower(${value}) LIKE lower(${pattern}) ESCAPE '\\'`),
    sql` OR `,
  )})`;
}

/** `value IN (list)`, and false for an empty list (which SQL cannot spell). */
export function isIn(value: Expression<string>, list: readonly string[]): RawBuilder<SqlBool> {
  return list.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${value} IN (${sql.join([...list])})`;
}

/** A band's rank in the matrix in force (lowest 0), −1 for a band it does not know or none. */
export function bandRankOf(band: Expression<string | null>, order: BandOrder): RawBuilder<number> {
  if (order.ranked.length === 0) return sql<number>`-1`;
  return sql<number>`(CASE ${band} ${sql.join(
    order.ranked.map((id, rank) => sql`WHEN ${id} THEN ${sql.lit(rank)}`),
    sql` `,
  )} ELSE -1 END)`;
}

/** 1 for a missing value, 0 otherwise: sorted ascending first, it puts missing values last in either direction. */
export const missingLast = (value: Expression<unknown>): RawBuilder<number> => sql<number>`(CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END)`;

/** `days` after an ISO date (YYYY-MM-DD), as an ISO date. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
