/** Counts with thousands separators, the same on every machine ("20,000"). */
const counts = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => counts.format(n);

/** The window a table shows: "Rows 1–50 of 20,000" (en dash between the first and last row). */
export function rowsText(from: number, to: number, total: number): string {
  if (total === 0) return 'No rows';
  return `Rows ${formatCount(from)}–${formatCount(to)} of ${formatCount(total)}`;
}
