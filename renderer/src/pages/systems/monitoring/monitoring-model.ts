import {
  metricDefinitions,
  monitoringMetrics,
  overallSubgroup,
  type CriteriaSet,
  type MonitoringBreach,
  type MonitoringMetric,
  type MonitoringSummary,
} from '../../../../../electron/contract/index.ts';
import { formatMeasure, formatMonth, formatMonthShort, formatMonthList } from '../../../text/format.ts';

/**
 * What the system page's monitoring panel shows, built from the core's MonitoringSummary
 * without React: per metric, the chart's data and lines, the thresholds, the text table that is
 * its alternative, and the sentence that says what the chart shows. Kept pure so the words are
 * tested without a browser.
 */

type Criterion = CriteriaSet['criteria'][number];

/** "Overall" for the whole population; "age 65+" for `age:65+`. */
export const subgroupLabel = (subgroup: string): string => (subgroup === overallSubgroup ? 'Overall' : subgroup.replace(':', ' '));

/** One line of the chart: the data key is a safe name (a subgroup may hold dots), the label is the subgroup's. */
export interface ChartLine {
  key: string;
  subgroup: string;
  label: string;
}

/** A threshold drawn across the chart. */
export interface ChartThreshold {
  y: number;
  label: string;
}

/** One row of the text alternative. */
export interface ChartTableRow {
  period: string;
  month: string;
  subgroup: string;
  value: string;
  n: number;
  breached: boolean;
  /** "Within limits", "No acceptance criterion", or what was breached in words. */
  status: string;
}

export interface MetricChart {
  metric: MonitoringMetric;
  label: string;
  unit: string;
  lines: ChartLine[];
  /** One point per month: `period`, `month` (in words), each line's value under its key and `${key}Breached`. */
  data: Record<string, string | number | boolean | null>[];
  thresholds: ChartThreshold[];
  /** The y axis: the values and thresholds, widened to whole steps of the metric's scale, within it. */
  domain: [number, number];
  /** The y axis's marks, one per step of the domain. */
  ticks: number[];
  rows: ChartTableRow[];
  /** The chart in words: what it plots and what crossed its limits. */
  summary: string;
  criteria: Criterion[];
}

const limitWords = (c: Criterion): string[] => [
  ...(c.min !== null ? [`at least ${formatMeasure(c.min)}`] : []),
  ...(c.max !== null ? [`at most ${formatMeasure(c.max)}`] : []),
  ...(c.maxGap !== null ? [`no more than ${formatMeasure(c.maxGap)} from the overall value`] : []),
];

/** "Sensitivity overall", "Sensitivity for age 65+". */
const metricFor = (label: string, subgroup: string): string => (subgroup === overallSubgroup ? `${label} overall` : `${label} for ${subgroupLabel(subgroup)}`);

/** A criterion in words: "Sensitivity for age 65+: at least 0.80, no more than 0.05 from the overall value". */
export const criterionWords = (c: Criterion): string => `${metricFor(metricDefinitions[c.metric].label, c.subgroup)}: ${limitWords(c).join(', ')}`;

/** What a breach crossed, as the table's status says it. */
function breachPhrase(b: Pick<MonitoringBreach, 'kind' | 'limit' | 'overall' | 'metric'>, gap: number | null): string {
  if (b.kind === 'belowMin') return `below the minimum ${formatMeasure(b.limit)}`;
  if (b.kind === 'aboveMax') return `above the maximum ${formatMeasure(b.limit)}`;
  const side = metricDefinitions[b.metric].higherIsBetter;
  const by = gap === null ? '' : `more than ${formatMeasure(gap)} `;
  const where = side === true ? 'below' : side === false ? 'above' : 'away from';
  return `${by}${where} the overall value${b.overall === null ? '' : ` (${formatMeasure(b.overall)})`}`;
}

