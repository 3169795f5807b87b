import {
  maxTrainingFileBytes,
  maxTrainingRows,
  optionalTrainingColumns,
  parseUntrustedJson,
  plainTextProblem,
  trainingColumns,
  trainingRecordProblems,
  TrainingFields,
  type FieldIssue,
} from '../../contract/index.ts';
import { readCsv } from './read-csv.ts';
import { roleKey } from './readiness.ts';

/*
 * A training file (docs/readiness.md): CSV with a header row naming the columns
 * role,trained,using,date,materialVersion,refresherDue (any order, any case; `note` optional) or
 * JSON (an array of objects with those keys, or { "rows": [...] }). Every cell passes the
 * plain-text rule and every row the same checks as `training.record` (trainingRecordProblems),
 * each refusal naming its row and column; the same role group and date twice in one file is
 * refused naming both rows. The caller writes nothing unless every row passes.
 */

const known: readonly string[] = [...trainingColumns, ...optionalTrainingColumns];
const canonical = new Map(known.map((c) => [c.toLowerCase(), c]));

export interface TrainingFileRow {
  /** The file line (CSV) or the entry's number (JSON), as refusals name it. */
  row: number;
  fields: TrainingFields;
}

export type TrainingFileResult = { ok: true; format: 'csv' | 'json'; rows: TrainingFileRow[] } | { ok: false; issues: FieldIssue[] };

const issue = (row: number | null, column: string | null, message: string): FieldIssue => ({
  path: [row === null ? null : `row ${row}`, column === null ? null : `column ${column}`].filter((p) => p !== null).join(', '),
  message,
});

/** A cell as the schema reads it: digits become a number (the schema then says "whole number"); other text stays text. */
const cellValue = (column: string, value: unknown): unknown => {
  if ((column === 'trained' || column === 'using') && typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
};

/** Reads one row's cells (by canonical column name) into a record, or its problems. */
function readRow(row: number, cells: ReadonlyMap<string, unknown>, today: string, issues: FieldIssue[]): TrainingFields | null {
  let clean = true;
  const input: Record<string, unknown> = {};
  for (const [column, value] of cells) {
    if (typeof value === 'string') {
      const problem = plainTextProblem(value);
      if (problem) {
        issues.push(issue(row, column, `${problem.message}; the file is refused rather than repaired`));
        clean = false;
        continue;
      }
    } else if (value !== null && typeof value !== 'number') {
      issues.push(issue(row, column, 'must be text or a number'));
      clean = false;
      continue;
    }
    input[column] = cellValue(column, value);
  }
  if (!clean) return null;
  const parsed = TrainingFields.safeParse(input);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const column = typeof zi.path[0] === 'string' ? zi.path[0] : null;
      issues.push(issue(row, column, zi.code === 'invalid_type' && input[column ?? ''] === undefined ? 'is empty; every row needs it' : zi.message));
    }
    return null;
  }
  const problems = trainingRecordProblems(parsed.data, today);
  for (const p of problems) issues.push(issue(row, p.field, p.message));
  return problems.length === 0 ? parsed.data : null;
}

/** The column names of a header (or a JSON entry's keys), each matched whatever its case; unknown, missing or repeated ones refused. */
function columnsOf(names: readonly string[], where: number | null, issues: FieldIssue[]): string[] | null {
  const columns: string[] = [];
  let clean = true;
  for (const name of names) {
    const column = canonical.get(name.trim().toLowerCase());
    if (!column) {
      issues.push(issue(where, null, `has an unknown column "${name.trim()}"; the columns are ${known.join(', ')} (note is optional)`));
      clean = false;
    } else if (columns.includes(column)) {
      issues.push(issue(where, null, `names the column ${column} twice`));
      clean = false;
    }
    columns.push(column ?? name);
  }
  const missing = trainingColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    issues.push(issue(where, null, `has no ${missing.join(', ')} ${missing.length === 1 ? 'column' : 'columns'}; every row needs ${trainingColumns.join(', ')}`));
    clean = false;
  }
  return clean ? columns : null;
}

