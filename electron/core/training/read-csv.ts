/**
 * RFC 4180 CSV as a table of strings, each row with the file line it starts on (so a refusal can
 * name it). Fields are separated by commas; a field in double quotes may hold commas, line breaks
 * and doubled quotes (""); rows end with CRLF or LF. Nothing is trimmed or converted: the
 * reader that knows the columns does that. A quote inside an unquoted field, text after a closing
 * quote, or a quoted field never closed is refused with its line.
 */
export type CsvResult = { ok: true; rows: { line: number; cells: string[] }[] } | { ok: false; line: number; message: string };

export function readCsv(text: string): CsvResult {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  const endRow = () => {
    cells.push(cell);
    // A blank line (one empty cell) is no row: files often end with one or two.
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      afterQuote = false;
      line++;
      rowLine = line;
    } else if (afterQuote) {
      return { ok: false, line, message: 'has text after a closing quote; a quoted field ends at its closing quote, then a comma or the end of the line' };
    } else if (c === '"') {
      if (cell !== '') return { ok: false, line, message: 'has a quote inside an unquoted field; put the whole field in quotes and double the quote ("")' };
      quoted = true;
    } else {
      cell += c;
    }
    i++;
  }
  if (quoted) return { ok: false, line: rowLine, message: 'has a quoted field that is never closed' };
  if (cell !== '' || cells.length > 0) endRow();
  return { ok: true, rows };
}
