import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { SortDirection } from '../../contract/index.ts';

/**
 * SQL pieces every paged list shares (docs/lists.md), portable across SQLite and PostgreSQL.
 */

/**
 * A search term as a LIKE pattern that finds it anywhere, literally (%, _ and \ escaped). Fold
 * its case in SQL with the text it is matched against (`LIKE lower(pattern) ESCAPE '\'`): the
 * engine's lower() and JavaScript's do not fold the same letters.
 */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `value IN (list)`, and false for an empty list (which SQL cannot spell). */
export function isIn(value: Expression<string>, list: readonly string[]): RawBuilder<SqlBool> {
  return list.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${value} IN (${sql.join([...list])})`;
}

/**
 * 1 for a missing value, 0 otherwise: sorted ascending before the value itself, it puts missing
 * values last in either direction (the risk register's due dates, the inventory's next review
 * and overall band: docs/lists.md, "Systems and risks").
 */
export const missingLast = (value: Expression<unknown>): RawBuilder<number> => sql<number>`(CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END)`;

/** `days` after an ISO date (YYYY-MM-DD), as an ISO date. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A value's place in `order` (0, 1, …) as SQL, -1 for NULL or a value not in it: how lists sort
 * bands by the risk matrix in force, and stages and statuses in workflow order, in SQL.
 */
export function rankIn(value: Expression<unknown>, order: readonly string[]): RawBuilder<number> {
  if (order.length === 0) return sql<number>`-1`;
  const cases = order.map((v, i) => sql`WHEN ${v} THEN ${sql.lit(i)}`);
  return sql<number>`CASE ${value} ${sql.join(cases, sql` `)} ELSE -1 END`;
}

/**
 * The free-text search of a list: `term` found anywhere in any of `texts`, literally (% and _
 * match themselves), ignoring case. Both sides are folded by the engine's lower().
 */
export function containsAnyOf(texts: readonly Expression<unknown>[], term: string): RawBuilder<SqlBool> {
  const pattern = containsPattern(term);
  return sql<SqlBool>`(${sql.join(
    texts.map((t) => sql`lower(${t}) LIKE lower(${pattern}) ESCAPE '\\'`),
    sql` OR `,
  )})`;
}

/**
 * Ascending or descending, NULL counted as the smallest value on both engines (SQLite's own
 * rule; PostgreSQL's default puts NULL last ascending).
 */
export const sortDirection = (direction: SortDirection) => (direction === 'asc' ? sql.raw('ASC NULLS FIRST') : sql.raw('DESC NULLS LAST'));
