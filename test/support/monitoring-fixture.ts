import type { MonitoringBreach, MonitoringSeries } from '../../electron/contract/monitoring.ts';
import { monthsBetween } from '../../electron/core/export/charts/monitoring-chart-data.ts';
import type { RegisterModel, RegisterMonitoring } from '../../electron/core/export/register-model.ts';

/*
 * A year of monitoring for one system, built by hand for the register's tests: sensitivity
 * overall and in three subgroups, age 65+ falling below its 0.80 limit in August and September
 * 2026; PPV overall within its limit; AUROC imported without criteria.
 */

export const monitoringMonths = monthsBetween('2025-10', '2026-09');

const value = (base: number, i: number) => Number((base + ((i * 7) % 5) * 0.004).toFixed(3));

export function sepsisMonitoring(overrides: Partial<RegisterMonitoring> = {}, subgroup65 = 'age:65+'): RegisterMonitoring {
  const line = (metric: MonitoringSeries['metric'], subgroup: string, base: number, limit: number | null, drop = 0): MonitoringSeries => ({
    metric,
    subgroup,
    criterionId: limit === null ? null : `CRI-${metric}-${subgroup}`,
    points: monitoringMonths.map((period, i) => {
      const v = Number((value(base, i) - (i >= 10 ? drop : 0)).toFixed(3));
      return { period, value: v, n: 180 + i * 3, breached: limit !== null && v < limit };
    }),
  });
  const series = [
    line('sensitivity', 'all', 0.86, 0.8),
    line('sensitivity', subgroup65, 0.84, 0.8, 0.1),
    line('sensitivity', 'sex:female', 0.85, null),
    line('sensitivity', 'site:north', 0.87, null),
    line('ppv', 'all', 0.31, 0.2),
    line('auroc', 'all', 0.82, null),
  ];
  const breaches: MonitoringBreach[] = (series[1]?.points ?? [])
    .filter((p) => p.breached)
    .reverse()
    .map((p) => ({
      criterionId: `CRI-sensitivity-${subgroup65}`,
      metric: 'sensitivity',
      subgroup: subgroup65,
      period: p.period,
      value: p.value,
      n: p.n,
      kind: 'belowMin',
      limit: 0.8,
      overall: null,
      threatId: 'T-BIAS',
      eventId: 'EVT-1',
      assessmentId: 'ASM-2',
      words: `Sensitivity for ${subgroup65} was ${p.value} in ${p.period} (n = ${p.n}), below the 0.80 the local validation set (ASM-VAL-1).`,
    }));
  return {
    systemId: 'SYS-SEPSIS',
    systemName: 'Sepsis early warning',
    criteria: {
      assessmentId: 'ASM-VAL-1',
      systemId: 'SYS-SEPSIS',
      reviewPeriod: 'monthly',
      criteria: [
        { id: 'CRI-sensitivity-all', metric: 'sensitivity', subgroup: 'all', min: 0.8, max: null, maxGap: null, rationale: 'Local validation: 0.86 (95% CI 0.83–0.89).' },
        { id: `CRI-sensitivity-${subgroup65}`, metric: 'sensitivity', subgroup: subgroup65, min: 0.8, max: null, maxGap: 0.05, rationale: 'Older patients were under-represented in the vendor study.' },
        { id: 'CRI-ppv-all', metric: 'ppv', subgroup: 'all', min: 0.2, max: null, maxGap: null, rationale: 'Alert fatigue above five alerts per true case.' },
      ],
      revision: 1,
      recordedBy: 'Dr A. Osei (Assessor)',
      recordedAt: '2025-09-20T10:00:00.000Z',
    },
    criteriaFrom: 'the local validation assessment of 2025-09-12 (ASM-VAL-1), approved',
    series,
    breaches,
    imports: { count: 12, latestAt: '2026-10-03T08:00:00.000Z' },
    latestPeriod: '2026-09',
    overdue: false,
    ...overrides,
  };
}

/** `model` with the sepsis system's monitoring (and any others given). */
export const withMonitoring = (model: RegisterModel, monitoring: RegisterMonitoring[] = [sepsisMonitoring()]): RegisterModel => ({ ...model, monitoring });