/** The verb a summary uses for a run of breaches of one kind. */
function trendPhrase(kind: MonitoringBreach['kind'], metric: MonitoringMetric, limit: number, gap: number | null): string {
  if (kind === 'belowMin') return `fell below ${formatMeasure(limit)}`;
  if (kind === 'aboveMax') return `rose above ${formatMeasure(limit)}`;
  const side = metricDefinitions[metric].higherIsBetter;
  const by = gap === null ? '' : ` more than ${formatMeasure(gap)}`;
  if (side === true) return `fell${by} below the overall value`;
  if (side === false) return `rose${by} above the overall value`;
  return `was${by} away from the overall value`;
}

const byPeriod = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The charts of a summary: one per metric with criteria or data, in the contract's order of metrics. */
export function metricCharts(summary: MonitoringSummary): MetricChart[] {
  const criteria = summary.criteria?.criteria ?? [];
  const metrics = monitoringMetrics.filter((m) => criteria.some((c) => c.metric === m) || summary.series.some((s) => s.metric === m));
  return metrics.map((metric) => metricChart(summary, metric));
}

function metricChart(summary: MonitoringSummary, metric: MonitoringMetric): MetricChart {
  const def = metricDefinitions[metric];
  const criteria = (summary.criteria?.criteria ?? []).filter((c) => c.metric === metric);
  const criterionOf = (subgroup: string) => criteria.find((c) => c.subgroup === subgroup) ?? null;
  // The overall line first, then the subgroups in the order the core lists them.
  const series = summary.series.filter((s) => s.metric === metric).sort((a, b) => Number(b.subgroup === overallSubgroup) - Number(a.subgroup === overallSubgroup));
  const lines: ChartLine[] = series.map((s, i) => ({ key: `line${i}`, subgroup: s.subgroup, label: subgroupLabel(s.subgroup) }));
  const breaches = summary.breaches.filter((b) => b.metric === metric);
  const breachesAt = (subgroup: string, period: string) => breaches.filter((b) => b.subgroup === subgroup && b.period === period);

  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort(byPeriod);
  const data = periods.map((period) => {
    const point: Record<string, string | number | boolean | null> = { period, month: formatMonthShort(period) };
    series.forEach((s, i) => {
      const p = s.points.find((q) => q.period === period);
      point[`line${i}`] = p ? p.value : null;
      point[`line${i}Breached`] = p ? p.breached : false;
    });
    return point;
  });

  const rows: ChartTableRow[] = periods.flatMap((period) =>
    series.flatMap((s) => {
      const p = s.points.find((q) => q.period === period);
      if (!p) return [];
      const crossed = breachesAt(s.subgroup, period);
      const criterion = criterionOf(s.subgroup);
      const status = p.breached
        ? `Breached: ${crossed.length > 0 ? crossed.map((b) => breachPhrase(b, criterionOf(b.subgroup)?.maxGap ?? null)).join('; ') : 'outside its acceptance criterion'}`
        : criterion || s.criterionId !== null
          ? 'Within limits'
          : 'No acceptance criterion';
      return [{ period, month: formatMonth(period), subgroup: subgroupLabel(s.subgroup), value: formatMeasure(p.value), n: p.n, breached: p.breached, status }];
    }),
  );

  // One line per threshold value: an overall and a subgroup minimum of 0.80 are one line naming both.
  const limits = new Map<string, { y: number; kind: string; who: string[] }>();
  for (const c of criteria) {
    const who = c.subgroup === overallSubgroup ? 'overall' : subgroupLabel(c.subgroup);
    for (const [kind, y] of [['Minimum', c.min], ['Maximum', c.max]] as const) {
      if (y === null) continue;
      const key = `${kind}${y}`;
      const limit = limits.get(key) ?? { y, kind, who: [] };
      limit.who.push(who);
      limits.set(key, limit);
    }
  }
  const thresholds: ChartThreshold[] = [...limits.values()].map((l) => ({ y: l.y, label: `${l.kind} ${formatMeasure(l.y)} (${l.who.join(', ')})` }));

  const values = [...series.flatMap((s) => s.points.map((p) => p.value)), ...thresholds.map((t) => t.y)];
  const low = values.length > 0 ? Math.min(...values) : def.min;
  const high = values.length > 0 ? Math.max(...values) : def.max;
  // Whole steps of a twentieth of the scale (0.05 on 0–1), so the axis reads 0.70, 0.75, 0.80 and a threshold sits on a tick.
  const step = (def.max - def.min) / 20;
  const at = (k: number) => Math.round((def.min + k * step) * 1000) / 1000;
  // A value exactly on a step gets a step of room, unless it is the end of the scale.
  let lowStep = Math.max(0, Math.floor((low - def.min) / step - 1e-9));
  let highStep = Math.min(20, Math.ceil((high - def.min) / step + 1e-9));
  if (highStep === lowStep) {
    if (highStep < 20) highStep += 1;
    else lowStep -= 1;
  }
  const ticks = Array.from({ length: highStep - lowStep + 1 }, (_, k) => at(lowStep + k));
  const domain: [number, number] = [at(lowStep), at(highStep)];

  return { metric, label: def.label, unit: def.unit, lines, data, thresholds, domain, ticks, rows, summary: chartSummary(def.label, metric, periods, lines, breaches, criteria), criteria };
}

