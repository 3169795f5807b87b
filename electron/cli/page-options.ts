import type { ParseArgsOptionsConfig } from 'node:util';
import { defaultPageSize } from '../contract/index.ts';
import { UsageError, type OptionValues } from './command.ts';

/**
 * The command-line side of a paged method (docs/lists.md): --search, --sort, --direction, a
 * window given as --page (1-based) or --offset, and --limit; filters are flags named as the
 * method's input fields in kebab-case (systemId → --system-id). Human output ends with the
 * window shown: "Rows 1–50 of 20,000".
 */
export const pageOptions: ParseArgsOptionsConfig = {
  search: { type: 'string' },
  sort: { type: 'string' },
  direction: { type: 'string' },
  page: { type: 'string' },
  offset: { type: 'string' },
  limit: { type: 'string' },
};

export const pageUsage = '[--search TEXT] [--sort COLUMN] [--direction asc|desc] [--page N | --offset N] [--limit N]';

/** A whole number given to `flag`, or a usage error naming it. */
export function wholeNumber(values: OptionValues, flag: string): number | undefined {
  const text = values[flag];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) throw new UsageError(`--${flag} takes a whole number, not "${String(text)}"`);
  return Number(text);
}

/** The search, sort and window of a paged input, as the core's field names. Unset ones are left to the contract's defaults. */
export function pageInput(values: OptionValues): Record<string, unknown> {
  if (values.page !== undefined && values.offset !== undefined) throw new UsageError('give --page or --offset, not both');
  const limit = wholeNumber(values, 'limit');
  const page = wholeNumber(values, 'page');
  if (page === 0) throw new UsageError('--page counts from 1');
  const offset = page === undefined ? wholeNumber(values, 'offset') : (page - 1) * (limit ?? defaultPageSize);
  return {
    ...(typeof values.search === 'string' ? { search: values.search } : {}),
    ...(typeof values.sort === 'string' ? { sort: values.sort } : {}),
    ...(typeof values.direction === 'string' ? { direction: values.direction } : {}),
    ...(offset === undefined ? {} : { offset }),
    ...(limit === undefined ? {} : { limit }),
  };
}

const count = new Intl.NumberFormat('en-GB');

/** "Rows 1–50 of 20,000", or that none match. */
export function rowsLine(page: { offset: number; total: number; rows: readonly unknown[] }): string {
  if (page.rows.length === 0) return page.total === 0 ? 'No rows match.\n' : `No rows at offset ${count.format(page.offset)} (${count.format(page.total)} match).\n`;
  return `Rows ${count.format(page.offset + 1)}–${count.format(page.offset + page.rows.length)} of ${count.format(page.total)}\n`;
}
