import type { FieldIssue } from '../../contract/errors.ts';
import {
  maxMonitoringFileBytes,
  maxMonitoringRows,
  metricDefinitions,
  monitoringMetrics,
  periodPattern,
  subgroupPattern,
  type MonitoringMetric,
} from '../../contract/monitoring.ts';
import { plainTextProblem } from '../../contract/plain-text.ts';
import { parseUntrustedJson } from '../../contract/safe-json.ts';
import { DomainError } from '../domain-error.ts';
import type { MonitoringRow } from './monitoring-repository.ts';
import { formatValue } from './monitoring-words.ts';

/**
 * Reads a monitoring file (docs/monitoring.md) and checks every row, or refuses the whole file
 * with DATA_FILE_INVALID naming each problem by row and column (up to 20 listed, all counted).
 * Pure: the values already recorded for the system are given, so a row that contradicts one is
 * refused here too, and one that repeats it is counted rather than stored again.
 *
 * Written for 200,000 rows: one pass over the text without backtracking, the checks of a
 * metric, subgroup or month cached per distinct text (a file repeats a handful of them), and
 * one small object per row kept.
 */

export const monitoringColumns = ['metric', 'subgroup', 'period', 'value', 'n', 'source'] as const;
type Column = (typeof monitoringColumns)[number];

/** A value already recorded for the system, by `valueKey`. */
export interface RecordedValue {
  value: number;
  n: number;
  importId: string;
}

export const valueKey = (metric: string, subgroup: string, period: string): string => `${metric}\u0000${subgroup}\u0000${period}`;

export interface MonitoringFile {
  /** The rows not recorded before, in file order. */
  rows: MonitoringRow[];
  /** Rows in the file in all. */
  total: number;
  /** Rows identical (value and n) to a value already recorded: kept once. */
  alreadyRecorded: number;
}

export interface ReadOptions {
  fileName: string;
  /** Today, YYYY-MM-DD: a month after this one is in the future. */
  today: string;
  recorded: ReadonlyMap<string, RecordedValue>;
}

/** Issues listed in the refusal; the rest are counted. */
export const listedIssues = 20;

class Issues {
  readonly list: FieldIssue[] = [];
  count = 0;
  clear(): void {
    this.list.length = 0;
    this.count = 0;
  }
  add(path: string, message: string): void {
    this.count += 1;
    if (this.list.length < listedIssues) this.list.push({ path, message });
  }
}

const metricByName = new Map<string, MonitoringMetric>(monitoringMetrics.map((m) => [m.toLowerCase(), m]));
const decimal = /^ *[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)? *$/;
const whole = /^ *\d+ *$/;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The checks of one file: a row at a time, then across rows. */
class Reader {
  readonly issues = new Issues();
  readonly rows: MonitoringRow[] = [];
  alreadyRecorded = 0;
  total = 0;
  /** metric → subgroup → month → the row that gave it: nested, so checking 200,000 rows makes no key strings. */
  private readonly seen = new Map<string, Map<string, Map<string, number>>>();
  /** Per column, each distinct text's problem (null: none) and, for a metric, its name: a file repeats a handful of texts. */
  private readonly metrics = new Map<string, MonitoringMetric | string>();
  private readonly subgroups = new Map<string, string | null>();
  private readonly periods = new Map<string, string | null>();
  private readonly sources = new Map<string, string | null>();
  private readonly month: string;
  private readonly options: ReadOptions;
  /** CSV cells are text, numbers included; JSON gives numbers as numbers. */
  format: 'csv' | 'json' = 'csv';

  constructor(options: ReadOptions) {
    this.options = options;
    this.month = options.today.slice(0, 7);
  }

  private metricOf(text: string): MonitoringMetric | string {
    let found = this.metrics.get(text);
    if (found === undefined) {
      const trimmed = text.trim();
      found = metricByName.get(trimmed.toLowerCase()) ?? `"${trimmed}" is not a metric Vigil knows: give one of ${monitoringMetrics.join(', ')}`;
      this.metrics.set(text, found);
    }
    return found;
  }

  private subgroupProblem(text: string): string | null {
    let problem = this.subgroups.get(text);
    if (problem === undefined) {
      const trimmed = text.trim();
      problem = plainTextProblem(text)?.message ?? (subgroupPattern.test(trimmed) ? null : `"${trimmed}" is not a subgroup: give "all" or dimension:value, e.g. age:65+ or sex:female`);
      this.subgroups.set(text, problem);
    }
    return problem;
  }

  private periodProblem(text: string): string | null {
    let problem = this.periods.get(text);
    if (problem === undefined) {
      const trimmed = text.trim();
      if (!periodPattern.test(trimmed)) problem = plainTextProblem(text)?.message ?? `"${trimmed}" is not a month: give YYYY-MM, e.g. 2026-10`;
      else if (trimmed > this.month) problem = `${monthWords(trimmed)} is in the future (this month is ${monthWords(this.month)})`;
      else problem = null;
      this.periods.set(text, problem);
    }
    return problem;
  }

