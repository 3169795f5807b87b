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
  add(path: string, message: string): void {
    this.count += 1;
    if (this.list.length < listedIssues) this.list.push({ path, message });
  }
}

const metricByName = new Map<string, MonitoringMetric>(monitoringMetrics.map((m) => [m.toLowerCase(), m]));
const decimal = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const whole = /^\d+$/;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The checks of one file: a row at a time, then across rows. */
class Reader {
  readonly issues = new Issues();
  readonly rows: MonitoringRow[] = [];
  alreadyRecorded = 0;
  total = 0;
  private readonly seen = new Map<string, number>();
  private readonly subgroups = new Map<string, string | null>();
  private readonly periods = new Map<string, string | null>();
  private readonly month: string;
  private readonly options: ReadOptions;

  constructor(options: ReadOptions) {
    this.options = options;
    this.month = options.today.slice(0, 7);
  }

  /** What is wrong with a subgroup, cached: a file names few. */
  private subgroupProblem(text: string): string | null {
    let problem = this.subgroups.get(text);
    if (problem === undefined) {
      problem = subgroupPattern.test(text) ? null : `"${text}" is not a subgroup: give "all" or dimension:value, e.g. age:65+ or sex:female`;
      this.subgroups.set(text, problem);
    }
    return problem;
  }

  private periodProblem(text: string): string | null {
    let problem = this.periods.get(text);
    if (problem === undefined) {
      if (!periodPattern.test(text)) problem = `"${text}" is not a month: give YYYY-MM, e.g. 2026-10`;
      else if (text > this.month) problem = `${monthWords(text)} is in the future (this month is ${monthWords(this.month)})`;
      else problem = null;
      this.periods.set(text, problem);
    }
    return problem;
  }

  /** Checks one row; `value` and `n` are text (CSV) or what JSON holds. */
  row(label: string, cells: Record<Column, unknown>): void {
    this.total += 1;
    const at = (column: Column) => `${label}, column ${column}`;
    const text = (column: Column): string | null => {
      const cell = cells[column];
      if (typeof cell !== 'string') {
        this.issues.add(at(column), cell === undefined || cell === null ? `${column} is missing` : `${column} must be text`);
        return null;
      }
      const problem = plainTextProblem(cell);
      if (problem) {
        this.issues.add(at(column), `the cell ${problem.message}`);
        return null;
      }
      return cell.trim();
    };
    const before = this.issues.count;
    const metricText = text('metric');
    const metric = metricText === null ? undefined : metricByName.get(metricText.toLowerCase());
    if (metricText !== null && metric === undefined) this.issues.add(at('metric'), `"${metricText}" is not a metric Vigil knows: give one of ${monitoringMetrics.join(', ')}`);
    const subgroup = text('subgroup');
    if (subgroup !== null) {
      const problem = this.subgroupProblem(subgroup);
      if (problem) this.issues.add(at('subgroup'), problem);
    }
    const period = text('period');
    if (period !== null) {
      const problem = this.periodProblem(period);
      if (problem) this.issues.add(at('period'), problem);
    }
    const value = this.number(cells.value, at('value'), 'value');
    if (value !== null && metric !== undefined) {
      const def = metricDefinitions[metric];
      if (value < def.min || value > def.max) {
        this.issues.add(
          at('value'),
          def.max === 1 && value > 1 && value <= 100
            ? `${formatValue(value)} looks like a percentage: give ${formatValue(value / 100)}, not ${formatValue(value)} (${def.label} is ${def.unit})`
            : `${formatValue(value)} is outside the scale of ${def.label}: ${def.min} to ${def.max} (${def.unit})`,
        );
      }
    }
    const n = this.number(cells.n, at('n'), 'n');
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 2_147_483_647)) this.issues.add(at('n'), `n is the number of patients or encounters counted: a whole number from 1, not ${formatValue(n)}`);
    const source = text('source');
    if (source !== null && (source.length < 1 || source.length > 200)) this.issues.add(at('source'), source.length < 1 ? 'source is empty: name where the value comes from' : 'source must be at most 200 characters');
    if (this.issues.count !== before || metric === undefined || subgroup === null || period === null || value === null || n === null || source === null) return;

    const key = valueKey(metric, subgroup, period);
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.issues.add(at('period'), `${metric} for ${subgroup} in ${period} is given twice: in row ${first} and in ${label}`);
      return;
    }
    this.seen.set(key, Number(label.slice(4)));
    const recorded = this.options.recorded.get(key);
    if (recorded !== undefined) {
      if (recorded.value === value && recorded.n === n) this.alreadyRecorded += 1;
      else
        this.issues.add(
          at('value'),
          `${metric} for ${subgroup} in ${period} is already recorded as ${formatValue(recorded.value)} (n = ${recorded.n}) from ${recorded.importId}; this file gives ${formatValue(value)} (n = ${n}). A recorded value is never replaced.`,
        );
      return;
    }
    this.rows.push({ metric, subgroup, period, value, n, source });
  }

  /** A number: decimal text in CSV, a number in JSON. */
  private number(cell: unknown, path: string, column: 'value' | 'n'): number | null {
    if (typeof cell === 'number') return Number.isFinite(cell) ? cell : (this.issues.add(path, `${column} must be a number`), null);
    if (typeof cell !== 'string') {
      this.issues.add(path, cell === undefined || cell === null ? `${column} is missing` : `${column} must be a number`);
      return null;
    }
    const problem = plainTextProblem(cell);
    if (problem) {
      this.issues.add(path, `the cell ${problem.message}`);
      return null;
    }
    const trimmed = cell.trim();
    if (!(column === 'n' ? whole : decimal).test(trimmed)) {
      this.issues.add(path, trimmed === '' ? `${column} is empty` : column === 'n' ? `n must be a whole number, not "${trimmed}"` : `"${trimmed}" is not a number: give a decimal such as 0.82`);
      return null;
    }
    return Number(trimmed);
  }
}

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
  const record: Record<Column, unknown> = { metric: '', subgroup: '', period: '', value: '', n: '', source: '' };
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
      continue;
    }
    if (reader.total >= maxMonitoringRows) {
      issues.add(`row ${start}`, `the file has more than ${maxMonitoringRows.toLocaleString('en-GB')} rows: split it into files of at most that many`);
      return;
    }
    if (cells.length !== width) {
      reader.total += 1;
      issues.add(`row ${start}`, `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'}; the header has ${width}`);
      continue;
    }
    for (const column of monitoringColumns) record[column] = cells[columns.get(column)!];
    reader.row(`row ${start}`, record);
  }
  if (columns === null) issues.add('file', 'the file is empty: give a header row (metric,subgroup,period,value,n,source) and a row per value');
}

/** JSON: an array of objects with the six keys, or { "rows": [...] }. */
function readJson(text: string, reader: Reader): void {
  const { issues } = reader;
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
    else reader.row(label, record);
  });
}

/** The file's rows checked against each other and what is recorded, or DATA_FILE_INVALID naming every problem. */
export function readMonitoringFile(text: string, options: ReadOptions): MonitoringFile {
  const reader = new Reader(options);
  const { issues } = reader;
  if (Buffer.byteLength(text, 'utf8') > maxMonitoringFileBytes) issues.add('file', `the file is larger than ${maxMonitoringFileBytes / 1024 / 1024} MB: split it into smaller files`);
  else {
    // A byte-order mark is kept in the stored text (its SHA-256 is the file's) but is no part of the first cell.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const first = body.trimStart().charAt(0);
    if (body.trim() === '') issues.add('file', 'the file is empty: give a header row (metric,subgroup,period,value,n,source) and a row per value');
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
