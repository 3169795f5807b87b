import { z } from 'zod';

/**
 * Paged lists (docs/lists.md). Every list a portfolio can make long — systems, assessments,
 * risks, reviews, audit events — is asked for one page at a time: filters, a free-text search,
 * one sort column and direction, and an offset window. The core answers with the page's rows
 * and the total matching the filters, computed in SQL; it never loads the rest.
 *
 * Offsets rather than cursors: a table jumps to page 40 or to "the last page" and shows "rows
 * 1,951–2,000 of 20,000", which cursors cannot; with the sort columns indexed, an offset of
 * 20,000 is still a few milliseconds on both engines (measured in `npm run bench`).
 */

/** The most rows one page may ask for: a screenful many times over, never a whole register. */
export const maxPageSize = 200;
export const defaultPageSize = 25;

export const sortDirections = ['asc', 'desc'] as const;
export type SortDirection = (typeof sortDirections)[number];

/** The search, sort and window every paged input has; `sorts` are the columns the list shows. */
export function pagedInput<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sorts: S,
  defaultSort: S[number],
  filters: F,
  defaultDirection: SortDirection = 'asc',
) {
  return z.strictObject({
    ...filters,
    search: z
      .string({ error: 'search must be text' })
      .trim()
      .max(200, { error: 'search must be at most 200 characters' })
      .default(''),
    sort: z.enum(sorts, { error: `sort must be one of: ${sorts.join(', ')}` }).default(defaultSort),
    direction: z.enum(sortDirections, { error: 'direction must be asc or desc' }).default(defaultDirection),
    offset: z
      .number({ error: 'offset must be a whole number' })
      .int({ error: 'offset must be a whole number' })
      .min(0, { error: 'offset is 0 or more' })
      .default(0),
    limit: z
      .number({ error: 'limit must be a whole number' })
      .int({ error: 'limit must be a whole number' })
      .min(1, { error: 'limit is at least 1' })
      .max(maxPageSize, { error: `limit is at most ${maxPageSize} rows` })
      .default(defaultPageSize),
  });
}

/** One page of a list: its rows, where it starts, and how many rows match in all. */
export function pageOf<R extends z.ZodType>(row: R) {
  return z.object({
    rows: z.array(row),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  });
}

/** A filter on "due within N days" (re-assessments, acceptances expiring): 1 to 366. */
export const withinDays = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of days` })
    .int({ error: `${what} must be a whole number of days` })
    .min(1, { error: `${what} is at least 1 day` })
    .max(366, { error: `${what} is at most 366 days` });
