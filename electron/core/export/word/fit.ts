/*
 * Column widths that fit their words. A word processor breaks a word in the middle only when
 * the word is wider than its cell, so a column at least as wide as its longest word (at the
 * table's font size, plus the cell margins) never breaks "Catastrophic", "Treatment" or an id
 * such as RSK-00000017 across lines. Widths are estimated from per-character advance widths
 * that err wide: those of DejaVu Sans, the broadest of the fonts a reader is likely to see
 * when the document's own font (Calibri) is missing, as LibreOffice on Linux often substitutes.
 */

/** Advance widths in thousandths of an em (DejaVu Sans, rounded up). */
const narrow = new Set([...'iljftrI!.,:;\'|()[]{}`- ']);
function advance(char: string): number {
  if (narrow.has(char) || char === '\u00A0') return char === ' ' || char === '\u00A0' ? 320 : 360;
  if (char === 'm' || char === 'M' || char === 'W' || char === 'w' || char === '—' || char === '@') return 1000;
  if (/[0-9]/.test(char)) return 640;
  if (/[a-z]/.test(char)) return 620;
  if (/[A-Z]/.test(char)) return 760;
  return 840; // symbols, accents outside ASCII, arrows, ×
}

/** Width of a text in twentieths of a point at a font size in points. */
export function textTwips(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const char of text) em += advance(char);
  return Math.ceil((em / 1000) * sizePt * 20 * (bold ? 1.15 : 1));
}

/** The widest single word (what cannot wrap) of any of the texts, in twentieths of a point. */
export function widestWord(texts: Iterable<string>, sizePt: number, bold = false): number {
  let widest = 0;
  const seen = new Set<string>();
  for (const text of texts) {
    // Only ordinary spaces and line breaks end a word: a no-break space (keepTogether) does not.
    for (const word of text.split(/[ \t\r\n]+/)) {
      if (!word || seen.has(word)) continue;
      seen.add(word);
      widest = Math.max(widest, textTwips(word, sizePt, bold));
    }
  }
  return widest;
}

/** Left plus right cell margins of the table style (document-styles.ts), and a little slack for rounding. */
export const cellPadding = 80 + 80 + 30;

export interface ColumnFit {
  /** The narrowest the column may be: its widest word plus padding. */
  min: number;
  /** The narrowest a growing column is squeezed to when space is short: its header's widest word. */
  floor: number;
  /** Share of the space left over once every column has its minimum; 0 keeps it at its minimum. */
  grow: number;
}

/**
 * Widths for columns that together fill `total`: every column gets its minimum, the rest is
 * shared by `grow`. When the minimums alone exceed the total, the growing columns (free text)
 * give way first, down to their header's widest word: a long word in free text may then
 * break, a header, id, score, band or date never does.
 */
export function fitColumns(columns: readonly ColumnFit[], total: number): number[] {
  const mins = columns.map((c) => Math.ceil(c.min));
  let spare = total - mins.reduce((a, b) => a + b, 0);
  const growing = columns.reduce((a, c) => a + c.grow, 0);
  if (spare < 0) {
    // Take the shortfall from the growing columns, in proportion, keeping the fixed ones whole.
    const give = columns.map((c, i) => (c.grow > 0 ? Math.max(0, (mins[i] ?? 0) - c.floor) : 0));
    const available = give.reduce((a, b) => a + b, 0);
    const share = Math.min(1, -spare / Math.max(1, available));
    mins.forEach((m, i) => (mins[i] = m - Math.floor((give[i] ?? 0) * share)));
    spare = total - mins.reduce((a, b) => a + b, 0);
  }
  const widths = mins.map((m, i) => m + (growing > 0 ? Math.floor((Math.max(0, spare) * (columns[i]?.grow ?? 0)) / growing) : 0));
  // Rounding leaves a few twips; give them to the last column so the table is exactly `total` wide.
  const sum = widths.reduce((a, b) => a + b, 0);
  if (widths.length && sum < total) widths[widths.length - 1]! += total - sum;
  return widths;
}

/** The font size of table text, in points (the table style's w:sz 17). */
export const tablePt = 8.5;

/** A column that fits its header (bold) and its cells' words (bold when `boldCells`), growing by `grow`. */
export function column(header: string, cells: Iterable<string>, grow = 0, boldCells = false): ColumnFit {
  const floor = widestWord([header], tablePt, true) + cellPadding;
  return { min: Math.max(floor, widestWord(cells, tablePt, boldCells) + cellPadding), floor, grow };
}

/** Text that must not wrap at its spaces, e.g. a score "4 × 5 = 20": the spaces become no-break spaces. */
export const keepTogether = (text: string): string => text.replaceAll(' ', '\u00A0');
