import { formatNumber } from '../../text/format.ts';

/** Counts with the reader's thousands separators ("20,000" in en-US). */
export const formatCount = formatNumber;

/** The window a table shows: "Rows 1–50 of 20,000" (en dash between the first and last row). */
export function rowsText(from: number, to: number, total: number): string {
  if (total === 0) return 'No rows';
  return `Rows ${formatCount(from)}–${formatCount(to)} of ${formatCount(total)}`;
}