  private sourceProblem(text: string): string | null {
    let problem = this.sources.get(text);
    if (problem === undefined) {
      const length = text.trim().length;
      problem = plainTextProblem(text)?.message ?? (length === 0 ? 'source is empty: name where the value comes from' : length > 200 ? 'source must be at most 200 characters' : null);
      this.sources.set(text, problem);
    }
    return problem;
  }

  /** Checks one row (`line`: its file line in CSV, its place in JSON); `value` and `n` are text (CSV) or what JSON holds. */
  row(line: number, metricCell: unknown, subgroupCell: unknown, periodCell: unknown, valueCell: unknown, nCell: unknown, sourceCell: unknown): void {
    this.total += 1;
    const issues = this.issues;
    const before = issues.count;
    let metric: MonitoringMetric | undefined;
    if (typeof metricCell !== 'string') this.notText(line, 'metric', metricCell);
    else {
      const found = this.metricOf(metricCell);
      if ((monitoringMetrics as readonly string[]).includes(found)) metric = found as MonitoringMetric;
      else issues.add(at(line, 'metric'), plainTextProblem(metricCell) ? `the cell ${plainTextProblem(metricCell)!.message}` : found);
    }
    if (typeof subgroupCell !== 'string') this.notText(line, 'subgroup', subgroupCell);
    else {
      const problem = this.subgroupProblem(subgroupCell);
      if (problem !== null) issues.add(at(line, 'subgroup'), problem.startsWith('contains') ? `the cell ${problem}` : problem);
    }
    if (typeof periodCell !== 'string') this.notText(line, 'period', periodCell);
    else {
      const problem = this.periodProblem(periodCell);
      if (problem !== null) issues.add(at(line, 'period'), problem.startsWith('contains') ? `the cell ${problem}` : problem);
    }
    const value = this.number(valueCell, line, 'value');
    if (value !== null && metric !== undefined) {
      const def = metricDefinitions[metric];
      if (value < def.min || value > def.max) {
        issues.add(
          at(line, 'value'),
          def.max === 1 && value > 1 && value <= 100
            ? `${formatValue(value)} looks like a percentage: give ${formatValue(value / 100)}, not ${formatValue(value)} (${def.label} is ${def.unit})`
            : `${formatValue(value)} is outside the scale of ${def.label}: ${def.min} to ${def.max} (${def.unit})`,
        );
      }
    }
    const n = this.number(nCell, line, 'n');
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 2_147_483_647)) issues.add(at(line, 'n'), `n is the number of patients or encounters counted: a whole number from 1, not ${formatValue(n)}`);
    if (typeof sourceCell !== 'string') this.notText(line, 'source', sourceCell);
    else {
      const problem = this.sourceProblem(sourceCell);
      if (problem !== null) issues.add(at(line, 'source'), problem.startsWith('contains') ? `the cell ${problem}` : problem);
    }
    if (issues.count !== before || metric === undefined || value === null || n === null) return;

    const subgroup = (subgroupCell as string).trim();
    const period = (periodCell as string).trim();
    let ofMetric = this.seen.get(metric);
    if (!ofMetric) this.seen.set(metric, (ofMetric = new Map()));
    let ofSubgroup = ofMetric.get(subgroup);
    if (!ofSubgroup) ofMetric.set(subgroup, (ofSubgroup = new Map()));
    const first = ofSubgroup.get(period);
    if (first !== undefined) {
      issues.add(at(line, 'period'), `${metric} for ${subgroup} in ${period} is given twice: in row ${first} and in row ${line}`);
      return;
    }
    ofSubgroup.set(period, line);
    const recorded = this.options.recorded.size === 0 ? undefined : this.options.recorded.get(valueKey(metric, subgroup, period));
    if (recorded !== undefined) {
      if (recorded.value === value && recorded.n === n) this.alreadyRecorded += 1;
      else
        issues.add(
          at(line, 'value'),
          `${metric} for ${subgroup} in ${period} is already recorded as ${formatValue(recorded.value)} (n = ${recorded.n}) from ${recorded.importId}; this file gives ${formatValue(value)} (n = ${n}). A recorded value is never replaced.`,
        );
      return;
    }
    this.rows.push({ metric, subgroup, period, value, n, source: (sourceCell as string).trim() });
  }

  private notText(line: number, column: Column, cell: unknown): void {
    this.issues.add(at(line, column), cell === undefined || cell === null ? `${column} is missing` : `${column} must be text`);
  }

  /** A number: decimal text in CSV, a number in JSON. */
  private number(cell: unknown, line: number, column: 'value' | 'n'): number | null {
    if (typeof cell === 'number') {
      if (Number.isFinite(cell)) return cell;
      this.issues.add(at(line, column), `${column} must be a number`);
      return null;
    }
    if (typeof cell !== 'string') {
      this.issues.add(at(line, column), cell === undefined || cell === null ? `${column} is missing` : `${column} must be a number`);
      return null;
    }
    if (this.format === 'json') {
      this.issues.add(at(line, column), `${column} must be a JSON number, not text: give ${column === 'n' ? '212' : '0.82'}, not "${column === 'n' ? '212' : '0.82'}"`);
      return null;
    }
    // The pattern admits only digits, signs, a point, an exponent and spaces: such a cell is plain text.
    if ((column === 'n' ? whole : decimal).test(cell)) return Number(cell);
    const problem = plainTextProblem(cell);
    const trimmed = cell.trim();
    this.issues.add(
      at(line, column),
      problem
        ? `the cell ${problem.message}`
        : trimmed === ''
          ? `${column} is empty`
          : column === 'n'
            ? `n must be a whole number, not "${trimmed}"`
            : `"${trimmed}" is not a number: give a decimal such as 0.82`,
    );
    return null;
  }
}

