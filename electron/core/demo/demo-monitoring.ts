import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AcceptanceCriterion, metricDefinitions, monitoringMetrics, reviewPeriods, subgroupPattern } from '../../contract/index.ts';

/*
 * The demo's monitoring and training (issue 20): a year of monthly values per system, written as
 * the CSV a hospital's monitoring (or Epic's Seismometer) would export, and the training records
 * of the people using each system. The plan is data in templates/demo/portfolio.json; the months
 * are the twelve before the demo's clock, so the file is always "the last year" and never in the
 * future.
 */

/** One line of the chart: a metric in a subgroup, around a level, drifting by `drift` a month over its last `driftMonths`. */
const DemoSeries = z.strictObject({
  metric: z.enum(monitoringMetrics),
  subgroup: z.string().regex(subgroupPattern),
  level: z.number(),
  /** How far values wander month to month either side of the level (a deterministic draw). */
  noise: z.number().min(0),
  /** Change per month over the last `driftMonths` months (negative: falling). */
  drift: z.number().default(0),
  driftMonths: z.number().int().min(0).max(12).default(0),
  /** Cases counted a month (the value's n), give or take a tenth. */
  n: z.number().int().min(1),
});

export const DemoMonitoring = z.strictObject({
  /** The file name the import records, e.g. "seismometer-cxr-2026.csv". */
  fileName: z.string().min(1),
  source: z.string().min(1),
  reviewPeriod: z.enum(reviewPeriods),
  criteria: z.array(AcceptanceCriterion).min(1),
  series: z.array(DemoSeries).min(1),
});
export type DemoMonitoring = z.output<typeof DemoMonitoring>;

export const DemoTraining = z.strictObject({
  role: z.string().min(1),
  trained: z.number().int().min(0),
  using: z.number().int().min(1),
  /** Months before the demo's clock the training took place. */
  monthsAgo: z.number().int().min(0),
  materialVersion: z.string().min(1),
  /** Months after the training the refresher falls due (before now: overdue). */
  refresherAfterMonths: z.number().int().min(1),
});
export type DemoTraining = z.output<typeof DemoTraining>;

function draw(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** The `count` calendar months before `now`'s month, oldest first, as YYYY-MM. */
export function monthsBefore(now: Date, count: number): string[] {
  const months: string[] = [];
  for (let back = count; back >= 1; back--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** The date `months` calendar months before `now` (day kept within the month), YYYY-MM-DD. */
export function monthsAgo(now: Date, months: number, day = 1): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day)).toISOString().slice(0, 10);
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** The CSV text of a year of monitoring for one system (header: metric,subgroup,period,value,n,source). */
export function demoMonitoringCsv(plan: DemoMonitoring, now: Date, seed: string): string {
  const months = monthsBefore(now, 12);
  const lines = ['metric,subgroup,period,value,n,source'];
  for (const s of plan.series) {
    months.forEach((month, i) => {
      const intoDrift = i - (months.length - s.driftMonths) + 1;
      const wander = (draw(`${seed}:${s.metric}:${s.subgroup}:${month}`) * 2 - 1) * s.noise;
      const scale = metricDefinitions[s.metric];
      const value = round3(Math.min(scale.max, Math.max(scale.min, s.level + wander + (intoDrift > 0 ? s.drift * intoDrift : 0))));
      const n = Math.round(s.n * (0.9 + 0.2 * draw(`${seed}:n:${s.metric}:${s.subgroup}:${month}`)));
      // Subgroups such as "age:65+" carry no comma or quote, but quote anyway: it is what a spreadsheet writes.
      lines.push([s.metric, `"${s.subgroup}"`, month, value.toFixed(3), String(n), `"${plan.source}"`].join(','));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
