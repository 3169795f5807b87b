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

/**
 * A value's place in `order` (0, 1, …), −1 for NULL or a value not in it: stages and statuses
 * sort in workflow order, in SQL.
 */
export function rankIn(value: Expression<string | null>, order: readonly string[]): RawBuilder<number> {
  if (order.length === 0) return sql<number>`-1`;
  return sql<number>`(CASE ${value} ${sql.join(
    order.map((v, i) => sql`WHEN ${v} THEN ${sql.lit(i)}`),
    sql` `,
  )} ELSE -1 END)`;
}

/** A band's rank in the matrix in force (lowest 0), −1 for a band it does not know or none. */
export const bandRankOf = (band: Expression<string | null>, order: BandOrder): RawBuilder<number> => rankIn(band, order.ranked);

/** 1 for a missing value, 0 otherwise: sorted ascending first, it puts missing values last in either direction. */
export const missingLast = (value: Expression<unknown>): RawBuilder<number> => sql<number>`(CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END)`;

/** `days` after an ISO date (YYYY-MM-DD): the one calendar rule the committee's words use too. */
export { addDays } from '../committee/words.ts';