function readCsvRows(text: string, today: string, issues: FieldIssue[]): TrainingFileRow[] {
  const table = readCsv(text);
  if (!table.ok) {
    issues.push(issue(table.line, null, table.message));
    return [];
  }
  const [header, ...body] = table.rows;
  if (!header) {
    issues.push(issue(null, null, 'The file is empty: give a header row (role,trained,using,date,materialVersion,refresherDue) and a row per role group.'));
    return [];
  }
  for (const name of header.cells) {
    const problem = plainTextProblem(name);
    if (problem) {
      issues.push(issue(header.line, null, `The header ${problem.message}`));
      return [];
    }
  }
  const columns = columnsOf(header.cells, header.line, issues);
  if (!columns) return [];
  if (body.length === 0) issues.push(issue(null, null, 'The file has a header row but no rows of training records.'));
  if (body.length > maxTrainingRows) {
    issues.push(issue(null, null, `The file has ${body.length} rows; at most ${maxTrainingRows} are read at once.`));
    return [];
  }
  const rows: TrainingFileRow[] = [];
  for (const { line, cells } of body) {
    if (cells.length !== columns.length) {
      issues.push(issue(line, null, `has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'}; the header names ${columns.length}`));
      continue;
    }
    const fields = readRow(line, new Map(columns.map((c, i) => [c, cells[i]])), today, issues);
    if (fields) rows.push({ row: line, fields });
  }
  return rows;
}

function readJsonRows(text: string, today: string, issues: FieldIssue[]): TrainingFileRow[] {
  let parsed: unknown;
  try {
    parsed = parseUntrustedJson(text, { maxDepth: 8 });
  } catch (error) {
    issues.push(issue(null, null, `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`));
    return [];
  }
  const entries = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null && Object.keys(parsed).length === 1 && Array.isArray((parsed as { rows?: unknown }).rows) ? (parsed as { rows: unknown[] }).rows : null;
  if (!entries) {
    issues.push(issue(null, null, 'The JSON file must be an array of training records, or { "rows": [...] }.'));
    return [];
  }
  if (entries.length === 0) issues.push(issue(null, null, 'The file holds no training records.'));
  if (entries.length > maxTrainingRows) {
    issues.push(issue(null, null, `The file has ${entries.length} rows; at most ${maxTrainingRows} are read at once.`));
    return [];
  }
  const rows: TrainingFileRow[] = [];
  entries.forEach((entry, index) => {
    const row = index + 1;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.push(issue(row, null, 'must be an object with the keys role, trained, using, date, materialVersion, refresherDue'));
      return;
    }
    const keys = Object.keys(entry);
    for (const key of keys) {
      const problem = plainTextProblem(key);
      if (problem) {
        issues.push(issue(row, null, `A key ${problem.message}`));
        return;
      }
    }
    const columns = columnsOf(keys, row, issues);
    if (!columns) return;
    const values = Object.values(entry);
    const fields = readRow(row, new Map(columns.map((c, i) => [c, values[i]])), today, issues);
    if (fields) rows.push({ row, fields });
  });
  return rows;
}

/** Reads and checks a whole training file as of `today`; refusals list every problem (row and column). */
export function readTrainingFile(text: string, today: string): TrainingFileResult {
  const issues: FieldIssue[] = [];
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxTrainingFileBytes) return { ok: false, issues: [issue(null, null, `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a training file may be at most ${maxTrainingFileBytes / 1024 / 1024} MB.`)] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, issues: [issue(null, null, 'The file is empty.')] };
  const format = /^\s*[[{]/.test(body) ? 'json' : 'csv';
  const rows = format === 'json' ? readJsonRows(body, today, issues) : readCsvRows(body, today, issues);
  // The same role group trained twice on one date cannot both be its record.
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${roleKey(r.fields.role)} ${r.fields.date}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r.row);
    else issues.push(issue(r.row, 'date', `${r.fields.role} on ${r.fields.date} is also in row ${first}; give one row per role group and date`));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, format, rows };
}
