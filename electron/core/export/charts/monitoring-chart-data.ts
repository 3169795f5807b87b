import { metricDefinitions, overallSubgroup, type CriteriaSet, type MetricDefinition, type MonitoringMetric, type MonitoringSeries } from '../../../contract/monitoring.ts';

/*
 * What one monitoring chart shows, worked out once for the picture (monitoring-chart-svg.ts),
 * its alt text and the text table beside it (register-sections/monitoring.ts), so the three
 * never disagree: the months on the axis (every calendar month from the first to the last with
 * data, gaps included), the lines drawn (overall first, then subgroups), the limits, and which
 * values are outside them (as the monitoring core marked them).
 */

export type Criterion = CriteriaSet['criteria'][number];

/** At most this many lines in one picture (overall + 6 subgroups): more cannot be told apart in print. The table lists every subgroup. */
export const maxLinesPerChart = 7;

export interface ChartLine {
  subgroup: string;
  /** The subgroup in words: "Overall" or "age: 65+". */
  label: string;
  /** One value per month of `months` (null: no data that month). */
  values: ({ value: number; n: number; breached: boolean } | null)[];
}

export interface ChartLimit {
  kind: 'min' | 'max';
  value: number;
  /** The subgroups the limit applies to, in words. */
  appliesTo: string[];
}

