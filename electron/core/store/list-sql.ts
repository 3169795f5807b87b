import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { SortDirection } from '../../contract/index.ts';
import { containsPattern } from '../systems/systems-repository.ts';

/**
 * SQL pieces every paged list shares (docs/lists.md), portable across SQLite and PostgreSQL.
 */

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