/**
 * "Line chart of Sensitivity by month from January 2026 to December 2026, overall and for age
 * 65+. Sensitivity for age 65+ fell below 0.8 in September and October 2026."
 */
function chartSummary(label: string, metric: MonitoringMetric, periods: string[], lines: ChartLine[], breaches: MonitoringBreach[], criteria: Criterion[]): string {
  if (periods.length === 0) return `No monitoring data for ${label} yet.`;
  const first = periods[0] ?? '';
  const last = periods[periods.length - 1] ?? '';
  const span = first === last ? `in ${formatMonth(first)}` : `from ${formatMonth(first)} to ${formatMonth(last)}`;
  const subgroups = lines.filter((l) => l.subgroup !== overallSubgroup).map((l) => l.label);
  const hasOverall = lines.some((l) => l.subgroup === overallSubgroup);
  const whom = [...(hasOverall ? ['overall'] : []), ...(subgroups.length > 0 ? [`for ${subgroups.join(', ')}`] : [])].join(' and ');
  const opening = `Line chart of ${label} by month ${span}${whom ? `, ${whom}` : ''}.`;
  if (criteria.length === 0) return `${opening} No acceptance criteria are recorded for ${label}.`;
  if (breaches.length === 0) return `${opening} Every value was within its acceptance criteria.`;
  // One sentence per subgroup and kind of breach, its months in order.
  const runs = new Map<string, MonitoringBreach[]>();
  for (const b of breaches) {
    const key = `${b.subgroup}\u0000${b.kind}\u0000${b.kind === 'gap' ? '' : b.limit}`;
    runs.set(key, [...(runs.get(key) ?? []), b]);
  }
  const sentences = [...runs.values()].map((run) => {
    const head = run[0] as MonitoringBreach;
    const gap = criteria.find((c) => c.subgroup === head.subgroup)?.maxGap ?? null;
    const months = [...new Set(run.map((b) => b.period))].sort(byPeriod);
    return `${metricFor(label, head.subgroup)} ${trendPhrase(head.kind, metric, head.limit, gap)} in ${formatMonthList(months)}.`;
  });
  return `${opening} ${sentences.join(' ')}`;
}

/** A SHA-256 shortened to its first twelve characters for a list; the whole value stays available to copy. */
export const shortHash = (sha256: string): string => (sha256.length > 16 ? `${sha256.slice(0, 12)}…` : sha256);

/** "Row 12, column value: looks like a percentage …": one problem of a refused file, where it is and what is wrong. */
export function fileProblemWords(issue: { path: string; message: string }, words: (message: string) => string): string {
  const where = issue.path.trim();
  const what = words(issue.message);
  if (where === '') return what;
  return `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}