export interface ChartData {
  metric: MonitoringMetric;
  definition: MetricDefinition;
  /** Every month from the first to the last with data, YYYY-MM. */
  months: string[];
  /** The lines drawn, overall first. */
  lines: ChartLine[];
  /** Subgroups with data not drawn (more than the chart can tell apart); they are in the table. */
  notDrawn: ChartLine[];
  limits: ChartLimit[];
  /** Subgroup gap limits ("within 0.05 of overall"): not a fixed line, so said in words. */
  gaps: { subgroup: string; maxGap: number }[];
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2026-08" → "Aug 2026". */
export function monthWords(period: string): string {
  const [year, month] = period.split('-');
  return `${monthNames[Number(month) - 1] ?? month} ${year}`;
}

/** Every month from `first` to `last` inclusive (YYYY-MM). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** "all" → "Overall"; "age:65+" → "age: 65+". */
export const subgroupWords = (subgroup: string): string => (subgroup === overallSubgroup ? 'Overall' : subgroup.replace(/^([^:]+):/, '$1: '));

/** A value as the register prints it: up to three decimals, no trailing zeros beyond two ("0.80", "0.815", "3"). */
export function valueWords(value: number): string {
  const fixed = value.toFixed(3).replace(/0$/, '');
  return Number.isInteger(value) && Math.abs(value) >= 2 ? String(value) : fixed;
}

/**
 * The chart of one metric: its series (any subgroups; `all` is put first) and the criteria for
 * that metric. Lines beyond `maxLinesPerChart` go to `notDrawn`, preferring to draw the
 * subgroups that have a criterion or a breach.
 */
export function chartData(metric: MonitoringMetric, series: readonly MonitoringSeries[], criteria: readonly Criterion[]): ChartData {
  const own = series.filter((s) => s.metric === metric && s.points.length > 0);
  const periods = own.flatMap((s) => s.points.map((p) => p.period)).sort();
  const months = periods.length ? monthsBetween(periods[0] ?? '', periods.at(-1) ?? '') : [];
  const index = new Map(months.map((m, i) => [m, i]));
  const rules = criteria.filter((c) => c.metric === metric);
  const watched = new Set(rules.map((c) => c.subgroup));
  const toLine = (s: MonitoringSeries): ChartLine => {
    const values: ChartLine['values'] = months.map(() => null);
    for (const p of s.points) {
      const at = index.get(p.period);
      if (at !== undefined) values[at] = { value: p.value, n: p.n, breached: p.breached };
    }
    return { subgroup: s.subgroup, label: subgroupWords(s.subgroup), values };
  };
  const priority = (s: MonitoringSeries) => (s.subgroup === overallSubgroup ? 0 : s.points.some((p) => p.breached) ? 1 : watched.has(s.subgroup) ? 2 : 3);
  const ordered = [...own].sort((a, b) => priority(a) - priority(b) || a.subgroup.localeCompare(b.subgroup));
  const drawn = ordered.slice(0, maxLinesPerChart).sort((a, b) => (a.subgroup === overallSubgroup ? -1 : b.subgroup === overallSubgroup ? 1 : a.subgroup.localeCompare(b.subgroup)));
  const limits: ChartLimit[] = [];
  for (const c of rules) {
    for (const kind of ['min', 'max'] as const) {
      const value = c[kind];
      if (value === null) continue;
      const same = limits.find((l) => l.kind === kind && l.value === value);
      if (same) same.appliesTo.push(subgroupWords(c.subgroup));
      else limits.push({ kind, value, appliesTo: [subgroupWords(c.subgroup)] });
    }
  }
  return {
    metric,
    definition: metricDefinitions[metric],
    months,
    lines: drawn.map(toLine),
    notDrawn: ordered.slice(maxLinesPerChart).map(toLine),
    limits: limits.sort((a, b) => a.value - b.value),
    gaps: rules.flatMap((c) => (c.maxGap === null ? [] : [{ subgroup: subgroupWords(c.subgroup), maxGap: c.maxGap }])),
  };
}

/** "Sensitivity by month, Oct 2025 to Sep 2026". */
export function chartTitle(data: ChartData): string {
  const first = data.months[0];
  const last = data.months.at(-1);
  if (!first || !last) return `${data.definition.label} by month`;
  return first === last ? `${data.definition.label}, ${monthWords(first)}` : `${data.definition.label} by month, ${monthWords(first)} to ${monthWords(last)}`;
}

/** "Aug and Sep 2026", "Jan 2026, Mar 2026 and 3 more months". */
function monthsList(periods: readonly string[]): string {
  const words = periods.map(monthWords);
  if (words.length <= 1) return words.join('');
  const shown = words.length > 4 ? [...words.slice(0, 3), `${words.length - 3} more months`] : words;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

/**
 * What the chart shows, for its alt text: the lines, the limits, and which lines are outside
 * them in which months. E.g. "Overall and 3 subgroups. Limit: at least 0.80. Outside the limits:
 * age: 65+ in Aug 2026 and Sep 2026."
 */
export function chartDescription(data: ChartData): string {
  const subgroups = data.lines.filter((l) => l.subgroup !== overallSubgroup).length;
  const hasOverall = data.lines.some((l) => l.subgroup === overallSubgroup);
  const lines = [hasOverall ? 'overall' : '', subgroups ? `${subgroups} subgroup${subgroups === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  const parts = [`${data.definition.label}, ${data.definition.unit}: one line for ${lines || 'no data'}.`];
  if (data.notDrawn.length) parts.push(`${data.notDrawn.length} more subgroup${data.notDrawn.length === 1 ? ' is' : 's are'} in the table only.`);
  const limitWords = data.limits.map((l) => `${l.kind === 'min' ? 'at least' : 'at most'} ${valueWords(l.value)} (${l.appliesTo.join(', ')})`);
  const gapWords = data.gaps.map((g) => `${g.subgroup} within ${valueWords(g.maxGap)} of overall`);
  parts.push(limitWords.length + gapWords.length ? `Limits: ${[...limitWords, ...gapWords].join('; ')}.` : 'No limits are set for this metric.');
  const breached = [...data.lines, ...data.notDrawn].flatMap((l) => {
    const months = data.months.filter((_, i) => l.values[i]?.breached);
    return months.length ? [`${l.label} in ${monthsList(months)}`] : [];
  });
  parts.push(breached.length ? `Outside the limits: ${breached.join('; ')}.` : data.limits.length + data.gaps.length ? 'Every value is within the limits.' : '');
  return parts.filter(Boolean).join(' ');
}