/** Where a problem is: "row 12, column value" (made only for a problem). */
const at = (line: number, column: Column | null): string => (column === null ? `row ${line}` : `row ${line}, column ${column}`);

/** "October 2026". */
export function monthWords(period: string): string {
  const month = Number(period.slice(5, 7));
  return `${monthNames[month - 1] ?? period.slice(5, 7)} ${period.slice(0, 4)}`;
}

/** The columns of the header row, or the issues with it. */
function headerColumns(cells: readonly string[], issues: Issues): Map<Column, number> | null {
  const at = new Map<Column, number>();
  const unknown: string[] = [];
  cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase() as Column;
    if (!(monitoringColumns as readonly string[]).includes(name)) unknown.push(`"${raw.trim()}"`);
    else if (at.has(name)) issues.add('row 1', `the column ${name} appears twice in the header`);
    else at.set(name, i);
  });
  if (unknown.length > 0) issues.add('row 1', `unknown column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: the columns are ${monitoringColumns.join(', ')}`);
  const missing = monitoringColumns.filter((c) => !at.has(c));
  if (missing.length > 0) issues.add('row 1', `missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: the header names ${monitoringColumns.join(', ')}, in any order`);
  return issues.count === 0 ? at : null;
}

const quote = 0x22;
const comma = 0x2c;
const cr = 0x0d;
const lf = 0x0a;

/** RFC 4180 CSV: a header row, then one record per row (a quoted cell may hold commas, quotes doubled, and line breaks). */
function readCsv(text: string, reader: Reader): void {
  const { issues } = reader;
  const length = text.length;
  const cells: string[] = [];
  let i = 0;
  let line = 1;
  let columns: Map<Column, number> | null = null;
  let width = 0;
  let [metricAt, subgroupAt, periodAt, valueAt, nAt, sourceAt] = [0, 1, 2, 3, 4, 5];
  while (i < length) {
    const start = line;
    cells.length = 0;
    // One record: cells until a line break outside quotes, or the end.
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === quote) {
        let piece = i + 1;
        cell = '';
        for (;;) {
          const close = text.indexOf('"', piece);
          if (close < 0) {
            issues.add(`row ${start}`, 'a quoted cell is never closed: a quote (") is missing');
            return;
          }
          for (let k = piece; k < close; k++) if (text.charCodeAt(k) === lf) line += 1;
          cell += text.slice(piece, close);
          if (text.charCodeAt(close + 1) === quote) {
            cell += '"';
            piece = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        const next = text.charCodeAt(i);
        if (i < length && next !== comma && next !== cr && next !== lf) {
          issues.add(`row ${start}`, 'text follows a closing quote in the same cell: quote the whole cell, doubling quotes inside it');
          return;
        }
      } else {
        let end = i;
        let quoted = false;
        for (; end < length; end++) {
          const c = text.charCodeAt(end);
          if (c === comma || c === cr || c === lf) break;
          if (c === quote) quoted = true;
        }
        cell = text.slice(i, end);
        if (quoted) issues.add(`row ${start}`, 'a quote (") inside a cell that does not begin with one: quote the whole cell, doubling quotes inside it');
        i = end;
      }
      cells.push(cell);
      const c = text.charCodeAt(i);
      if (c === comma) {
        i += 1;
        continue;
      }
      if (c === cr) i += text.charCodeAt(i + 1) === lf ? 2 : 1;
      else if (c === lf) i += 1;
      line += 1;
      break;
    }
    // A blank line (a trailing line break, a spacer) carries nothing.
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (columns === null) {
      columns = headerColumns(cells, issues);
      if (columns === null) return;
      width = cells.length;
      [metricAt, subgroupAt, periodAt, valueAt, nAt, sourceAt] = monitoringColumns.map((c) => columns!.get(c)!) as [number, number, number, number, number, number];
      continue;
    }
    if (reader.total >= maxMonitoringRows) {
      // Refused for its size: the problems of its rows so far would only hide that.
      issues.clear();
      issues.add(`row ${start}`, `the file has more than ${maxMonitoringRows.toLocaleString('en-GB')} rows: split it into files of at most that many`);
      return;
    }
    if (cells.length !== width) {
      reader.total += 1;
      issues.add(`row ${start}`, `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'}; the header has ${width}`);
      continue;
    }
    reader.row(start, cells[metricAt], cells[subgroupAt], cells[periodAt], cells[valueAt], cells[nAt], cells[sourceAt]);
  }
  if (columns === null) issues.add('file', 'the file is empty: give a header row (metric,subgroup,period,value,n,source) and a row per value');
}

