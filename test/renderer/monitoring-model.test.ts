// The monitoring pages' view-models (issue 20): the chart's lines, thresholds and text table,
// the sentence that says what the chart shows, the months in words, and the acceptance-criteria
// editor's rows checked with the contract's rule and the core's refusals placed on their field.
import { describe, expect, it } from 'vitest';
import type { MonitoringBreach, MonitoringSummary } from '../../electron/contract/index.ts';
import { checkRows, emptyRow, rowErrorsFrom, rowsFromSet, type CriterionRow } from '../../renderer/src/pages/assessments/criteria-form-model.ts';
import { criterionWords, fileProblemWords, metricCharts, shortHash, subgroupLabel } from '../../renderer/src/pages/systems/monitoring/monitoring-model.ts';
import { formatMonth, formatMonthList } from '../../renderer/src/text/format.ts';

const enUS = navigator.language === 'en-US';
const months = ['2026-07', '2026-08', '2026-09', '2026-10'];

function breach(period: string, value: number): MonitoringBreach {
  return {
    criterionId: 'C2',
    metric: 'sensitivity',
    subgroup: 'age:65+',
    period,
    value,
    n: 212,
    kind: 'belowMin',
    limit: 0.8,
    overall: null,
    threatId: 'T-BIAS',
    eventId: period === '2026-10' ? 'EVT-9' : null,
    assessmentId: period === '2026-10' ? 'ASM-9' : null,
    words: `Sensitivity for age 65+ was ${value} in ${period}`,
  };
}

function summary(overrides: Partial<MonitoringSummary> = {}): MonitoringSummary {
  const overall = [0.86, 0.85, 0.84, 0.85];
  const older = [0.83, 0.81, 0.76, 0.71];
  return {
    systemId: 'SYS-1',
    criteria: {
      assessmentId: 'ASM-1',
      systemId: 'SYS-1',
      reviewPeriod: 'monthly',
      criteria: [
        { id: 'C1', metric: 'sensitivity', subgroup: 'all', min: 0.8, max: null, maxGap: null, rationale: 'local validation' },
        { id: 'C2', metric: 'sensitivity', subgroup: 'age:65+', min: 0.8, max: null, maxGap: 0.05, rationale: '' },
      ],
      revision: 1,
      recordedBy: 'Dana Reyes',
      recordedAt: '2026-06-01T10:00:00.000Z',
    },
    series: [
      { metric: 'sensitivity', subgroup: 'age:65+', criterionId: 'C2', points: months.map((period, i) => ({ period, value: older[i] ?? 0, n: 212, breached: i >= 2 })) },
      { metric: 'sensitivity', subgroup: 'all', criterionId: 'C1', points: months.map((period, i) => ({ period, value: overall[i] ?? 0, n: 1500, breached: false })) },
      { metric: 'alertRate', subgroup: 'all', criterionId: null, points: [{ period: '2026-10', value: 0.12, n: 1500, breached: false }] },
    ],
    breaches: [breach('2026-10', 0.71), breach('2026-09', 0.76)],
    imports: [],
    latestPeriod: '2026-10',
    overdue: false,
    ...overrides,
  };
}

describe('months in words', () => {
  it('writes a period as its month and year, and a run of months with the year once when they share it', () => {
    expect(formatMonth('2026-10')).toBe(new Intl.DateTimeFormat(navigator.language, { month: 'long', year: 'numeric' }).format(new Date(2026, 9, 1)));
    if (enUS) {
      expect(formatMonth('2026-10')).toBe('October 2026');
      expect(formatMonthList(['2026-09', '2026-10'])).toBe('September and October 2026');
      expect(formatMonthList(['2025-12', '2026-01'])).toBe('December 2025 and January 2026');
      expect(formatMonthList(['2026-01', '2026-02', '2026-03'])).toBe('January, February, and March 2026');
    }
    expect(formatMonth('not a month')).toBe('not a month');
  });
});

