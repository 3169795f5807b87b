// An in-memory model of a paged list (docs/lists.md): what the SQL of both engines must give —
// case folded as their lower() folds it (ASCII letters only on SQLite, and on PostgreSQL's
// COLLATE "C" columns), text compared byte-wise, NULL the smallest value, ties by id in the
// sort's direction, then the window cut out.

/** What SQLite's lower() does: ASCII letters only. */
export const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Found anywhere in the text, literally, ignoring ASCII case (LIKE lower(pattern) ESCAPE). */
export const containsFolded = (text: string, term: string) => foldAscii(text).includes(foldAscii(term));

export type SortValue = string | number | null;

/** Byte-wise (UTF-8) for text, numerically for numbers, NULL first. */
export function compareValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** Rows sorted by `key`, ties by `tie`, both in `direction`; then the window from `offset`. */
export function modelPage<R>(
  rows: readonly R[],
  key: (row: R) => SortValue,
  tie: (row: R) => SortValue,
  direction: 'asc' | 'desc',
  offset: number,
  limit: number,
): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (compareValues(key(a), key(b)) || compareValues(tie(a), tie(b)))).slice(offset, offset + limit);
}

/** Builds a multi-row INSERT with `?` placeholders (both engines' test access takes them). */
export function insertMany(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): [string, ...unknown[]] {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return [`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`, ...rows.flat()];
}