/** JSON: an array of objects with the six keys, or { "rows": [...] }. */
function readJson(text: string, reader: Reader): void {
  const { issues } = reader;
  reader.format = 'json';
  let parsed: unknown;
  try {
    parsed = parseUntrustedJson(text, { maxDepth: 4 });
  } catch (error) {
    issues.add('file', `the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  let rows: unknown = parsed;
  if (rows !== null && typeof rows === 'object' && !Array.isArray(rows)) {
    const keys = Object.keys(rows);
    if (keys.length !== 1 || keys[0] !== 'rows') {
      issues.add('file', 'a JSON file is an array of rows, or an object with one key, "rows", holding that array');
      return;
    }
    rows = (rows as { rows: unknown }).rows;
  }
  if (!Array.isArray(rows)) {
    issues.add('file', 'a JSON file is an array of rows, or an object with one key, "rows", holding that array');
    return;
  }
  if (rows.length === 0) issues.add('file', 'the file holds no rows');
  if (rows.length > maxMonitoringRows) {
    issues.add('file', `the file has ${rows.length.toLocaleString('en-GB')} rows, more than ${maxMonitoringRows.toLocaleString('en-GB')}: split it into files of at most that many`);
    return;
  }
  const record: Record<Column, unknown> = { metric: undefined, subgroup: undefined, period: undefined, value: undefined, n: undefined, source: undefined };
  rows.forEach((item: unknown, index) => {
    const label = `row ${index + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      reader.total += 1;
      issues.add(label, `a row is an object with the keys ${monitoringColumns.join(', ')}`);
      return;
    }
    for (const column of monitoringColumns) record[column] = undefined;
    let bad = false;
    for (const [key, cell] of Object.entries(item)) {
      const column = key.toLowerCase() as Column;
      if ((monitoringColumns as readonly string[]).includes(column)) record[column] = cell;
      else {
        bad = true;
        issues.add(`${label}, key ${plainTextProblem(key) ? '(not plain text)' : `"${key}"`}`, `unknown key: the keys are ${monitoringColumns.join(', ')}`);
      }
    }
    if (bad) reader.total += 1;
    else reader.row(index + 1, record.metric, record.subgroup, record.period, record.value, record.n, record.source);
  });
}

/** The first character that is not white space ('' for none), without copying a 20 MB text to trim it. */
function firstVisible(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return text.charAt(i);
  }
  return '';
}

/** The file's rows checked against each other and what is recorded, or DATA_FILE_INVALID naming every problem. */
export function readMonitoringFile(text: string, options: ReadOptions): MonitoringFile {
  const reader = new Reader(options);
  const { issues } = reader;
  if (Buffer.byteLength(text, 'utf8') > maxMonitoringFileBytes) issues.add('file', `the file is larger than ${maxMonitoringFileBytes / 1024 / 1024} MB: split it into smaller files`);
  else {
    // A byte-order mark is kept in the stored text (its SHA-256 is the file's) but is no part of the first cell.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const first = firstVisible(body);
    if (first === '') issues.add('file', 'the file is empty: give a header row (metric,subgroup,period,value,n,source) and a row per value');
    else if (first === '[' || first === '{') readJson(body, reader);
    else readCsv(body, reader);
    if (issues.count === 0 && reader.total === 0) issues.add('file', 'the file has a header row but no values');
  }
  if (issues.count > 0) {
    const shown = issues.list.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    const more = issues.count > shown.length ? `; and ${issues.count - shown.length} more` : '';
    throw new DomainError(
      'DATA_FILE_INVALID',
      `${options.fileName} was not imported: ${issues.count === 1 ? 'one problem' : `${issues.count.toLocaleString('en-GB')} problems`} (${shown.join('; ')}${more}). Nothing was written.`,
      { issues: issues.list, total: issues.count },
    );
  }
  return { rows: reader.rows, total: reader.total, alreadyRecorded: reader.alreadyRecorded };
}