describe('the monitoring charts', () => {
  it('draws one chart per metric with criteria or data, the overall line first, then the subgroups', () => {
    const charts = metricCharts(summary());
    expect(charts.map((c) => c.metric)).toEqual(['sensitivity', 'alertRate']);
    const [sensitivity] = charts;
    expect(sensitivity?.lines.map((l) => l.label)).toEqual(['Overall', 'age 65+']);
    expect(sensitivity?.data.map((d) => d.period)).toEqual(months);
    expect(sensitivity?.data[3]).toMatchObject({ line0: 0.85, line1: 0.71, line0Breached: false, line1Breached: true });
  });

  it('draws each threshold of the metric as one labelled line per value and keeps the axis within the scale around values and thresholds', () => {
    const [sensitivity] = metricCharts(summary());
    expect(sensitivity?.thresholds).toEqual([{ y: 0.8, label: 'Minimum 0.80 (overall, age 65+)' }]);
    const apart = summary();
    const second = apart.criteria?.criteria[1];
    if (second) second.min = 0.75;
    expect(metricCharts(apart)[0]?.thresholds).toEqual([
      { y: 0.8, label: 'Minimum 0.80 (overall)' },
      { y: 0.75, label: 'Minimum 0.75 (age 65+)' },
    ]);
    // Values 0.71–0.86 and the 0.80 threshold: whole twentieths of the 0–1 scale around them.
    expect(sensitivity?.domain).toEqual([0.7, 0.9]);
    expect(sensitivity?.ticks).toEqual([0.7, 0.75, 0.8, 0.85, 0.9]);
    // A value on the end of the scale stays within it.
    const top = summary({ series: [{ metric: 'sensitivity', subgroup: 'all', criterionId: 'C1', points: [{ period: '2026-10', value: 1, n: 10, breached: false }] }], breaches: [] });
    const [, topHigh] = metricCharts(top)[0]?.domain ?? [0, 0];
    expect(topHigh).toBe(1);
    expect(metricCharts(top)[0]?.domain[0]).toBe(0.75);
  });

  it('lists every value in the text table by month and subgroup, with what it breached in words', () => {
    const [sensitivity] = metricCharts(summary());
    const rows = sensitivity?.rows ?? [];
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => [r.period, r.subgroup, r.value, r.n, r.breached])).toEqual(
      months.flatMap((period, i) => [
        [period, 'Overall', ['0.86', '0.85', '0.84', '0.85'][i], 1500, false],
        [period, 'age 65+', ['0.83', '0.81', '0.76', '0.71'][i], 212, i >= 2],
      ]),
    );
    expect(rows[0]?.status).toBe('Within limits');
    expect(rows[7]?.status).toBe('Breached: below the minimum 0.80');
    const alert = metricCharts(summary())[1];
    expect(alert?.rows[0]?.status).toBe('No acceptance criterion');
  });

  it('says in one sentence what the chart shows and which subgroup fell below its threshold in which months', () => {
    const [sensitivity, alertRate] = metricCharts(summary());
    if (enUS) {
      expect(sensitivity?.summary).toBe(
        'Line chart of Sensitivity by month from July 2026 to October 2026, overall and for age 65+. Sensitivity for age 65+ fell below 0.80 in September and October 2026.',
      );
      expect(alertRate?.summary).toBe('Line chart of Alert rate by month in October 2026, overall. No acceptance criteria are recorded for Alert rate.');
    }
    const calm = metricCharts(summary({ breaches: [], series: summary().series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, breached: false })) })) }))[0];
    expect(calm?.summary).toMatch(/Every value was within its acceptance criteria\.$/);
  });

  it('words a subgroup gap by the side the metric is better on', () => {
    const gap: MonitoringBreach = { ...breach('2026-10', 0.71), kind: 'gap', limit: 0.8, overall: 0.85 };
    const [sensitivity] = metricCharts(summary({ breaches: [gap] }));
    expect(sensitivity?.summary).toContain('Sensitivity for age 65+ fell more than 0.05 below the overall value in');
    expect(sensitivity?.rows[7]?.status).toBe('Breached: more than 0.05 below the overall value (0.85)');
  });

  it('shows a metric with criteria but no data yet, saying so', () => {
    const [chart] = metricCharts(summary({ series: [], breaches: [] }));
    expect(chart?.metric).toBe('sensitivity');
    expect(chart?.data).toEqual([]);
    expect(chart?.summary).toBe('No monitoring data for Sensitivity yet.');
  });

  it('names subgroups and criteria in words, shortens a hash, and says a refused row and column', () => {
    expect(subgroupLabel('all')).toBe('Overall');
    expect(subgroupLabel('site:st.mary')).toBe('site st.mary');
    const criteria = summary().criteria?.criteria ?? [];
    expect(criterionWords(criteria[1]!)).toBe('Sensitivity for age 65+: at least 0.80, no more than 0.05 from the overall value');
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(fileProblemWords({ path: 'row 12, column value', message: 'Looks like a percentage: give 0.82, not 82' }, (m) => m)).toBe('Row 12, column value: looks like a percentage: give 0.82, not 82');
  });
});

describe('the acceptance-criteria editor’s rows', () => {
  const row = (fields: Partial<CriterionRow>): CriterionRow => ({ ...emptyRow(), ...fields });

  it('turns typed rows into the contract’s criteria, an empty limit as none and a decimal comma as a point', () => {
    const checked = checkRows([row({ metric: 'sensitivity', subgroup: 'age:65+', min: '0,8', maxGap: '0.05', rationale: 'validation' })]);
    expect(checked).toEqual({ ok: true, criteria: [{ metric: 'sensitivity', subgroup: 'age:65+', min: 0.8, max: null, maxGap: 0.05, rationale: 'validation' }] });
  });

  it('puts each problem on its row and field: no metric, text for a number, a bad subgroup, no limit, a value off the scale, a duplicate', () => {
    const checked = checkRows([
      row({ metric: '', min: '0.8' }),
      row({ metric: 'ppv', min: 'high' }),
      row({ metric: 'ppv', subgroup: 'age 65', min: '0.5' }),
      row({ metric: 'auroc' }),
      row({ metric: 'sensitivity', min: '80' }),
      row({ metric: 'sensitivity', subgroup: 'all', max: '0.99' }),
    ]);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['0.metric', '1.min', '2.subgroup', '3.min', '4.min', '5.subgroup'].sort());
    expect(checked.errors['1.min']).toBe('Give a number, e.g. 0.8');
    expect(checked.errors['2.subgroup']).toMatch(/dimension:value/);
    expect(checked.errors['3.min']).toMatch(/at least one limit/);
    expect(checked.errors['4.min']).toMatch(/between 0 and 1/);
    expect(checked.errors['5.subgroup']).toMatch(/Row 5 already sets this metric/);
  });

  it('places the core’s refusals on the row and field they name, and reads a recorded set back as rows', () => {
    expect(rowErrorsFrom([{ path: 'criteria.1.max', message: 'max must not be below min' }, { path: 'reviewPeriod', message: 'x' }])).toEqual({ '1.max': 'Max must not be below min' });
    const rows = rowsFromSet(summary().criteria);
    expect(rows.map((r) => [r.metric, r.subgroup, r.min, r.max, r.maxGap])).toEqual([
      ['sensitivity', 'all', '0.8', '', ''],
      ['sensitivity', 'age:65+', '0.8', '', '0.05'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
});
