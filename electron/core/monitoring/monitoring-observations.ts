import type { ObservationSource, ObservedSignal } from '../scoring/observed.ts';
import { findBreaches } from './breaches.ts';
import { criteriaInForce } from './criteria-in-force.ts';

/**
 * What monitoring tells the live profile (docs/monitoring.md): one signal per criterion breached
 * in its latest month with data. A criterion back within its limits in its latest month raises
 * nothing any more; its history stays in the drift events and the charts.
 */
export const monitoringObservations: ObservationSource = async (r, systemId) => {
  const criteria = await criteriaInForce(r, systemId);
  if (!criteria || criteria.criteria.length === 0) return [];
  const values = await r.monitoring.values(systemId);
  const latest = new Map<string, string>();
  for (const v of values) {
    const key = `${v.metric}\u0000${v.subgroup}`;
    if ((latest.get(key) ?? '') < v.period) latest.set(key, v.period);
  }
  const signals: ObservedSignal[] = [];
  for (const b of findBreaches(criteria.criteria, values, criteria.assessmentId)) {
    if (latest.get(`${b.metric}\u0000${b.subgroup}`) !== b.period) continue;
    signals.push({ threatId: b.threatId, source: 'monitoring', ref: `${b.criterionId}@${b.period}`, detail: b.words });
  }
  return signals.sort((a, b) => a.ref.localeCompare(b.ref));
};
