import { metricDefinitions, overallSubgroup, type MonitoringBreach, type MonitoringMetric } from '../../contract/monitoring.ts';
import { listWords } from '../committee/words.ts';
import { formatValue, subgroupWords } from './monitoring-words.ts';
import { monthWords, valueKey } from './read-monitoring-file.ts';

/**
 * Which values breach the criteria in force (docs/monitoring.md, "Breaches"). Pure: the import
 * records the new ones as drift events, the live profile counts those of each criterion's latest
 * month, the summary and the charts show them all.
 */

export interface Criterion {
  id: string;
  metric: MonitoringMetric;
  subgroup: string;
  min: number | null;
  max: number | null;
  maxGap: number | null;
}

export interface Value {
  metric: MonitoringMetric;
  subgroup: string;
  period: string;
  value: number;
  n: number;
}

/** A breach before governance recorded it. */
export type Breach = Omit<MonitoringBreach, 'eventId' | 'assessmentId'>;

/** Float noise (0.85 − 0.75 is 0.09999…) must not decide a breach at the limit itself. */
const tolerance = 1e-9;

const kindWords: Record<Breach['kind'], string> = { belowMin: 'below', aboveMax: 'above', gap: 'beyond the allowed gap' };

/** The breach of one criterion by one value, or null. `overall`: the same metric's value for `all` that month, if any. */
export function breachOf(criterion: Criterion, v: Value, overall: number | undefined, assessmentId: string): Breach | null {
  const def = metricDefinitions[criterion.metric];
  const said = `${def.label} ${subgroupWords(v.subgroup)} was ${formatValue(v.value)} in ${monthWords(v.period)} (n = ${v.n.toLocaleString('en-GB')})`;
  const base = { criterionId: criterion.id, metric: criterion.metric, subgroup: v.subgroup, period: v.period, value: v.value, n: v.n, threatId: v.subgroup === overallSubgroup ? def.threat.overall : def.threat.subgroup };
  if (criterion.min !== null && v.value < criterion.min - tolerance) {
    return { ...base, kind: 'belowMin', limit: criterion.min, overall: null, words: `${said}, below the ${formatValue(criterion.min)} the local validation set (${assessmentId}).` };
  }
  if (criterion.max !== null && v.value > criterion.max + tolerance) {
    return { ...base, kind: 'aboveMax', limit: criterion.max, overall: null, words: `${said}, above the ${formatValue(criterion.max)} the local validation set (${assessmentId}).` };
  }
  if (criterion.maxGap !== null && overall !== undefined) {
    const gap = def.higherIsBetter === true ? overall - v.value : def.higherIsBetter === false ? v.value - overall : Math.abs(v.value - overall);
    if (gap > criterion.maxGap + tolerance) {
      const below = v.value < overall;
      return {
        ...base,
        kind: 'gap',
        limit: below ? overall - criterion.maxGap : overall + criterion.maxGap,
        overall,
        words: `${said}, ${formatValue(Math.abs(v.value - overall))} ${below ? 'below' : 'above'} the overall ${formatValue(overall)}: a wider gap than the ${formatValue(criterion.maxGap)} the local validation allows (${assessmentId}).`,
      };
    }
  }
  return null;
}

/** Every breach of the criteria in the values, newest month first (then in the criteria's order). */
export function findBreaches(criteria: readonly Criterion[], values: readonly Value[], assessmentId: string): Breach[] {
  const overall = new Map<string, number>();
  const bySeries = new Map<string, Value[]>();
  for (const v of values) {
    if (v.subgroup === overallSubgroup) overall.set(valueKey(v.metric, overallSubgroup, v.period), v.value);
    const key = `${v.metric}\u0000${v.subgroup}`;
    const series = bySeries.get(key);
    if (series) series.push(v);
    else bySeries.set(key, [v]);
  }
  const found: { breach: Breach; order: number }[] = [];
  criteria.forEach((criterion, order) => {
    for (const v of bySeries.get(`${criterion.metric}\u0000${criterion.subgroup}`) ?? []) {
      const breach = breachOf(criterion, v, overall.get(valueKey(v.metric, overallSubgroup, v.period)), assessmentId);
      if (breach) found.push({ breach, order });
    }
  });
  return found.sort((a, b) => b.breach.period.localeCompare(a.breach.period) || a.order - b.order).map((f) => f.breach);
}

/**
 * The drift event's words for one criterion's new breaches (newest first): the newest in full,
 * then the other months ("Also below in September 2026 and August 2026.").
 */
export function driftDescription(breaches: readonly Breach[]): string {
  const [newest, ...others] = breaches;
  if (!newest) return '';
  const byKind = new Map<string, string[]>();
  for (const b of others) byKind.set(kindWords[b.kind], [...(byKind.get(kindWords[b.kind]) ?? []), monthWords(b.period)]);
  const also = [...byKind].map(([kind, months]) => `${kind} in ${listWords(months)}`);
  return also.length === 0 ? newest.words : `${newest.words} Also ${also.join('; ')}.`;
}
