import {
  AcceptanceCriterion,
  monitoringMetrics,
  toFieldIssues,
  type CriteriaSet,
  type FieldIssue,
  type MonitoringMetric,
} from '../../../../electron/contract/index.ts';
import { issueWords } from '../../text/messages.ts';

/**
 * The acceptance-criteria editor's rows as typed (text, so a half-typed number stays as typed),
 * turned into the contract's criteria, checked with the contract's own rule before sending, and
 * the core's refusals placed back on the row and field they name.
 */
export const criterionFields = ['metric', 'subgroup', 'min', 'max', 'maxGap', 'rationale'] as const;
export type CriterionField = (typeof criterionFields)[number];

export interface CriterionRow {
  /** A key for React only: rows are added and removed in the middle. */
  key: number;
  metric: MonitoringMetric | '';
  subgroup: string;
  min: string;
  max: string;
  maxGap: string;
  rationale: string;
}

/** Errors keyed "index.field", as the rows show them. */
export type RowErrors = Record<string, string>;

let nextKey = 1;
export const emptyRow = (): CriterionRow => ({ key: nextKey++, metric: '', subgroup: 'all', min: '', max: '', maxGap: '', rationale: '' });

const shown = (n: number | null): string => (n === null ? '' : String(n));

export const rowsFromSet = (set: CriteriaSet | null): CriterionRow[] =>
  (set?.criteria ?? []).map((c) => ({ key: nextKey++, metric: c.metric, subgroup: c.subgroup, min: shown(c.min), max: shown(c.max), maxGap: shown(c.maxGap), rationale: c.rationale }));

/** A number as typed: empty is "no limit"; a comma as the decimal mark is read as a point. */
function readNumber(text: string): { value: number | null } | { problem: string } {
  const t = text.trim().replace(',', '.');
  if (t === '') return { value: null };
  const n = Number(t);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) || !Number.isFinite(n)) return { problem: 'give a number, e.g. 0.8' };
  return { value: n };
}

const sentence = (words: string) => `${words.charAt(0).toUpperCase()}${words.slice(1)}`;

/** The core's issues (paths "criteria.2.min") as the row errors the table shows. */
export function rowErrorsFrom(issues: readonly FieldIssue[]): RowErrors {
  const errors: RowErrors = {};
  for (const issue of issues) {
    const m = /^criteria\.(\d+)\.(\w+)$/.exec(issue.path);
    if (!m || !(criterionFields as readonly string[]).includes(m[2] ?? '')) continue;
    errors[`${m[1]}.${m[2]}`] ??= issueWords(issue);
  }
  return errors;
}

export type CriteriaCheck = { ok: true; criteria: AcceptanceCriterion[] } | { ok: false; errors: RowErrors };

/** The rows as the contract's criteria, or the errors by row and field (the contract's rule, checked before sending). */
export function checkRows(rows: readonly CriterionRow[]): CriteriaCheck {
  const errors: RowErrors = {};
  const criteria: AcceptanceCriterion[] = [];
  rows.forEach((row, i) => {
    if (row.metric === '' || !(monitoringMetrics as readonly string[]).includes(row.metric)) errors[`${i}.metric`] = 'Choose the metric';
    const numbers: Partial<Record<'min' | 'max' | 'maxGap', number | null>> = {};
    for (const field of ['min', 'max', 'maxGap'] as const) {
      const read = readNumber(row[field]);
      if ('problem' in read) errors[`${i}.${field}`] = sentence(read.problem);
      else numbers[field] = read.value;
    }
    if (Object.keys(errors).some((k) => k.startsWith(`${i}.`))) return;
    const parsed = AcceptanceCriterion.safeParse({ metric: row.metric, subgroup: row.subgroup, min: numbers.min ?? null, max: numbers.max ?? null, maxGap: numbers.maxGap ?? null, rationale: row.rationale });
    if (parsed.success) criteria.push(parsed.data);
    else for (const issue of toFieldIssues(parsed.error)) errors[`${i}.${issue.path || 'min'}`] ??= issueWords(issue);
  });
  // The same metric and subgroup twice would leave the charts and breaches two thresholds for one line.
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = `${row.metric}\u0000${row.subgroup.trim()}`;
    const first = seen.get(key);
    if (first !== undefined && row.metric !== '') errors[`${i}.subgroup`] ??= `Row ${first + 1} already sets this metric for this subgroup: give both limits on one row`;
    else seen.set(key, i);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, criteria };
}
