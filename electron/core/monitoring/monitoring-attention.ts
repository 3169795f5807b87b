import type { Dashboard } from '../../contract/index.ts';
import type { Repositories } from '../store/storage-port.ts';
import { criteriaInForce } from './criteria-in-force.ts';
import { monitoringObservations } from './monitoring-observations.ts';
import { isOverdue } from './overdue.ts';
import { monthWords } from './read-monitoring-file.ts';

/**
 * The dashboard's monitoring part: of the systems with acceptance criteria (found in SQL, few in
 * a portfolio), those breaching a criterion in its latest month, as the live profile counts it
 * (monitoring-observations.ts), and those whose data is overdue for the review period.
 */
export async function monitoringAttention(r: Repositories, today: string, limit: number): Promise<Dashboard['monitoring']> {
  const rows: Dashboard['monitoring']['rows'] = [];
  for (const system of await r.dashboard.monitoredSystems()) {
    const criteria = await criteriaInForce(r, system.systemId);
    if (!criteria || criteria.criteria.length === 0) continue;
    const signals = await monitoringObservations(r, system.systemId, today);
    const overdue = isOverdue(system.latestPeriod, criteria.reviewPeriod, today);
    if (signals.length === 0 && !overdue) continue;
    const words: string[] = [];
    if (signals[0]) words.push(signals[0].detail);
    if (signals.length > 1) words.push(`${signals.length - 1} more ${signals.length === 2 ? 'criterion is' : 'criteria are'} breached in their latest month.`);
    if (overdue && system.latestPeriod) words.push(`Monitoring data is overdue: the latest is for ${monthWords(system.latestPeriod)}, and the criteria ask for a review ${criteria.reviewPeriod === 'monthly' ? 'every month' : 'every quarter'}.`);
    rows.push({ systemId: system.systemId, systemName: system.systemName, latestPeriod: system.latestPeriod, breaches: signals.length, overdue, detail: words.join(' ') });
  }
  const breachingFirst = [...rows].sort((a, b) => Number(b.breaches > 0) - Number(a.breaches > 0));
  return { breaching: rows.filter((row) => row.breaches > 0).length, overdue: rows.filter((row) => row.overdue).length, rows: breachingFirst.slice(0, limit) };
}
