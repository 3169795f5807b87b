import type { ParseArgsOptionsConfig } from 'node:util';
import { defaultPageSize } from '../contract/index.ts';
import { UsageError, type OptionValues } from './command.ts';

/**
 * The flags every paged list command takes (docs/lists.md), named as the paged method's input:
 * --search, --sort, --direction, --offset and --limit, and --page N (1-based, of --limit rows)
 * as the pages' addresses count them.
 */
export const pagedOptions: ParseArgsOptionsConfig = {
  search: { type: 'string' },
  sort: { type: 'string' },
  direction: { type: 'string' },
  page: { type: 'string' },
  offset: { type: 'string' },
  limit: { type: 'string' },
};

export const pagedUsage = '[--search TEXT] [--sort COLUMN] [--direction asc|desc] [--page N | --offset N] [--limit N]';

const wholeNumber = /^\d+$/;
/** A number when it is one; otherwise the text as given, for the contract to refuse in words. */
const numberOrText = (value: string) => (wholeNumber.test(value) ? Number(value) : value);

/** The search, sort and window of a paged input, from the command line (absent flags: the method's defaults). */
export function pagedValues(values: OptionValues): Record<string, unknown> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const input: Record<string, unknown> = {};
  for (const name of ['search', 'sort', 'direction']) {
    const value = text(name);
    if (value !== undefined) input[name] = value;
  }
  const limit = text('limit');
  if (limit !== undefined) input.limit = numberOrText(limit);
  const offset = text('offset');
  const page = text('page');
  if (offset !== undefined && page !== undefined) throw new UsageError('give --page or --offset, not both');
  if (offset !== undefined) input.offset = numberOrText(offset);
  if (page !== undefined) {
    if (!wholeNumber.test(page) || Number(page) < 1) throw new UsageError('--page is a whole number from 1');
    input.offset = (Number(page) - 1) * (typeof input.limit === 'number' ? input.limit : defaultPageSize);
  }
  return input;
}

const count = new Intl.NumberFormat('en');

/** "Rows 1–50 of 1,234": where a page sits in the whole list. */
export function rowsLine(page: { rows: readonly unknown[]; total: number; offset: number }): string {
  if (page.rows.length === 0) return `Rows 0 of ${count.format(page.total)}`;
  return `Rows ${count.format(page.offset + 1)}–${count.format(page.offset + page.rows.length)} of ${count.format(page.total)}`;
}
